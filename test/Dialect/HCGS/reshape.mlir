// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// CHECK: hcgs.reshape %arg0 : tensor<7x1x2x5xf32> -> tensor<7x1x10xf32>
func.func @merge(%y: tensor<7x1x2x5xf32>) -> tensor<7x1x10xf32> {
  %r = hcgs.reshape %y : tensor<7x1x2x5xf32> -> tensor<7x1x10xf32>
  return %r : tensor<7x1x10xf32>
}

// A dynamic sequence length carries through a squeeze.
// CHECK: hcgs.reshape %arg0 : tensor<?x1x1x64xf32> -> tensor<?x1x64xf32>
func.func @squeeze(%y: tensor<?x1x1x64xf32>) -> tensor<?x1x64xf32> {
  %r = hcgs.reshape %y : tensor<?x1x1x64xf32> -> tensor<?x1x64xf32>
  return %r : tensor<?x1x64xf32>
}
