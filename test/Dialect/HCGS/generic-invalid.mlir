// RUN: hcgs-opt %s -split-input-file -verify-diagnostics

// The generic form must describe its optional operands consistently.
func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{operand count (3) does not match with the total size (4) specified in attribute 'operandSegmentSizes'}}
  %yh = "hcgs.lstm"(%x, %w, %r) <{direction = #hcgs.direction<forward>, hidden_size = 4 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      operandSegmentSizes = array<i32: 1, 1, 1, 1, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 1, 0>}>
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> tensor<1x3x4xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{size mismatch in attribute conversion: 3 vs 8}}
  %yh = "hcgs.lstm"(%x, %w, %r) <{direction = #hcgs.direction<forward>, hidden_size = 4 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      operandSegmentSizes = array<i32: 1, 1, 1>, resultSegmentSizes = array<i32: 0, 1, 0>}>
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> tensor<1x3x4xf32>
  return
}
