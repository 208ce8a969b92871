// RUN: hcgs-opt %s -split-input-file -verify-diagnostics

func.func @f(%x: tensor<3x1x2xf32>, %w: tensor<1x8x2xf32>, %r: tensor<1x8x2xf32>) {
  // expected-error @+1 {{quant: weights must be a signed format with one fraction or one per row (8), got 3}}
  %y = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 2 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      quant = #hcgs.lstm_quant<weights = <i6, [5, 6, 5]>, recurrent = <i6, 4>,
        acc = <i32, 24>, gates = <i13, 12>, candidate = <i13, 12>,
        cell_act = <i13, 12>, cell = <i13, 9>, hidden = <i13, 12>,
        f_range = 8.0 : f32, g_range = 4.0 : f32, h_range = 4.0 : f32>}
    : (tensor<3x1x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>) -> (Y: tensor<3x1x1x2xf32>)
  return
}

// -----

func.func @f(%x: tensor<3x1x2xf32>, %w: tensor<1x8x2xf32>, %r: tensor<1x8x2xf32>) {
  // expected-error @+1 {{quant: bias format given without its operand}}
  %y = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 2 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      quant = #hcgs.lstm_quant<weights = <i6, 5>, recurrent = <i6, 4>, bias = <i16, 12>,
        acc = <i32, 24>, gates = <i13, 12>, candidate = <i13, 12>,
        cell_act = <i13, 12>, cell = <i13, 9>, hidden = <i13, 12>,
        f_range = 8.0 : f32, g_range = 4.0 : f32, h_range = 4.0 : f32>}
    : (tensor<3x1x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>) -> (Y: tensor<3x1x1x2xf32>)
  return
}

// -----

func.func @f(%x: tensor<3x1x2xf32>, %w: tensor<1x8x2xf32>, %r: tensor<1x8x2xf32>) {
  // expected-error @+1 {{quant: cell must have one fraction for the tensor}}
  %y = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 2 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      quant = #hcgs.lstm_quant<weights = <i6, 5>, recurrent = <i6, 4>,
        acc = <i32, 24>, gates = <i13, 12>, candidate = <i13, 12>,
        cell_act = <i13, 12>, cell = <i13, [9, 9]>, hidden = <i13, 12>,
        f_range = 8.0 : f32, g_range = 4.0 : f32, h_range = 4.0 : f32>}
    : (tensor<3x1x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>) -> (Y: tensor<3x1x1x2xf32>)
  return
}

// -----

func.func @f(%x: tensor<3x1x2xf32>, %w: tensor<1x8x2xf32>, %r: tensor<1x8x2xf32>) {
  // expected-error @+1 {{quant: g_range must be positive}}
  %y = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 2 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      quant = #hcgs.lstm_quant<weights = <i6, 5>, recurrent = <i6, 4>,
        acc = <i32, 24>, gates = <i13, 12>, candidate = <i13, 12>,
        cell_act = <i13, 12>, cell = <i13, 9>, hidden = <i13, 12>,
        f_range = 8.0 : f32, g_range = 0.0 : f32, h_range = 4.0 : f32>}
    : (tensor<3x1x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>) -> (Y: tensor<3x1x1x2xf32>)
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>, %w: tensor<3x2xf32>) {
  // expected-error @+1 {{quant: weights must be a signed format with one fraction or one per row (3), got 2}}
  %o = hcgs.fc %x, %w {quant = #hcgs.fc_quant<weights = <i6, [3, 4]>, acc = <i32, 20>, output = <i13, 8>>}
    : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>, %w: tensor<3x2xf32>) {
  // expected-error @+1 {{quant: weights must be a signed format with one fraction or one per row (3), got 1}}
  %o = hcgs.fc %x, %w {quant = #hcgs.fc_quant<weights = <ui6, 3>, acc = <i32, 20>, output = <i13, 8>>}
    : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<3x3xf32>
  return
}
