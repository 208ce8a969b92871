// What hcgs-plan refuses, with one-line errors naming the layer or the
// memory.
// RUN: hcgs-opt %s -split-input-file --hcgs-plan -verify-diagnostics

// expected-error @+1 {{input 'x' has no fixed-point format (run hcgs-quantize)}}
func.func @main(%x: tensor<?x1x4xf32> {hcgs.name = "x"}) -> (tensor<?x1x4xf32> {hcgs.name = "y"}) {
  return %x : tensor<?x1x4xf32>
}

// -----

// expected-error @+1 {{input 'x' has 2 dynamic dimensions; only the sequence length may be dynamic}}
func.func @main(%x: tensor<?x?x4xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i13, 10>}) -> (tensor<?x?x4xf32> {hcgs.name = "y"}) {
  return %x : tensor<?x?x4xf32>
}

// -----

// expected-error @+1 {{two inputs or outputs are named 'x'}}
func.func @main(%x: tensor<3x4xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i13, 10>}) -> (tensor<3x4xf32> {hcgs.name = "x"}) {
  return %x : tensor<3x4xf32>
}

// -----

func.func @main(%x: tensor<3x4xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i13, 10>}) -> (tensor<3x4xf32> {hcgs.name = "y"}) {
  %c = arith.constant dense<1.0> : tensor<3x4xf32>
  // expected-error @+1 {{output 'y' is not an f32 tensor computed by the model}}
  return %c : tensor<3x4xf32>
}

// -----

func.func @main(%x: tensor<3x4xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i13, 10>}) -> (tensor<3x4xf32> {hcgs.name = "y"}) {
  // expected-error @+1 {{'arith.addf' is not supported by the accelerator}}
  %y = arith.addf %x, %x : tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

// -----

func.func @main(%x: tensor<?x1x4xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i13, 10>}) -> (tensor<?x1x1x4xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.125> : tensor<1x16x4xf32>
  // expected-error @+1 {{layer 'lstm#0': is not quantized (run hcgs-quantize)}}
  %y = hcgs.lstm(%x, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x1x4xf32>, tensor<1x16x4xf32>, tensor<1x16x4xf32>) -> (Y: tensor<?x1x1x4xf32>)
  return %y : tensor<?x1x1x4xf32>
}

// -----

func.func @main(%x: tensor<?x1x4xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i13, 10>}) -> (tensor<?x1x1x4xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.125> : tensor<1x16x4xf32>
  // expected-error @+1 {{layer 'lstm#0': has no HCGS masks (run hcgs-legalize-masks)}}
  %y = hcgs.lstm(%x, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      quant = #hcgs.lstm_quant<weights = <i6, 4>, recurrent = <i6, 4>, acc = <i32, 20>,
                               gates = <i13, 12>, candidate = <i13, 12>, cell_act = <i13, 12>,
                               cell = <i13, 9>, hidden = <i13, 12>, f_range = 8.0 : f32,
                               g_range = 4.0 : f32, h_range = 4.0 : f32>}
    : (tensor<?x1x4xf32>, tensor<1x16x4xf32>, tensor<1x16x4xf32>) -> (Y: tensor<?x1x1x4xf32>)
  return %y : tensor<?x1x1x4xf32>
}

// -----

