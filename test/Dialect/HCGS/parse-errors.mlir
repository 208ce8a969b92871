// RUN: hcgs-opt %s -split-input-file -verify-diagnostics

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{expected 3 operands}}
  %yh = hcgs.lstm(%x, %w, %r, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x3x2xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{number of operands and types do not match: got 3 operands and 2 types}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64}
    : (tensor<1x3x2xf32>, tensor<1x16x2xf32>) -> (Y_h: tensor<1x3x4xf32>)
  return
}

// -----

// expected-error @+1 {{a mask block shape is ROWSxCOLS}}
func.func @f() attributes {a = #hcgs.mask<8x8, 4 [[0], [1]]>} { return }
