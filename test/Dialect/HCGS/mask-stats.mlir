// RUN: hcgs-opt %s --hcgs-mask-stats -o /dev/null 2>&1 | FileCheck %s

// The density counts only entries inside the matrix: a 6-wide matrix in
// 4-wide blocks pads its last block column, so keeping it keeps 4x2 entries.
// CHECK: remark: layer 'lstm#0' W[0]: 8x6 [4x4 keep 1] balanced, density 0.5000 (2.00x)
// CHECK: remark: layer 'lstm#0' W[1]: 8x6 [4x4 keep varies] unbalanced, density 0.8333 (1.20x)
// CHECK: remark: layer 'lstm#0' R[0]: 8x8 [4x4 keep 1, 2x2 keep 1] balanced, density 0.2500 (4.00x)
// CHECK: remark: layer 'lstm#0' R[1]: 8x8 [8x8 keep 1] balanced, density 1.0000 (1.00x)
// CHECK: remark: layer 'fc#0' weight: 64x64 [32x32 keep 1, 4x4 keep 2] balanced, density 0.1250 (8.00x)
func.func @f(%x: tensor<2x1x6xf32>, %w: tensor<2x32x6xf32>, %r: tensor<2x32x8xf32>,
             %h: tensor<3x64xf32>, %fw: tensor<64x64xf32>) -> (tensor<2x1x8xf32>, tensor<3x64xf32>) {
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<bidirectional>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>,
                     #hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      w_masks = [#hcgs.mask<8x6, 4x4 [[0], [1]]>, #hcgs.mask<8x6, 4x4 [[0, 1], [0]]>],
      r_masks = [#hcgs.mask<8x8, 4x4 [[1], [0]], 2x2 [[0], [1], [1], [0]]>, #hcgs.mask<8x8, 8x8 [[0]]>]}
    : (tensor<2x1x6xf32>, tensor<2x32x6xf32>, tensor<2x32x8xf32>) -> (Y_h: tensor<2x1x8xf32>)
  %y = hcgs.fc %h, %fw {mask = #hcgs.mask<64x64,
      32x32 [[0], [1]],
      4x4 [[0, 1], [2, 3], [4, 5], [6, 7], [0, 2], [1, 3], [5, 7], [4, 6],
           [0, 1], [2, 3], [4, 5], [6, 7], [0, 2], [1, 3], [5, 7], [4, 6]]>}
    : (tensor<3x64xf32>, tensor<64x64xf32>) -> tensor<3x64xf32>
  return %yh, %y : tensor<2x1x8xf32>, tensor<3x64xf32>
}
