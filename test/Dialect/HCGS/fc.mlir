// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// CHECK-LABEL: func.func @with_bias
// CHECK: hcgs.fc %arg0, %arg1, %arg2 : (tensor<5x1x64xf32>, tensor<48x64xf32>, tensor<48xf32>) -> tensor<5x1x48xf32>
func.func @with_bias(%x: tensor<5x1x64xf32>, %w: tensor<48x64xf32>, %b: tensor<48xf32>) -> tensor<5x1x48xf32> {
  %y = hcgs.fc %x, %w, %b : (tensor<5x1x64xf32>, tensor<48x64xf32>, tensor<48xf32>) -> tensor<5x1x48xf32>
  return %y : tensor<5x1x48xf32>
}

// CHECK-LABEL: func.func @without_bias
// CHECK: hcgs.fc %arg0, %arg1 : (tensor<?x8xf32>, tensor<4x8xf32>) -> tensor<?x4xf32>
func.func @without_bias(%x: tensor<?x8xf32>, %w: tensor<4x8xf32>) -> tensor<?x4xf32> {
  %y = hcgs.fc %x, %w : (tensor<?x8xf32>, tensor<4x8xf32>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

// CHECK-LABEL: func.func @vector
// CHECK: hcgs.fc %arg0, %arg1 : (tensor<8xf32>, tensor<4x8xf32>) -> tensor<4xf32>
func.func @vector(%x: tensor<8xf32>, %w: tensor<4x8xf32>) -> tensor<4xf32> {
  %y = hcgs.fc %x, %w : (tensor<8xf32>, tensor<4x8xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}
