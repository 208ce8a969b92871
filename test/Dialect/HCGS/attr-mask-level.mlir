// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// A single level on its own, as passes build masks level by level.
// CHECK: a = #hcgs.mask_level<32x32 {{\[\[}}0, 3], [1, 2], []]>
func.func @level() attributes {a = #hcgs.mask_level<32x32 [[0, 3], [1, 2], []]>} {
  return
}
