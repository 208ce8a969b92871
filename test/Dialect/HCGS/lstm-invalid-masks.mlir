// RUN: hcgs-opt %s -split-input-file -verify-diagnostics

// A W mask is hidden_size x input_size: shared by the four gates.
func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{w_masks[0] is 16x2, expected 4x2 (shared by the four gates: hidden_size x input_size)}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      w_masks = [#hcgs.mask<16x2, 2x2 [[0], [0], [0], [0], [0], [0], [0], [0]]>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{r_masks[0] is 4x2, expected 4x4 (shared by the four gates: hidden_size x hidden_size)}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      r_masks = [#hcgs.mask<4x2, 2x2 [[0], [0]]>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{w_masks needs one mask per direction (1), got 2}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      w_masks = [#hcgs.mask<4x2, 2x2 [[0], [0]]>, #hcgs.mask<4x2, 2x2 [[0], [0]]>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

// A kept index out of range is caught while parsing the mask.
func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+2 {{mask level 0 (2x2 blocks): block-row 1 keeps block 5, out of range [0, 1)}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      w_masks = [#hcgs.mask<4x2, 2x2 [[0], [5]]>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{attribute 'w_masks' failed to satisfy constraint: array of block masks, one per direction}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      w_masks = [#hcgs.fixed<i6, 5>]}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}
