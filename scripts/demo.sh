#!/bin/sh
# The main job on the bundled example: builds what is needed, then verifies
# the example model in the hcgs dialect and prints its IR and the HCGS
# structure of its weights.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh" hcgs-opt >/dev/null

echo "== examples/speech_lstm.mlir, verified and printed (weights elided) =="
"$build/bin/hcgs-opt" "$root/examples/speech_lstm.mlir" \
  --mlir-elide-resource-strings-if-larger=64
echo
echo "== HCGS masks =="
"$build/bin/hcgs-opt" "$root/examples/speech_lstm.mlir" --hcgs-mask-stats \
  -o /dev/null 2>&1 | grep remark:
