#!/bin/sh
# Installs the Debian 12 packages hcgs needs to build and test. Idempotent; run as root.
# HCGS_DEPS_EXTRA=fixtures also installs what regenerating test fixtures needs.
set -eu

packages="cmake ninja-build g++ git
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  libflatbuffers-dev flatbuffers-compiler
  libonnx-dev libprotobuf-dev protobuf-compiler libonnx-testdata
  libgtest-dev clang-22 libclang-rt-22-dev"

if [ "${HCGS_DEPS_EXTRA:-}" = fixtures ]; then
  packages="$packages python3-onnx python3-numpy python3-torch"
fi

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
