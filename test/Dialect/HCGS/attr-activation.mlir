// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// Every activation function of the ONNX RNN operators, with the parameters
// each takes.
// CHECK: #hcgs.act<relu>
// CHECK-SAME: #hcgs.act<tanh>
// CHECK-SAME: #hcgs.act<sigmoid>
// CHECK-SAME: #hcgs.act<affine, alpha = 2.000000e+00, beta = -5.000000e-01>
// CHECK-SAME: #hcgs.act<leaky_relu, alpha = 0.00999999977>
// CHECK-SAME: #hcgs.act<thresholded_relu, alpha = 1.000000e+00>
// CHECK-SAME: #hcgs.act<scaled_tanh, alpha = 1.500000e+00, beta = 2.500000e-01>
// CHECK-SAME: #hcgs.act<hard_sigmoid, alpha = 2.000000e-01, beta = 5.000000e-01>
// CHECK-SAME: #hcgs.act<elu, alpha = 1.000000e+00>
// CHECK-SAME: #hcgs.act<softsign>
// CHECK-SAME: #hcgs.act<softplus>
func.func @activations() attributes {all = [
    #hcgs.act<relu>, #hcgs.act<tanh>, #hcgs.act<sigmoid>,
    #hcgs.act<affine, alpha = 2.0, beta = -0.5>,
    #hcgs.act<leaky_relu, alpha = 0.01>,
    #hcgs.act<thresholded_relu, alpha = 1.0>,
    #hcgs.act<scaled_tanh, beta = 0.25, alpha = 1.5>,
    #hcgs.act<hard_sigmoid, alpha = 0.2, beta = 0.5>,
    #hcgs.act<elu, alpha = 1.0>, #hcgs.act<softsign>, #hcgs.act<softplus>]} {
  return
}
