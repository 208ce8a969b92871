// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// Unknown sizes are accepted wherever the known ones agree.
// CHECK-LABEL: func.func @d
// CHECK: hcgs.transpose %arg0 [0, 2, 1, 3] : tensor<?x2x1x5xf32> -> tensor<?x1x2x5xf32>
// CHECK: hcgs.reshape %{{.*}} : tensor<?x1x2x5xf32> -> tensor<?x1x10xf32>
// CHECK: hcgs.slice %{{.*}} offsets = [0, 0, 5] strides = [1, 1, 1] : tensor<?x1x10xf32> -> tensor<?x1x5xf32>
// CHECK: hcgs.concat %{{.*}}, %{{.*}} {axis = 2 : i64} : (tensor<?x1x5xf32>, tensor<?x1x10xf32>) -> tensor<?x1x15xf32>
func.func @d(%y: tensor<?x2x1x5xf32>) -> tensor<?x1x15xf32> {
  %t = hcgs.transpose %y [0, 2, 1, 3] : tensor<?x2x1x5xf32> -> tensor<?x1x2x5xf32>
  %r = hcgs.reshape %t : tensor<?x1x2x5xf32> -> tensor<?x1x10xf32>
  %s = hcgs.slice %r offsets = [0, 0, 5] strides = [1, 1, 1] : tensor<?x1x10xf32> -> tensor<?x1x5xf32>
  %c = hcgs.concat %s, %r {axis = 2 : i64} : (tensor<?x1x5xf32>, tensor<?x1x10xf32>) -> tensor<?x1x15xf32>
  return %c : tensor<?x1x15xf32>
}
