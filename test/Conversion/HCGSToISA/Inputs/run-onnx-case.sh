#!/bin/sh
# Compiles one ONNX fixture case (a folder with model.onnx, in.<name>.npy and
# out.<name>.npy) to a program and runs it in the simulator against the
# expected outputs:
#   run-onnx-case.sh TRANSLATE OPT RUN CASE_DIR WORK PIPELINE_OPTIONS ATOL [IMPORT_OPTION]...
# Inputs bound with --bind NAME=... among the import options are constants of
# the model, not inputs of the program.
set -e
translate=$1 opt=$2 run=$3 dir=$4 work=$5 pipeline=$6 atol=$7
shift 7
"$translate" --import-onnx "$dir/model.onnx" "$@" -o "$work.mlir"
"$opt" "$work.mlir" "--hcgs-compile-pipeline=$pipeline" -o "$work.isa.mlir"
"$translate" --export-program "$work.isa.mlir" -o "$work.hcgsb"
bound=" $* "
args=""
for f in "$dir"/in.*.npy; do
  name=${f##*/in.}
  name=${name%.npy}
  case "$bound" in
  *"--bind $name="*) ;;
  *) args="$args -i $name=$f" ;;
  esac
done
for f in "$dir"/out.*.npy; do
  name=${f##*/out.}
  args="$args --expect ${name%.npy}=$f"
done
exec "$run" "$work.hcgsb" $args --atol "$atol"
