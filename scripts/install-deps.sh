#!/bin/sh
# Installs the Debian 12 packages hcgs needs to build and test. Idempotent; run as root.
# HCGS_DEPS_EXTRA lists extras, space-separated: "fixtures" installs what
# regenerating test fixtures needs, "bench" what bench/run.sh needs.
set -eu

packages="cmake ninja-build g++ git
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  libflatbuffers-dev flatbuffers-compiler
  libonnx-dev libprotobuf-dev protobuf-compiler libonnx-testdata
  libgtest-dev clang-22 libclang-rt-22-dev"

for extra in ${HCGS_DEPS_EXTRA:-}; do
  case $extra in
    fixtures) packages="$packages python3-onnx python3-numpy python3-torch" ;;
    bench) packages="$packages python3-onnx python3-numpy python3-torch time" ;;
    *) echo "install-deps: unknown HCGS_DEPS_EXTRA '$extra' (fixtures, bench)" >&2
       exit 2 ;;
  esac
done

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done

if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing packages:$missing (run as root to install them)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
fi
