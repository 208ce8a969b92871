#!/bin/sh
# Regenerates the tables of docs/ISA.md that come from the code: the target
# parameter table (hcgs-target-info) and the instruction layout (hcgs-tblgen).
# The test suite checks that they match (test/Runtime/Target/doc-table.test,
# test/Runtime/MachineCode/layout.test). Usage: scripts/update-isa-doc.sh [BUILD_DIR]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
doc=$root/docs/ISA.md

# replace_section MARKER FILE: puts FILE between the BEGIN and END markers.
replace_section() {
  awk -v begin="<!-- BEGIN $1 -->" -v end="<!-- END $1 -->" -v file="$2" '
    $0 == begin { print; while ((getline line < file) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }' "$doc" > "$doc.tmp"
  mv "$doc.tmp" "$doc"
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$build/bin/hcgs-target-info" --format=markdown > "$tmp"
replace_section "TARGET TABLE" "$tmp"
if [ -x "$build/bin/hcgs-tblgen" ]; then
  "$build/bin/hcgs-tblgen" -print-isa-layout -I "$root/dialects/ISA/include" \
    -I /usr/lib/llvm-22/include "$root/dialects/ISA/include/hcgs/Dialect/ISA/ISAOps.td" > "$tmp"
  replace_section "ISA LAYOUT" "$tmp"
fi
