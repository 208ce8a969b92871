// RUN: hcgs-opt %s -split-input-file --hcgs-quantize -verify-diagnostics

func.func @main(%x: tensor<1x4xf32> {hcgs.name = "x"}, %w: tensor<3x4xf32> {hcgs.name = "w"}) -> (tensor<1x3xf32> {hcgs.name = "y"}) {
  // expected-error @+1 {{layer 'fc#0': weight is not a constant}}
  %y = hcgs.fc %x, %w : (tensor<1x4xf32>, tensor<3x4xf32>) -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}

// -----

// expected-error @below {{the model has no function @main}}
module {
  func.func @other() { return }
}

// -----

// A NaN or an infinity has no fixed-point code: the program would compute
// finite values where the model computes NaN.
func.func @main(%x: tensor<3x1x2xf32> {hcgs.name = "x"}) -> (tensor<1x1x2xf32> {hcgs.name = "h"}) {
  %w = arith.constant dense<[[[0.5, 1.0], [0.25, -0.5], [0.1, 0.2], [-0.3, 0x7FC00000],
                              [0.5, 0.5], [0.6, -0.6], [0.7, 0.1], [-0.2, 0.9]]]> : tensor<1x8x2xf32>
  %r = arith.constant dense<0.5> : tensor<1x8x2xf32>
  // expected-error @+1 {{layer 'lstm#0': W holds NaN at element 7; weights and biases must be finite}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 2 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<3x1x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>) -> (Y_h: tensor<1x1x2xf32>)
  return %yh : tensor<1x1x2xf32>
}

// -----

func.func @main(%x: tensor<3x1x2xf32> {hcgs.name = "x"}) -> (tensor<1x1x2xf32> {hcgs.name = "h"}) {
  %w = arith.constant dense<0.5> : tensor<1x8x2xf32>
  %r = arith.constant dense<0xFF800000> : tensor<1x8x2xf32>
  // expected-error @+1 {{layer 'lstm#0': R holds -Inf at element 0; weights and biases must be finite}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 2 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<3x1x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>) -> (Y_h: tensor<1x1x2xf32>)
  return %yh : tensor<1x1x2xf32>
}

// -----

func.func @main(%x: tensor<3x1x2xf32> {hcgs.name = "x"}) -> (tensor<1x1x2xf32> {hcgs.name = "h"}) {
  %w = arith.constant dense<0.5> : tensor<1x8x2xf32>
  %r = arith.constant dense<0.5> : tensor<1x8x2xf32>
  %b = arith.constant dense<[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0x7F800000]]> : tensor<1x16xf32>
  // expected-error @+1 {{layer 'lstm#0': B holds +Inf at element 15; weights and biases must be finite}}
  %yh = hcgs.lstm(%x, %w, %r) bias(%b) {direction = #hcgs.direction<forward>, hidden_size = 2 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<3x1x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>, tensor<1x16xf32>) -> (Y_h: tensor<1x1x2xf32>)
  return %yh : tensor<1x1x2xf32>
}

// -----

func.func @main(%x: tensor<1x4xf32> {hcgs.name = "x"}) -> (tensor<1x3xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<[[0.9, -0.5, 0.25, 0.0], [0.2, 0.1, 0x7FC00000, 0.05], [1.0, 0.05, -0.03, 0.06]]> : tensor<3x4xf32>
  // expected-error @+1 {{layer 'fc#0': weight holds NaN at element 6; weights and biases must be finite}}
  %y = hcgs.fc %x, %w : (tensor<1x4xf32>, tensor<3x4xf32>) -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}

// -----

func.func @main(%x: tensor<1x4xf32> {hcgs.name = "x"}) -> (tensor<1x3xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.5> : tensor<3x4xf32>
  %b = arith.constant dense<[0.5, 0x7F800000, 0.125]> : tensor<3xf32>
  // expected-error @+1 {{layer 'fc#0': bias holds +Inf at element 1; weights and biases must be finite}}
  %y = hcgs.fc %x, %w, %b : (tensor<1x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}
