#!/bin/sh
# Compiles one ONNX fixture case (a folder with model.onnx, in.<name>.npy and
# out.<name>.npy) with hcgs-compile and runs the program in the simulator
# against the expected outputs:
#   run-onnx-case.sh COMPILE RUN CASE_DIR WORK OPTIONS ATOL [COMPILE_FLAG]...
# OPTIONS are hcgs-compile options without their dashes, separated by
# spaces (e.g. "target=hcgs-w16"). Inputs bound with --bind NAME=... are
# constants of the model, not inputs of the program.
set -e
compile=$1 run=$2 dir=$3 work=$4 options=$5 atol=$6
shift 6
flags=""
for option in $options; do
  flags="$flags --$option"
done
# shellcheck disable=SC2086
"$compile" "$dir/model.onnx" $flags "$@" -o "$work.hcgsb"
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
