// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// Every optional operand and every result, in ONNX order.
// CHECK-LABEL: func.func @all
// CHECK: %{{.*}}, %{{.*}}, %{{.*}} = hcgs.lstm(%arg0, %arg1, %arg2) bias(%arg3) sequence_lens(%arg4) initial_h(%arg5) initial_c(%arg6) peepholes(%arg7)
// CHECK-SAME: clip = 3.000000e+00 : f32
// CHECK-SAME: input_forget = true
// CHECK-SAME: -> (Y: tensor<5x1x2x4xf32>, Y_h: tensor<1x2x4xf32>, Y_c: tensor<1x2x4xf32>)
func.func @all(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>,
               %b: tensor<1x32xf32>, %lens: tensor<2xi32>, %h0: tensor<1x2x4xf32>,
               %c0: tensor<1x2x4xf32>, %p: tensor<1x12xf32>)
    -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>) {
  %y, %yh, %yc = hcgs.lstm(%x, %w, %r) bias(%b) sequence_lens(%lens) initial_h(%h0)
      initial_c(%c0) peepholes(%p) {direction = #hcgs.direction<reverse>, hidden_size = 4 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      clip = 3.0 : f32, input_forget = true}
    : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<1x32xf32>,
       tensor<2xi32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x12xf32>)
    -> (Y: tensor<5x1x2x4xf32>, Y_h: tensor<1x2x4xf32>, Y_c: tensor<1x2x4xf32>)
  return %y, %yh, %yc : tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
}
