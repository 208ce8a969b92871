// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// Quantization's decisions ride on the layers: per-row weight scales, and
// one format per signal.
// CHECK: quant = #hcgs.lstm_quant<weights = <i6, [5, 6, 5, 4, 5, 5, 5, 5]>, recurrent = <i6, 4>, bias = <i16, 12>, acc = <i32, 24>, gates = <i13, 12>, candidate = <i13, 12>, cell_act = <i13, 12>, cell = <i13, 9>, hidden = <i13, 12>, f_range = 8.000000e+00 : f32, g_range = 4.000000e+00 : f32, h_range = 4.000000e+00 : f32>
// CHECK: quant = #hcgs.fc_quant<weights = <i6, [3, 4, 5]>, acc = <i32, 20>, output = <i13, 8>>
func.func @q(%x: tensor<3x1x2xf32> {hcgs.format = #hcgs.fixed<i13, 10>}, %w: tensor<1x8x2xf32>,
             %r: tensor<1x8x2xf32>, %b: tensor<1x16xf32>, %fw: tensor<3x2xf32>) -> tensor<3x1x3xf32> {
  %y = hcgs.lstm(%x, %w, %r) bias(%b) {direction = #hcgs.direction<forward>, hidden_size = 2 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      quant = #hcgs.lstm_quant<weights = <i6, [5, 6, 5, 4, 5, 5, 5, 5]>, recurrent = <i6, 4>,
        bias = <i16, 12>, acc = <i32, 24>, gates = <i13, 12>, candidate = <i13, 12>,
        cell_act = <i13, 12>, cell = <i13, 9>, hidden = <i13, 12>,
        f_range = 8.0 : f32, g_range = 4.0 : f32, h_range = 4.0 : f32>}
    : (tensor<3x1x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>, tensor<1x16xf32>) -> (Y: tensor<3x1x1x2xf32>)
  %h = hcgs.reshape %y : tensor<3x1x1x2xf32> -> tensor<3x1x2xf32>
  %o = hcgs.fc %h, %fw {quant = #hcgs.fc_quant<weights = <i6, [3, 4, 5]>, acc = <i32, 20>, output = <i13, 8>>}
    : (tensor<3x1x2xf32>, tensor<3x2xf32>) -> tensor<3x1x3xf32>
  return %o : tensor<3x1x3xf32>
}
