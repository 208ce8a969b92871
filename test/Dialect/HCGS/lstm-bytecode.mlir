// RUN: hcgs-opt %s --emit-bytecode | hcgs-opt | FileCheck %s

// Ops and attributes survive MLIR bytecode.
// CHECK: hcgs.lstm(%arg0, %arg1, %arg2) bias(%arg3)
// CHECK-SAME: activations = [#hcgs.act<leaky_relu, alpha = 0.00999999977>, #hcgs.act<tanh>, #hcgs.act<elu, alpha = 1.000000e+00>]
// CHECK-SAME: clip = 5.000000e-01 : f32
// CHECK-SAME: w_masks = [#hcgs.mask<2x2, 1x1 {{\[\[}}1], [0]]>]
// CHECK: hcgs.fc %{{.*}}, %{{.*}} {mask = #hcgs.mask<3x2, 2x2 {{\[\[}}0], [0]]>, q = #hcgs.fixed<i6, [5, 4, 3]>}
func.func @bc(%x: tensor<4x1x2xf32>, %w: tensor<1x8x2xf32>, %r: tensor<1x8x2xf32>,
              %b: tensor<1x16xf32>, %fw: tensor<3x2xf32>) -> tensor<4x1x3xf32> {
  %y = hcgs.lstm(%x, %w, %r) bias(%b) {direction = #hcgs.direction<forward>, hidden_size = 2 : i64,
      activations = [#hcgs.act<leaky_relu, alpha = 0.01>, #hcgs.act<tanh>, #hcgs.act<elu, alpha = 1.0>],
      clip = 0.5 : f32, w_masks = [#hcgs.mask<2x2, 1x1 [[1], [0]]>]}
    : (tensor<4x1x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>, tensor<1x16xf32>) -> (Y: tensor<4x1x1x2xf32>)
  %h = hcgs.reshape %y : tensor<4x1x1x2xf32> -> tensor<4x1x2xf32>
  %o = hcgs.fc %h, %fw {mask = #hcgs.mask<3x2, 2x2 [[0], [0]]>, q = #hcgs.fixed<i6, [5, 4, 3]>}
    : (tensor<4x1x2xf32>, tensor<3x2xf32>) -> tensor<4x1x3xf32>
  return %o : tensor<4x1x3xf32>
}
