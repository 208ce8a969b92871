// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// Two directions: weights, states and outputs have num_directions = 2 and
// six activations.
// CHECK-LABEL: func.func @bidirectional
// CHECK: direction = #hcgs.direction<bidirectional>
// CHECK-SAME: -> (Y: tensor<7x2x1x5xf32>, Y_c: tensor<2x1x5xf32>)
func.func @bidirectional(%x: tensor<7x1x3xf32>, %w: tensor<2x20x3xf32>, %r: tensor<2x20x5xf32>,
                         %b: tensor<2x40xf32>) -> (tensor<7x2x1x5xf32>, tensor<2x1x5xf32>) {
  %y, %yc = hcgs.lstm(%x, %w, %r) bias(%b) {direction = #hcgs.direction<bidirectional>,
      hidden_size = 5 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>,
                     #hcgs.act<hard_sigmoid, alpha = 0.2, beta = 0.5>, #hcgs.act<tanh>, #hcgs.act<softsign>]}
    : (tensor<7x1x3xf32>, tensor<2x20x3xf32>, tensor<2x20x5xf32>, tensor<2x40xf32>)
    -> (Y: tensor<7x2x1x5xf32>, Y_c: tensor<2x1x5xf32>)
  return %y, %yc : tensor<7x2x1x5xf32>, tensor<2x1x5xf32>
}
