#!/bin/sh
# The whole test suite: installs what is missing, then
#   1. builds hcgs and runs every lit and unit test (build/);
#   2. builds it again with AddressSanitizer + UBSan and runs them all again
#      (build-asan/);
#   3. builds the libFuzzer targets and runs each over its regression inputs
#      and for HCGS_FUZZ_SECONDS (default 60) of fuzzing (build-fuzz/).
# Every build is incremental on a second run. HCGS_TEST_QUICK=1 runs only
# the first stage. Exits non-zero on any failure.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)

echo "== 1/3: build and test"
"$root/scripts/build.sh" check-hcgs
[ "${HCGS_TEST_QUICK:-0}" = 1 ] && exit 0

echo "== 2/3: build and test under AddressSanitizer + UBSan"
# Debian's libMLIR is not instrumented: LLVM's allocators poison memory in
# our inlined copies that libMLIR's copies then touch, so user poisoning is
# off. Leaks, overflows and undefined behaviour are all still reported.
BUILD_DIR="$root/build-asan" \
HCGS_CMAKE_ARGS="-DCMAKE_BUILD_TYPE=RelWithDebInfo -DHCGS_ENABLE_SANITIZERS=ON" \
ASAN_OPTIONS=allow_user_poisoning=0:detect_leaks=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$root/scripts/build.sh" check-hcgs

echo "== 3/3: fuzzers"
"$root/scripts/fuzz.sh" "${HCGS_FUZZ_SECONDS:-60}"
