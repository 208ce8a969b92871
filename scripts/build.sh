#!/bin/sh
# Installs what is missing, configures once and builds hcgs (incrementally on
# later runs). BUILD_DIR defaults to build/; extra arguments go to ninja.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}

"$root/scripts/install-deps.sh"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
ninja -C "$build" "$@"
