#!/bin/sh
# The whole test suite: installs what is missing, builds, runs every lit and
# unit test. Exits non-zero on any failure.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" check-hcgs
