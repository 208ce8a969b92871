// RUN: hcgs-opt %s -split-input-file -verify-diagnostics

func.func @f(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{permutation [0, 0, 1] is not a permutation of [0, 3)}}
  %t = hcgs.transpose %x [0, 0, 1] : tensor<2x3x4xf32> -> tensor<2x2x3xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{permutation has 2 entries, input has rank 3}}
  %t = hcgs.transpose %x [1, 0] : tensor<2x3x4xf32> -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{output has shape [3, 2, 4], expected [4, 2, 3] (the input's dimensions permuted)}}
  %t = hcgs.transpose %x [2, 0, 1] : tensor<2x3x4xf32> -> tensor<3x2x4xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{cannot reshape 24 elements [2, 3, 4] into 20 [5, 4]}}
  %r = hcgs.reshape %x : tensor<2x3x4xf32> -> tensor<5x4xf32>
  return
}

// -----

func.func @f(%x: tensor<?x3x4xf32>) {
  // expected-error @+1 {{result shape [?, ?] has more unknown dimensions than the input's [?, 3, 4] can determine}}
  %r = hcgs.reshape %x : tensor<?x3x4xf32> -> tensor<?x?xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) {
  // expected-error @+1 {{input 1 has shape [2, 4], which does not match the output [4, 3] outside axis 0}}
  %c = hcgs.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) {
  // expected-error @+1 {{output has shape [2, 8], expected [2, 7] (the inputs joined along the axis)}}
  %c = hcgs.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %c = hcgs.concat %a {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{input 1 has rank 1, expected 2}}
  %c = hcgs.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @f(%x: tensor<7x2xf32>) {
  // expected-error @+1 {{dimension 0 reads index 8, past the input's size 7}}
  %s = hcgs.slice %x offsets = [2, 0] strides = [3, 1] : tensor<7x2xf32> -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<7x2xf32>) {
  // expected-error @+1 {{stride 0 in dimension 1 must be positive}}
  %s = hcgs.slice %x offsets = [0, 0] strides = [1, 0] : tensor<7x2xf32> -> tensor<7x2xf32>
  return
}

// -----

func.func @f(%x: tensor<7x2xf32>) {
  // expected-error @+1 {{offset -1 in dimension 0 is negative}}
  %s = hcgs.slice %x offsets = [-1, 0] strides = [1, 1] : tensor<7x2xf32> -> tensor<7x2xf32>
  return
}

// -----

func.func @f(%x: tensor<7x2xf32>) {
  // expected-error @+1 {{offsets, strides and the output need rank 2}}
  %s = hcgs.slice %x offsets = [0] strides = [1] : tensor<7x2xf32> -> tensor<7x2xf32>
  return
}
