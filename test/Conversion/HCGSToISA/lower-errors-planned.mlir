// Layers whose constants or formats the instruction fields cannot hold.
// RUN: hcgs-opt %s -split-input-file --hcgs-plan --hcgs-lower-to-isa -verify-diagnostics

// Length registers are loaded from 16-bit PMEM fields.
func.func @main(%x: tensor<?x1x4xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i13, 10>}) -> (tensor<?x1x1x4xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.0> : tensor<1x16x4xf32>
  %lens = arith.constant dense<70000> : tensor<1xi32>
  // expected-error @+1 {{layer 'lstm#0': sequence length 70000 does not fit the 16-bit length fields}}
  %y = hcgs.lstm(%x, %w, %w) sequence_lens(%lens) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      w_masks = [#hcgs.mask<4x4, 4x4 [[0]]>], r_masks = [#hcgs.mask<4x4, 4x4 [[0]]>],
      quant = #hcgs.lstm_quant<weights = <i6, 4>, recurrent = <i6, 4>, acc = <i32, 20>,
                               gates = <i13, 12>, candidate = <i13, 12>, cell_act = <i13, 12>,
                               cell = <i13, 9>, hidden = <i13, 12>, f_range = 8.0 : f32,
                               g_range = 4.0 : f32, h_range = 4.0 : f32>}
    : (tensor<?x1x4xf32>, tensor<1x16x4xf32>, tensor<1x16x4xf32>, tensor<1xi32>) -> (Y: tensor<?x1x1x4xf32>)
  return %y : tensor<?x1x1x4xf32>
}

// -----

// input_forget computes 1 - i: a gate format with more fraction bits than
// act_bits has no code for 1.0.
func.func @main(%x: tensor<?x1x4xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i13, 10>}) -> (tensor<?x1x1x4xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.0> : tensor<1x16x4xf32>
  // expected-error @+1 {{layer 'lstm#0': input_forget needs 1.0 in the gate format #hcgs.fixed<i13, 14>, which has 14 fraction bits}}
  %y = hcgs.lstm(%x, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, input_forget = true,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      w_masks = [#hcgs.mask<4x4, 4x4 [[0]]>], r_masks = [#hcgs.mask<4x4, 4x4 [[0]]>],
      quant = #hcgs.lstm_quant<weights = <i6, 4>, recurrent = <i6, 4>, acc = <i32, 20>,
                               gates = <i13, 14>, candidate = <i13, 12>, cell_act = <i13, 12>,
                               cell = <i13, 9>, hidden = <i13, 12>, f_range = 8.0 : f32,
                               g_range = 4.0 : f32, h_range = 4.0 : f32>}
    : (tensor<?x1x4xf32>, tensor<1x16x4xf32>, tensor<1x16x4xf32>) -> (Y: tensor<?x1x1x4xf32>)
  return %y : tensor<?x1x1x4xf32>
}
