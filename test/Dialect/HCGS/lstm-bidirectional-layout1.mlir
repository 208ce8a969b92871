// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// Batch-first and bidirectional together: Y is [batch, seq, 2, hidden] and
// the states [batch, 2, hidden].
// CHECK: layout = 1 : i64
// CHECK-SAME: -> (Y: tensor<2x5x2x3xf32>, Y_h: tensor<2x2x3xf32>, Y_c: tensor<2x2x3xf32>)
func.func @f(%x: tensor<2x5x4xf32>, %w: tensor<2x12x4xf32>, %r: tensor<2x12x3xf32>,
             %h0: tensor<2x2x3xf32>, %c0: tensor<2x2x3xf32>, %lens: tensor<2xi32>)
    -> (tensor<2x5x2x3xf32>, tensor<2x2x3xf32>, tensor<2x2x3xf32>) {
  %y, %yh, %yc = hcgs.lstm(%x, %w, %r) sequence_lens(%lens) initial_h(%h0) initial_c(%c0) {
      direction = #hcgs.direction<bidirectional>, hidden_size = 3 : i64, layout = 1 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>,
                     #hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<2x5x4xf32>, tensor<2x12x4xf32>, tensor<2x12x3xf32>, tensor<2xi32>, tensor<2x2x3xf32>, tensor<2x2x3xf32>)
    -> (Y: tensor<2x5x2x3xf32>, Y_h: tensor<2x2x3xf32>, Y_c: tensor<2x2x3xf32>)
  return %y, %yh, %yc : tensor<2x5x2x3xf32>, tensor<2x2x3xf32>, tensor<2x2x3xf32>
}
