// RUN: hcgs-opt %s -split-input-file -verify-diagnostics

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{requires attribute 'hidden_size'}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x0x2xf32>, %r: tensor<1x0x0xf32>) {
  // expected-error @+1 {{hidden_size must be positive, got 0}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 0 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x0x2xf32>, tensor<1x0x0xf32>) -> (Y_h: tensor<1x3x0xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{requires attribute 'direction'}}
  %yh = hcgs.lstm(%x, %w, %r) {hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{needs 3 activations (f, g, h for each direction), got 2}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{attribute 'activations' failed to satisfy constraint: array of activation functions}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64,
      activations = ["Sigmoid", "Tanh", "Tanh"]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{clip must be positive, got -1}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, clip = -1.0 : f32, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{layout must be 0 or 1, got 2}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, layout = 2 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+2 {{expected ::hcgs::Direction to be one of: forward, reverse, bidirectional}}
  // expected-error @+1 {{failed to parse HCGS_DirectionAttr parameter}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<sideways>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x?x2xf32>, %r: tensor<1x?x?xf32>) {
  // expected-error @+1 {{hidden_size 4611686018427387904 is larger than 1073741824}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4611686018427387904 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x?x2xf32>, tensor<1x?x?xf32>) -> (Y_h: tensor<1x3x?xf32>)
  return
}
