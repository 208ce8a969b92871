// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// layout = 1 puts batch first in X, Y, the states and Y_h / Y_c.
// CHECK-LABEL: func.func @batch_first
// CHECK: layout = 1 : i64
// CHECK-SAME: (tensor<3x6x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>, tensor<3x1x2xf32>) -> (Y: tensor<3x6x1x2xf32>, Y_h: tensor<3x1x2xf32>)
func.func @batch_first(%x: tensor<3x6x2xf32>, %w: tensor<1x8x2xf32>, %r: tensor<1x8x2xf32>,
                       %h0: tensor<3x1x2xf32>) -> (tensor<3x6x1x2xf32>, tensor<3x1x2xf32>) {
  %y, %yh = hcgs.lstm(%x, %w, %r) initial_h(%h0) {direction = #hcgs.direction<forward>,
      hidden_size = 2 : i64, layout = 1 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<3x6x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>, tensor<3x1x2xf32>)
    -> (Y: tensor<3x6x1x2xf32>, Y_h: tensor<3x1x2xf32>)
  return %y, %yh : tensor<3x6x1x2xf32>, tensor<3x1x2xf32>
}
