// RUN: hcgs-opt %s | FileCheck %s
// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// The smallest LSTM: X, W, R and only Y_h; defaults (layout 0, no
// input_forget) are not printed.
// CHECK-LABEL: func.func @minimal
// CHECK: %[[YH:.*]] = hcgs.lstm(%arg0, %arg1, %arg2) {activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>], direction = #hcgs.direction<forward>, hidden_size = 3 : i64} : (tensor<1x3x2xf32>, tensor<1x12x2xf32>, tensor<1x12x3xf32>) -> (Y_h: tensor<1x3x3xf32>)
// CHECK-NOT: layout
// CHECK: return %[[YH]]
func.func @minimal(%x: tensor<1x3x2xf32>, %w: tensor<1x12x2xf32>, %r: tensor<1x12x3xf32>) -> tensor<1x3x3xf32> {
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 3 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x12x2xf32>, tensor<1x12x3xf32>) -> (Y_h: tensor<1x3x3xf32>)
  return %yh : tensor<1x3x3xf32>
}
