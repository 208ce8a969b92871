// RUN: hcgs-opt %s -split-input-file --hcgs-quantize -verify-diagnostics

func.func @main(%x: tensor<1x4xf32> {hcgs.name = "x"}, %w: tensor<3x4xf32> {hcgs.name = "w"}) -> (tensor<1x3xf32> {hcgs.name = "y"}) {
  // expected-error @+1 {{layer 'fc#0': weight is not a constant}}
  %y = hcgs.fc %x, %w : (tensor<1x4xf32>, tensor<3x4xf32>) -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}

// -----

// expected-error @below {{the model has no function @main}}
module {
  func.func @other() { return }
}
