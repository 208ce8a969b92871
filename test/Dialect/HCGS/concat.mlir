// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// CHECK: hcgs.concat %arg0, %arg1 {axis = 2 : i64} : (tensor<4x1x3xf32>, tensor<4x1x5xf32>) -> tensor<4x1x8xf32>
func.func @c(%a: tensor<4x1x3xf32>, %b: tensor<4x1x5xf32>) -> tensor<4x1x8xf32> {
  %c = hcgs.concat %a, %b {axis = 2 : i64} : (tensor<4x1x3xf32>, tensor<4x1x5xf32>) -> tensor<4x1x8xf32>
  return %c : tensor<4x1x8xf32>
}

// CHECK: hcgs.concat %arg0, %arg1 {axis = 0 : i64} : (tensor<?x2xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
func.func @dynamic(%a: tensor<?x2xf32>, %b: tensor<3x2xf32>) -> tensor<?x2xf32> {
  %c = hcgs.concat %a, %b {axis = 0 : i64} : (tensor<?x2xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  return %c : tensor<?x2xf32>
}
