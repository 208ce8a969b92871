// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// One mask per direction for W ([hidden, input]) and R ([hidden, hidden]),
// shared by the four gates.
// CHECK-LABEL: func.func @masked
// CHECK: hcgs.lstm
// CHECK-SAME: r_masks = [#hcgs.mask<8x8, 4x4 {{\[\[}}1], [0]], 2x2 {{\[\[}}0], [1], [1], [0]]>, #hcgs.mask<8x8, 4x4 {{\[\[}}0, 1], [0, 1]]>]
// CHECK-SAME: w_masks = [#hcgs.mask<8x6, 4x2 {{\[\[}}0, 2], [1]]>, #hcgs.mask<8x6, 8x6 {{\[\[}}0]]>]
func.func @masked(%x: tensor<2x1x6xf32>, %w: tensor<2x32x6xf32>, %r: tensor<2x32x8xf32>) -> tensor<2x1x8xf32> {
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<bidirectional>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>,
                     #hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      w_masks = [#hcgs.mask<8x6, 4x2 [[0, 2], [1]]>, #hcgs.mask<8x6, 8x6 [[0]]>],
      r_masks = [#hcgs.mask<8x8, 4x4 [[1], [0]], 2x2 [[0], [1], [1], [0]]>, #hcgs.mask<8x8, 4x4 [[0, 1], [0, 1]]>]}
    : (tensor<2x1x6xf32>, tensor<2x32x6xf32>, tensor<2x32x8xf32>) -> (Y_h: tensor<2x1x8xf32>)
  return %yh : tensor<2x1x8xf32>
}
