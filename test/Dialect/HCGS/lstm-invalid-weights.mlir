// RUN: hcgs-opt %s -split-input-file -verify-diagnostics

// W must be [num_directions, 4*hidden_size, input_size].
func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x12x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{'hcgs.lstm' op W has shape [1, 12, 2], expected [1, 16, 2] ([num_directions, 4*hidden_size, input_size])}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x12x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

// W's input size must match X's.
func.func @f(%x: tensor<1x3x5xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{W has shape [1, 16, 2], expected [1, 16, 5]}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x5xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

// A bidirectional layer needs two sets of weights.
func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{W has shape [1, 16, 2], expected [2, 16, 2]}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<bidirectional>, hidden_size = 4 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>, #hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<2x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x3xf32>) {
  // expected-error @+1 {{R has shape [1, 16, 3], expected [1, 16, 4] ([num_directions, 4*hidden_size, hidden_size])}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x3xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>, %b: tensor<1x16xf32>) {
  // expected-error @+1 {{B has shape [1, 16], expected [1, 32] ([num_directions, 8*hidden_size])}}
  %yh = hcgs.lstm(%x, %w, %r) bias(%b) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>, tensor<1x16xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>, %p: tensor<1x16xf32>) {
  // expected-error @+1 {{P has shape [1, 16], expected [1, 12] ([num_directions, 3*hidden_size])}}
  %yh = hcgs.lstm(%x, %w, %r) peepholes(%p) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>, tensor<1x16xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{X must have rank 3 ([seq_length, batch_size, input_size]), got rank 2}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xi32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 32-bit float values}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xi32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}
