#!/bin/sh
# The main job on the bundled example (examples/speech_lstm.onnx, a 2-layer
# LSTM acoustic model exported by PyTorch with HCGS-masked weights): builds
# what is needed, then
#   1. imports the model into the hcgs dialect, verifies and prints its IR
#      (weights elided) and shows the HCGS structure found in its weights;
#   2. compiles it for the default target (jssc2020) and prints the report;
#   3. runs the float reference on a bundled utterance (against PyTorch);
#   4. runs the program in the bit-exact simulator and prints its SQNR
#      against the float reference.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh" hcgs-opt hcgs-translate hcgs-compile hcgs-run >/dev/null
bin="$build/bin"
out="$build/demo"
mkdir -p "$out"
example="$root/examples/speech_lstm"

echo "== 1. Import examples/speech_lstm.onnx; its IR; HCGS structure of its weights =="
"$bin/hcgs-translate" --import-onnx "$example.onnx" --mlir-print-debuginfo \
  -o "$out/speech_lstm.mlir"
# The weights are dense_resource blobs: elided here, the empty resource
# section left out.
"$bin/hcgs-opt" "$out/speech_lstm.mlir" --mlir-elide-resource-strings-if-larger=32 \
  --mlir-elide-elementsattrs-if-larger=16 | sed '/^{-#$/,$d'
"$bin/hcgs-opt" "$out/speech_lstm.mlir" --hcgs-legalize-masks --hcgs-mask-stats \
  -o /dev/null 2>&1 | grep remark: | sed 's/^.*remark: //; s/^.*: layer /layer /'
echo
echo "== 2. Compile for jssc2020 (calibrated on the utterance) =="
"$bin/hcgs-compile" "$example.onnx" -o "$out/speech_lstm.hcgsb" \
  --calibrate features="$example.features.npy" --report -
echo
echo "== 3. Float reference on 200 frames, against PyTorch =="
"$bin/hcgs-run" "$example.onnx" -i features="$example.features.npy" \
  --expect logits="$example.logits.npy" -o "$out/reference"
echo
echo "== 4. Bit-exact simulation of the program, against the float reference =="
"$bin/hcgs-run" "$out/speech_lstm.hcgsb" -i features="$example.features.npy" \
  --expect logits="$out/reference/logits.npy" --atol 1 -o "$out/simulated" \
  --stats - | grep -E "SQNR|cycles|MAC utilization|frames per second|energy"
echo "outputs in $out/reference and $out/simulated"
