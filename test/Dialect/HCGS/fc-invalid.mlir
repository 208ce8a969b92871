// RUN: hcgs-opt %s -split-input-file -verify-diagnostics

func.func @f(%x: tensor<5x8xf32>, %w: tensor<4x6xf32>) {
  // expected-error @+1 {{weight has shape [4, 6], expected [4, 8] ([out_features, in_features], in_features from the input's last dimension)}}
  %y = hcgs.fc %x, %w : (tensor<5x8xf32>, tensor<4x6xf32>) -> tensor<5x4xf32>
  return
}

// -----

func.func @f(%x: tensor<5x8xf32>, %w: tensor<4x8xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{bias has shape [8], expected [4] ([out_features])}}
  %y = hcgs.fc %x, %w, %b : (tensor<5x8xf32>, tensor<4x8xf32>, tensor<8xf32>) -> tensor<5x4xf32>
  return
}

// -----

func.func @f(%x: tensor<5x8xf32>, %w: tensor<4x8xf32>) {
  // expected-error @+1 {{output has shape [5, 8], expected [5, 4] (the input's shape with out_features last)}}
  %y = hcgs.fc %x, %w : (tensor<5x8xf32>, tensor<4x8xf32>) -> tensor<5x8xf32>
  return
}

// -----

func.func @f(%x: tensor<5x8xf32>, %w: tensor<2x4x8xf32>) {
  // expected-error @+1 {{weight must have rank 2 ([out_features, in_features]), got rank 3}}
  %y = hcgs.fc %x, %w : (tensor<5x8xf32>, tensor<2x4x8xf32>) -> tensor<5x4xf32>
  return
}

// -----

func.func @f(%x: tensor<5x8xf32>, %w: tensor<4x8xf32>) {
  // expected-error @+1 {{mask is 8x4, expected the weight's [4, 8]}}
  %y = hcgs.fc %x, %w {mask = #hcgs.mask<8x4, 4x4 [[0], [0]]>} : (tensor<5x8xf32>, tensor<4x8xf32>) -> tensor<5x4xf32>
  return
}

// -----

func.func @f(%x: tensor<f32>, %w: tensor<4x8xf32>) {
  // expected-error @+1 {{input must have rank 1 or more}}
  %y = hcgs.fc %x, %w : (tensor<f32>, tensor<4x8xf32>) -> tensor<4xf32>
  return
}
