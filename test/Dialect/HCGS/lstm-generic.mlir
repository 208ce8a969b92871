// RUN: hcgs-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: hcgs-opt %s --mlir-print-op-generic | hcgs-opt | FileCheck %s

// The generic form records which optional operands and results are present.
// GENERIC: "hcgs.lstm"
// GENERIC-SAME: operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 1, 0, 0>
// GENERIC-SAME: resultSegmentSizes = array<i32: 1, 0, 1>
// CHECK: hcgs.lstm(%arg0, %arg1, %arg2) initial_h(%arg3)
// CHECK-SAME: -> (Y: tensor<2x1x1x2xf32>, Y_c: tensor<1x1x2xf32>)
func.func @generic(%x: tensor<2x1x1xf32>, %w: tensor<1x8x1xf32>, %r: tensor<1x8x2xf32>,
                   %h0: tensor<1x1x2xf32>) -> (tensor<2x1x1x2xf32>, tensor<1x1x2xf32>) {
  %y, %yc = hcgs.lstm(%x, %w, %r) initial_h(%h0) {direction = #hcgs.direction<forward>,
      hidden_size = 2 : i64, activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<2x1x1xf32>, tensor<1x8x1xf32>, tensor<1x8x2xf32>, tensor<1x1x2xf32>)
    -> (Y: tensor<2x1x1x2xf32>, Y_c: tensor<1x1x2xf32>)
  return %y, %yc : tensor<2x1x1x2xf32>, tensor<1x1x2xf32>
}
