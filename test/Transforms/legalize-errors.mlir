// RUN: hcgs-opt %s --hcgs-legalize-masks -split-input-file -verify-diagnostics

// A mask that disagrees with its weights is an error, not a silent prune.
func.func @f(%x: tensor<1x8xf32>) -> tensor<1x4xf32> {
  %w = arith.constant dense<[[1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                             [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -3.0],
                             [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                             [2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]> : tensor<4x8xf32>
  // expected-error @+1 {{layer 'fc#0': weight has 1 non-zero weights outside its mask (largest magnitude 3)}}
  %y = hcgs.fc %x, %w {mask = #hcgs.mask<4x8, 4x4 [[0]]>} : (tensor<1x8xf32>, tensor<4x8xf32>) -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

// Weights fed as graph inputs cannot be compiled until bound to values.
func.func @f(%x: tensor<1x8xf32>, %w: tensor<4x8xf32>) -> tensor<1x4xf32> {
  // expected-error @+1 {{layer 'fc#0': weight is not a constant (a graph input: bind it to a file to compile it)}}
  %y = hcgs.fc %x, %w : (tensor<1x8xf32>, tensor<4x8xf32>) -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

// 2x2 blocks are valid HCGS but not on this target.
func.func @f(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %w = arith.constant dense<[[1.0, 1.0, 0.0, 0.0], [1.0, 1.0, 0.0, 0.0],
                             [0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 1.0, 1.0]]> : tensor<4x4xf32>
  // expected-error @+1 {{layer 'fc#0': the mask of weight cannot be held: its 2x2 blocks are not among the block sizes of target 'jssc2020' (4, 8, 16, 32, 64)}}
  %y = hcgs.fc %x, %w {mask = #hcgs.mask<4x4, 2x2 [[0], [1]]>} : (tensor<1x4xf32>, tensor<4x4xf32>) -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

func.func @f(%x: tensor<1x16xf32>) -> tensor<1x16xf32> {
  %w = arith.constant dense<1.0> : tensor<16x16xf32>
  // expected-error @+1 {{layer 'fc#0': the mask of weight cannot be held: it has 3 levels and target 'jssc2020' takes at most 2}}
  %y = hcgs.fc %x, %w {mask = #hcgs.mask<16x16, 16x16 [[0]], 8x8 [[0, 1], [0, 1]], 4x4 [[0, 1], [0, 1], [0, 1], [0, 1], [0, 1], [0, 1], [0, 1], [0, 1]]>}
    : (tensor<1x16xf32>, tensor<16x16xf32>) -> tensor<1x16xf32>
  return %y : tensor<1x16xf32>
}

// -----

// The second LSTM layer's R is checked per direction.
func.func @f(%x: tensor<1x1x4xf32>, %w: tensor<2x16x4xf32>) -> tensor<2x1x4xf32> {
  %r = arith.constant dense<1.0> : tensor<2x16x4xf32>
  // expected-error @+1 {{layer 'lstm#0': W is not a constant (a graph input: bind it to a file to compile it)}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<bidirectional>, hidden_size = 4 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>, #hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x1x4xf32>, tensor<2x16x4xf32>, tensor<2x16x4xf32>) -> (Y_h: tensor<2x1x4xf32>)
  return %yh : tensor<2x1x4xf32>
}

// -----

func.func @f(%x: tensor<1x1x4xf32>) -> tensor<2x1x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x16x4xf32>
  %r = arith.constant dense<1.0> : tensor<2x16x4xf32>
  // expected-error @+1 {{layer 'lstm#0': R[1] has 64 non-zero weights outside its mask (largest magnitude 1)}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<bidirectional>, hidden_size = 4 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>, #hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      r_masks = [#hcgs.mask<4x4, 4x4 [[0]]>, #hcgs.mask<4x4, 4x4 [[]]>]}
    : (tensor<1x1x4xf32>, tensor<2x16x4xf32>, tensor<2x16x4xf32>) -> (Y_h: tensor<2x1x4xf32>)
  return %yh : tensor<2x1x4xf32>
}
