// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// One level, two levels, three levels, unbalanced rows, empty rows, padding
// (a 440-wide matrix in 32-wide blocks has 14 block columns).
// CHECK: #hcgs.mask<4x4, 2x2 {{\[\[}}0], [1]]>
// CHECK-SAME: #hcgs.mask<64x64, 32x32 {{\[\[}}1], [0]], 4x4 {{\[\[}}0, 7], [1, 2], [3, 4], [5, 6], [0, 1], [2, 3], [4, 5], [6, 7], [0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [0, 6], [0, 7], [1, 7]]>
// CHECK-SAME: #hcgs.mask<8x8, 8x8 {{\[\[}}0]], 4x4 {{\[\[}}1], [0]], 2x2 {{\[\[}}0, 1], [1], [0], [1]]>
// CHECK-SAME: #hcgs.mask<4x6, 2x2 {{\[\[}}0, 1, 2], []]>
// CHECK-SAME: #hcgs.mask<32x440, 32x32 {{\[\[}}0, 5, 9, 13]]>
func.func @masks() attributes {all = [
    #hcgs.mask<4x4, 2x2 [[0], [1]]>,
    #hcgs.mask<64x64, 32x32 [[1], [0]], 4x4 [[0, 7], [1, 2], [3, 4], [5, 6], [0, 1], [2, 3], [4, 5], [6, 7], [0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [0, 6], [0, 7], [1, 7]]>,
    #hcgs.mask<8x8, 8x8 [[0]], 4x4 [[1], [0]], 2x2 [[0, 1], [1], [0], [1]]>,
    #hcgs.mask<4x6, 2x2 [[0, 1, 2], []]>,
    #hcgs.mask<32x440, 32x32 [[0, 5, 9, 13]]>]} {
  return
}
