// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// Signed and unsigned formats, negative and oversized fractions, and a
// power-of-two scale per output row.
// CHECK: #hcgs.fixed<i6, 5>
// CHECK-SAME: #hcgs.fixed<i13, 10>
// CHECK-SAME: #hcgs.fixed<ui8, 8>
// CHECK-SAME: #hcgs.fixed<i16, -3>
// CHECK-SAME: #hcgs.fixed<i4, 9>
// CHECK-SAME: #hcgs.fixed<i6, [5, 7, 6, 4]>
// CHECK-SAME: #hcgs.fixed<i32, 0>
// CHECK-SAME: #hcgs.fixed<i48, 40>
func.func @formats() attributes {all = [
    #hcgs.fixed<i6, 5>, #hcgs.fixed<si13, 10>, #hcgs.fixed<ui8, 8>,
    #hcgs.fixed<i16, -3>, #hcgs.fixed<i4, 9>, #hcgs.fixed<i6, [5, 7, 6, 4]>,
    #hcgs.fixed<i32, 0>, #hcgs.fixed<i48, 40>]} {
  return
}
