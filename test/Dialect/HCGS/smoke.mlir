// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s
// CHECK: hcgs.lstm
func.func @m(%x: tensor<5x2x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %b: tensor<1x64xf32>) -> (tensor<5x1x2x8xf32>, tensor<1x2x8xf32>) {
  %y, %yc = hcgs.lstm(%x, %w, %r) bias(%b) {direction = #hcgs.direction<forward>, hidden_size = 8 : i64,
     activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<leaky_relu, alpha = 0.01>],
     w_masks = [#hcgs.mask<8x4, 4x2 [[1], [0]], 2x1 [[0], [1], [1], [0]]>]}
    : (tensor<5x2x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x64xf32>) -> (Y: tensor<5x1x2x8xf32>, Y_c: tensor<1x2x8xf32>)
  return %y, %yc : tensor<5x1x2x8xf32>, tensor<1x2x8xf32>
}
func.func @f(%x: tensor<5x64xf32>, %w: tensor<48x64xf32>) -> tensor<5x48xf32> {
  %y = hcgs.fc %x, %w {q = #hcgs.fixed<i6, [5, 6]>, q2 = #hcgs.fixed<ui13, 12>} : (tensor<5x64xf32>, tensor<48x64xf32>) -> tensor<5x48xf32>
  return %y : tensor<5x48xf32>
}
