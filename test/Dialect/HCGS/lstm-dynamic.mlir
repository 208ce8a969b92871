// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// Sequence length and batch may be unknown until run time.
// CHECK-LABEL: func.func @dynamic
// CHECK: -> (Y: tensor<?x1x?x4xf32>)
func.func @dynamic(%x: tensor<?x?x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>,
                   %lens: tensor<?xi32>) -> tensor<?x1x?x4xf32> {
  %y = hcgs.lstm(%x, %w, %r) sequence_lens(%lens) {direction = #hcgs.direction<forward>,
      hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x?x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<?xi32>)
    -> (Y: tensor<?x1x?x4xf32>)
  return %y : tensor<?x1x?x4xf32>
}
