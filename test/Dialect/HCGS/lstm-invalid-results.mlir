// RUN: hcgs-opt %s -split-input-file -verify-diagnostics

func.func @f(%x: tensor<5x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{Y has shape [5, 3, 1, 4], expected [5, 1, 3, 4] ([seq_length, num_directions, batch_size, hidden_size])}}
  %y = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<5x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y: tensor<5x3x1x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<3x5x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{Y has shape [5, 1, 3, 4], expected [3, 5, 1, 4] ([batch_size, seq_length, num_directions, hidden_size])}}
  %y = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, layout = 1 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<3x5x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y: tensor<5x1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{Y_c has shape [1, 3, 3], expected [1, 3, 4]}}
  %yc = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<5x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_c: tensor<1x3x3xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+2 {{results must be listed once each, in the order Y, Y_h, Y_c}}
  %yc, %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<5x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_c: tensor<1x3x4xf32>, Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+2 {{expected result Y, Y_h or Y_c}}
  %yc = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<5x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (H: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{needs at least one of the results Y, Y_h, Y_c}}
  hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<5x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> ()
  return
}
