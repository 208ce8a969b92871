#!/bin/sh
# Benchmarks hcgs against ONNX Runtime on this machine and writes
# bench/RESULTS.md: generates the models (PyTorch, exported to ONNX), runs
# hcgs-compile, hcgs-run and onnxruntime-node on them, and reports medians.
#
#   bench/run.sh [--quick] [--runs N] [--output FILE]
#
# --quick: 3 runs and a smaller scaling series; the full run takes a few
# minutes once the models exist (generating them the first time takes
# longer). Installs what is missing (Debian packages through
# scripts/install-deps.sh, onnxruntime-node 1.30.0 through npm into
# BUILD_DIR/bench/ort) and builds the tools. Models and programs go to
# BUILD_DIR/bench (BUILD_DIR defaults to build/), never into git.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}

HCGS_DEPS_EXTRA=bench "$root/scripts/install-deps.sh"
for tool in node npm; do
  command -v $tool >/dev/null || {
    echo "bench: error: $tool is not installed (Node.js 18 or later with npm)" >&2
    exit 1
  }
done
"$root/scripts/build.sh" hcgs-compile hcgs-run hcgs-target-info >/dev/null

ort="$build/bench/ort"
if [ ! -f "$ort/node_modules/onnxruntime-node/package.json" ]; then
  mkdir -p "$ort"
  (cd "$ort" && npm install --ignore-scripts --no-audit --no-fund \
     onnxruntime-node@1.30.0 >/dev/null)
fi

exec /usr/bin/python3 "$root/bench/bench.py" --build "$build" \
  --ort "$ort/node_modules" "$@"
