// RUN: hcgs-opt %s --hcgs-legalize-masks | FileCheck %s

// Weights trained with an HCGS mask have exact zeros in the dropped blocks;
// the pass finds the structure and keeps the weights as they are. Here the
// 4x4 block diagonal: one level of 4x4 blocks explains it (a second level
// would keep no fewer weights, and fewer levels win).
// CHECK-LABEL: func.func @block_diagonal
// CHECK: hcgs.fc %arg0, %[[W:.*]] {hcgs.energy_kept = 1.000000e+00 : f64, mask = #hcgs.mask<8x8, 4x4 {{\[\[}}0], [1]]>}
func.func @block_diagonal(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  %w = arith.constant dense<[
    [1.0, 2.0, 3.0, 4.0, 0.0, 0.0, 0.0, 0.0],
    [1.0, 2.0, 3.0, 4.0, 0.0, 0.0, 0.0, 0.0],
    [1.0, 2.0, 3.0, 4.0, 0.0, 0.0, 0.0, 0.0],
    [1.0, 2.0, 3.0, 4.0, 0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 0.0, 0.0, 5.0, 6.0, 7.0, 8.0],
    [0.0, 0.0, 0.0, 0.0, 5.0, 6.0, 7.0, 8.0],
    [0.0, 0.0, 0.0, 0.0, 5.0, 6.0, 7.0, 8.0],
    [0.0, 0.0, 0.0, 0.0, 5.0, 6.0, 7.0, 8.0]]> : tensor<8x8xf32>
  %y = hcgs.fc %x, %w : (tensor<1x8xf32>, tensor<8x8xf32>) -> tensor<1x8xf32>
  return %y : tensor<1x8xf32>
}

// Zeros that two levels (8x8, then 4x4) would explain are also explained by
// one level of 4x4 blocks keeping the same weights, and on a matrix this
// small its index is smaller (4 x 2 bits against 2 x 1 + 4 x 1 bits in two
// byte-aligned arrays), so one level wins. The last block-row has no
// non-zero weight; balancing makes it keep the lowest block.
// CHECK-LABEL: func.func @two_levels
// CHECK: mask = #hcgs.mask<16x16, 4x4 {{\[\[}}3], [2], [0], [0]]>
func.func @two_levels(%x: tensor<1x16xf32>) -> tensor<1x16xf32> {
  %w = arith.constant dense<[
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0],
    [2.0, 2.0, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [2.0, 2.0, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [2.0, 2.0, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [2.0, 2.0, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]> : tensor<16x16xf32>
  %y = hcgs.fc %x, %w : (tensor<1x16xf32>, tensor<16x16xf32>) -> tensor<1x16xf32>
  return %y : tensor<1x16xf32>
}
