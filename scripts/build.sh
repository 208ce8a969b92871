#!/bin/sh
# Installs what is missing, configures once and builds hcgs (incrementally on
# later runs). BUILD_DIR defaults to build/; HCGS_CMAKE_ARGS adds to (and
# may override) the first configuration's arguments; extra arguments go to
# ninja.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}

"$root/scripts/install-deps.sh"
if [ ! -f "$build/build.ninja" ]; then
  # shellcheck disable=SC2086 # HCGS_CMAKE_ARGS is a list of arguments
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    ${HCGS_CMAKE_ARGS:-}
fi
ninja -C "$build" "$@"
