#!/bin/sh
# The main job on the bundled example (examples/speech_lstm.onnx, a 2-layer
# LSTM acoustic model exported by PyTorch with HCGS-masked weights): builds
# what is needed, imports the model into the hcgs dialect, finds the HCGS
# structure of its weights, and runs it in the float reference executor on a
# bundled utterance, comparing with PyTorch's output.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh" hcgs-opt hcgs-translate hcgs-run >/dev/null
bin="$build/bin"
out="$build/demo"
mkdir -p "$out"
example="$root/examples/speech_lstm"

echo "== Import examples/speech_lstm.onnx into the hcgs dialect (weights elided) =="
"$bin/hcgs-translate" --import-onnx "$example.onnx" --mlir-print-debuginfo \
  -o "$out/speech_lstm.mlir"
"$bin/hcgs-opt" "$out/speech_lstm.mlir" --mlir-elide-resource-strings-if-larger=64 \
  | sed -n '/func.func/,/^  }/p'
echo
echo "== HCGS structure found in the weights =="
"$bin/hcgs-opt" "$out/speech_lstm.mlir" --hcgs-legalize-masks --hcgs-mask-stats \
  -o /dev/null 2>&1 | grep remark: | sed 's/^.*remark: //; s/^.*: layer /layer /'
echo
echo "== Float reference on 200 frames, against PyTorch =="
"$bin/hcgs-run" "$example.onnx" -i features="$example.features.npy" \
  --expect logits="$example.logits.npy" -o "$out/reference"
echo "outputs written to $out/reference"
