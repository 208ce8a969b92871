#!/bin/sh
# Builds the libFuzzer targets of fuzz/ with clang-22 under ASan + UBSan in
# build-fuzz/, replays every committed regression input, then fuzzes each
# target for SECONDS (default 60) from its seed corpus. Exits non-zero on any
# crash, leak, timeout or out-of-memory.
#   scripts/fuzz.sh [SECONDS] [FUZZER...]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
[ $# -gt 0 ] && shift
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}

# See scripts/test.sh: Debian's LLVM libraries are not instrumented.
export ASAN_OPTIONS="${ASAN_OPTIONS:-allow_user_poisoning=0}"

CC=clang-22 CXX=clang++-22 BUILD_DIR="$build" \
HCGS_CMAKE_ARGS="-DCMAKE_BUILD_TYPE=RelWithDebInfo -DHCGS_ENABLE_FUZZERS=ON" \
  "$root/scripts/build.sh" hcgs-fuzzers

fuzzers=${*:-$(cd "$build/fuzzers" && ls)}
for fuzzer in $fuzzers; do
  exe="$build/fuzzers/$fuzzer"
  name=${fuzzer%-fuzzer}
  seeds="$root/fuzz/corpus/$name"
  regressions="$root/fuzz/regressions/$name"
  work="$build/fuzz-corpus/$name"
  mkdir -p "$work"
  dict=""
  [ -f "$root/fuzz/$name.dict" ] && dict="-dict=$root/fuzz/$name.dict"
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    echo "== $fuzzer: regression inputs"
    "$exe" -rss_limit_mb=2048 -timeout=10 "$regressions"/*
  fi
  echo "== $fuzzer: fuzzing for ${seconds}s"
  # shellcheck disable=SC2086
  "$exe" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$build/fuzz-$name-" $dict \
    "$work" "$seeds"
done
