// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// Each direction has its own f, g, h; parameters print exactly.
// CHECK: activations = [#hcgs.act<hard_sigmoid, alpha = 2.000000e-01, beta = 5.000000e-01>, #hcgs.act<scaled_tanh, alpha = 1.000000e+00, beta = 1.000000e+00>, #hcgs.act<affine, alpha = 5.000000e-01, beta = 1.000000e+00>, #hcgs.act<sigmoid>, #hcgs.act<relu>, #hcgs.act<softplus>]
func.func @acts(%x: tensor<2x1x2xf32>, %w: tensor<2x8x2xf32>, %r: tensor<2x8x2xf32>) -> tensor<2x1x2xf32> {
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<bidirectional>, hidden_size = 2 : i64,
      activations = [#hcgs.act<hard_sigmoid, alpha = 0.2, beta = 0.5>, #hcgs.act<scaled_tanh, alpha = 1.0, beta = 1.0>,
                     #hcgs.act<affine, alpha = 0.5, beta = 1.0>, #hcgs.act<sigmoid>, #hcgs.act<relu>, #hcgs.act<softplus>]}
    : (tensor<2x1x2xf32>, tensor<2x8x2xf32>, tensor<2x8x2xf32>) -> (Y_h: tensor<2x1x2xf32>)
  return %yh : tensor<2x1x2xf32>
}
