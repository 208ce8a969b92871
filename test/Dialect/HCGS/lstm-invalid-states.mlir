// RUN: hcgs-opt %s -split-input-file -verify-diagnostics

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>, %h: tensor<3x1x4xf32>) {
  // expected-error @+1 {{initial_h has shape [3, 1, 4], expected [1, 3, 4] ([num_directions, batch_size, hidden_size])}}
  %yh = hcgs.lstm(%x, %w, %r) initial_h(%h) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>, tensor<3x1x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

// With layout = 1 the states are batch-first.
func.func @f(%x: tensor<3x1x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>, %c: tensor<1x3x4xf32>) {
  // expected-error @+1 {{initial_c has shape [1, 3, 4], expected [3, 1, 4] ([batch_size, num_directions, hidden_size])}}
  %yh = hcgs.lstm(%x, %w, %r) initial_c(%c) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, layout = 1 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<3x1x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>, tensor<1x3x4xf32>) -> (Y_h: tensor<3x1x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>, %lens: tensor<2xi32>) {
  // expected-error @+1 {{sequence_lens has shape [2], expected [3] ([batch_size])}}
  %yh = hcgs.lstm(%x, %w, %r) sequence_lens(%lens) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>, tensor<2xi32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>, %lens: tensor<3xf32>) {
  // expected-error @+1 {{operand #3 must be ranked tensor of 32-bit signless integer values}}
  %yh = hcgs.lstm(%x, %w, %r) sequence_lens(%lens) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>, tensor<3xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}
