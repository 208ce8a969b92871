// RUN: hcgs-opt %s --cse --canonicalize | FileCheck %s

// The layers have no side effects: duplicates merge and unused ones vanish.
// CHECK-LABEL: func.func @f
// CHECK-COUNT-1: hcgs.fc
// CHECK-NOT: hcgs.lstm
// CHECK: return
func.func @f(%x: tensor<2x1x3xf32>, %w: tensor<1x8x3xf32>, %r: tensor<1x8x2xf32>,
             %v: tensor<4x3xf32>, %fw: tensor<5x3xf32>) -> (tensor<4x5xf32>, tensor<4x5xf32>) {
  %unused = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 2 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<2x1x3xf32>, tensor<1x8x3xf32>, tensor<1x8x2xf32>) -> (Y: tensor<2x1x1x2xf32>)
  %a = hcgs.fc %v, %fw : (tensor<4x3xf32>, tensor<5x3xf32>) -> tensor<4x5xf32>
  %b = hcgs.fc %v, %fw : (tensor<4x3xf32>, tensor<5x3xf32>) -> tensor<4x5xf32>
  return %a, %b : tensor<4x5xf32>, tensor<4x5xf32>
}