// W's rows have -30 fraction bits: 20 + 30 - 10 = 40 does not fit a 6-bit
// shift.
func.func @main(%x: tensor<?x1x4xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i13, 10>}) -> (tensor<?x1x1x4xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.0> : tensor<1x16x4xf32>
  // expected-error @+1 {{layer 'lstm#0': W (direction 0) row 0's accumulator shift is 40, outside the 6-bit field [-32, 31]}}
  %y = hcgs.lstm(%x, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      w_masks = [#hcgs.mask<4x4, 4x4 [[0]]>], r_masks = [#hcgs.mask<4x4, 4x4 [[0]]>],
      quant = #hcgs.lstm_quant<weights = <i6, -30>, recurrent = <i6, 4>, acc = <i32, 20>,
                               gates = <i13, 12>, candidate = <i13, 12>, cell_act = <i13, 12>,
                               cell = <i13, 9>, hidden = <i13, 12>, f_range = 8.0 : f32,
                               g_range = 4.0 : f32, h_range = 4.0 : f32>}
    : (tensor<?x1x4xf32>, tensor<1x16x4xf32>, tensor<1x16x4xf32>) -> (Y: tensor<?x1x1x4xf32>)
  return %y : tensor<?x1x1x4xf32>
}

// -----

// A gate format of 6 bits on a 13-bit target.
func.func @main(%x: tensor<?x1x4xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i13, 10>}) -> (tensor<?x1x1x4xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.0> : tensor<1x16x4xf32>
  // expected-error @+1 {{layer 'lstm#0': the gates is i6, but the target's act_bits is 13 (run hcgs-quantize after hcgs-set-target)}}
  %y = hcgs.lstm(%x, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      w_masks = [#hcgs.mask<4x4, 4x4 [[0]]>], r_masks = [#hcgs.mask<4x4, 4x4 [[0]]>],
      quant = #hcgs.lstm_quant<weights = <i6, 4>, recurrent = <i6, 4>, acc = <i32, 20>,
                               gates = <i6, 5>, candidate = <i13, 12>, cell_act = <i13, 12>,
                               cell = <i13, 9>, hidden = <i13, 12>, f_range = 8.0 : f32,
                               g_range = 4.0 : f32, h_range = 4.0 : f32>}
    : (tensor<?x1x4xf32>, tensor<1x16x4xf32>, tensor<1x16x4xf32>) -> (Y: tensor<?x1x1x4xf32>)
  return %y : tensor<?x1x1x4xf32>
}

// -----

// A static sequence in a model whose inputs have a dynamic one.
func.func @main(%x: tensor<?x1x4xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i13, 10>},
                %x2: tensor<3x1x4xf32> {hcgs.name = "x2", hcgs.format = #hcgs.fixed<i13, 10>})
    -> (tensor<3x1x1x4xf32> {hcgs.name = "y"}, tensor<?x1x4xf32> {hcgs.name = "x_out"}) {
  %w = arith.constant dense<0.0> : tensor<1x16x4xf32>
  // expected-error @+1 {{layer 'lstm#0': its sequence length is static while the model's inputs' is dynamic}}
  %y = hcgs.lstm(%x2, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      w_masks = [#hcgs.mask<4x4, 4x4 [[0]]>], r_masks = [#hcgs.mask<4x4, 4x4 [[0]]>],
      quant = #hcgs.lstm_quant<weights = <i6, 4>, recurrent = <i6, 4>, acc = <i32, 20>,
                               gates = <i13, 12>, candidate = <i13, 12>, cell_act = <i13, 12>,
                               cell = <i13, 9>, hidden = <i13, 12>, f_range = 8.0 : f32,
                               g_range = 4.0 : f32, h_range = 4.0 : f32>}
    : (tensor<3x1x4xf32>, tensor<1x16x4xf32>, tensor<1x16x4xf32>) -> (Y: tensor<3x1x1x4xf32>)
  return %y, %x : tensor<3x1x1x4xf32>, tensor<?x1x4xf32>
}

// -----

func.func @main(%x: tensor<?x1x4xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i13, 10>})
    -> (tensor<1x4xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.0> : tensor<1x16x4xf32>
  %y = hcgs.lstm(%x, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      w_masks = [#hcgs.mask<4x4, 4x4 [[0]]>], r_masks = [#hcgs.mask<4x4, 4x4 [[0]]>],
      quant = #hcgs.lstm_quant<weights = <i6, 4>, recurrent = <i6, 4>, acc = <i32, 20>,
                               gates = <i13, 12>, candidate = <i13, 12>, cell_act = <i13, 12>,
                               cell = <i13, 9>, hidden = <i13, 12>, f_range = 8.0 : f32,
                               g_range = 4.0 : f32, h_range = 4.0 : f32>}
    : (tensor<?x1x4xf32>, tensor<1x16x4xf32>, tensor<1x16x4xf32>) -> (Y: tensor<?x1x1x4xf32>)
  // expected-error @+1 {{takes part of a sequence of dynamic length; the accelerator cannot (for the last step of a forward LSTM, use its Y_h)}}
  %last = hcgs.slice %y offsets = [0, 0, 0, 0] strides = [1, 1, 1, 1] : tensor<?x1x1x4xf32> -> tensor<1x1x1x4xf32>
  %r = hcgs.reshape %last : tensor<1x1x1x4xf32> -> tensor<1x4xf32>
  return %r : tensor<1x4xf32>
}
