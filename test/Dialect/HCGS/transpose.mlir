// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// The transpose PyTorch puts between bidirectional layers.
// CHECK: hcgs.transpose %arg0 [0, 2, 1, 3] : tensor<7x2x1x5xf32> -> tensor<7x1x2x5xf32>
func.func @t(%y: tensor<7x2x1x5xf32>) -> tensor<7x1x2x5xf32> {
  %t = hcgs.transpose %y [0, 2, 1, 3] : tensor<7x2x1x5xf32> -> tensor<7x1x2x5xf32>
  return %t : tensor<7x1x2x5xf32>
}

// CHECK: hcgs.transpose %arg0 [1, 0, 2] : tensor<?x4x3xf32> -> tensor<4x?x3xf32>
func.func @batch_first(%x: tensor<?x4x3xf32>) -> tensor<4x?x3xf32> {
  %t = hcgs.transpose %x [1, 0, 2] : tensor<?x4x3xf32> -> tensor<4x?x3xf32>
  return %t : tensor<4x?x3xf32>
}
