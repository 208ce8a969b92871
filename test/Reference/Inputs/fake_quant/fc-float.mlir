func.func @main(%x: tensor<1x2xf32> {hcgs.name = "x"}) -> (tensor<1x2xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<[[0.5, 0.26], [1.0, -0.1]]> : tensor<2x2xf32>
  %y = hcgs.fc %x, %w : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}
