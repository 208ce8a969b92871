// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// The forward half of a bidirectional output, and every other step.
// CHECK: hcgs.slice %arg0 offsets = [0, 0, 0, 0] strides = [1, 1, 1, 1] : tensor<7x2x1x5xf32> -> tensor<7x1x1x5xf32>
// CHECK: hcgs.slice %arg0 offsets = [1, 1, 0, 0] strides = [2, 1, 1, 1] : tensor<7x2x1x5xf32> -> tensor<3x1x1x5xf32>
func.func @s(%y: tensor<7x2x1x5xf32>) -> (tensor<7x1x1x5xf32>, tensor<3x1x1x5xf32>) {
  %f = hcgs.slice %y offsets = [0, 0, 0, 0] strides = [1, 1, 1, 1] : tensor<7x2x1x5xf32> -> tensor<7x1x1x5xf32>
  %o = hcgs.slice %y offsets = [1, 1, 0, 0] strides = [2, 1, 1, 1] : tensor<7x2x1x5xf32> -> tensor<3x1x1x5xf32>
  return %f, %o : tensor<7x1x1x5xf32>, tensor<3x1x1x5xf32>
}
