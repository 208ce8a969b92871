// RUN: hcgs-opt %s --hcgs-quantize="calibrate=x=%S/Inputs/calib-x.npy" | FileCheck %s
// RUN: not hcgs-opt %s --hcgs-quantize="calibrate=x=%S/Inputs/missing.npy" 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not hcgs-opt %s --hcgs-quantize="calibrate=x" 2>&1 | FileCheck %s --check-prefix=FORM
// RUN: not hcgs-opt %s --hcgs-quantize="calibrate=x=%S/Inputs/calib-bad.npy" 2>&1 | FileCheck %s --check-prefix=TYPE
// RUN: not hcgs-opt %s --hcgs-quantize="calibrate=x=%S/Inputs/calib-x.npy,x=%S/Inputs/calib-x.npy" 2>&1 | FileCheck %s --check-prefix=TWICE

// Calibration data runs through the float model: the input reaches 0.3, so
// i13 keeps 13 fraction bits (bound 0.5); the output reaches
// 0.9 * 0.3 + 0.5 * 0.2 + 0.25 * 0.1 = 0.395, 13 bits too, much finer than
// the static bound of the sums would allow.
// CHECK: func.func @main(%arg0: tensor<1x4xf32> {hcgs.format = #hcgs.fixed<i13, 13>, hcgs.name = "x"})
// CHECK: output = <i13, 13>

// MISSING: error: --calibrate x: {{.*}}missing.npy: cannot open: No such file or directory
// FORM: error: --calibrate: 'x' is not NAME=FILE
// TYPE: error: calibration: input 'x' has element type i32, expected f32
// TWICE: error: --calibrate: input 'x' given twice
func.func @main(%x: tensor<1x4xf32> {hcgs.name = "x"}) -> (tensor<1x1xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<[[0.9, -0.5, 0.25, 0.0]]> : tensor<1x4xf32>
  %y = hcgs.fc %x, %w : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x1xf32>
  return %y : tensor<1x1xf32>
}
