// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// An FC weight with a two-level mask on a width (10) that is not a multiple
// of the block size: the last block column is padding.
// CHECK: hcgs.fc %arg0, %arg1, %arg2 {mask = #hcgs.mask<8x10, 4x4 {{\[\[}}0, 2], [1, 2]], 2x2 {{\[\[}}0], [1], [1], [0], [0], [0], [1], [1]]>}
func.func @masked_fc(%x: tensor<3x10xf32>, %w: tensor<8x10xf32>, %b: tensor<8xf32>) -> tensor<3x8xf32> {
  %y = hcgs.fc %x, %w, %b {mask = #hcgs.mask<8x10, 4x4 [[0, 2], [1, 2]], 2x2 [[0], [1], [1], [0], [0], [0], [1], [1]]>}
    : (tensor<3x10xf32>, tensor<8x10xf32>, tensor<8xf32>) -> tensor<3x8xf32>
  return %y : tensor<3x8xf32>
}
