// A splat constant costs nothing to parse but 40 GB to expand: refused.
func.func @main(%x: tensor<2x100000xf32> {hcgs.name = "x"}) -> (tensor<2x100000xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.5> : tensor<100000x100000xf32>
  %y = hcgs.fc %x, %w : (tensor<2x100000xf32>, tensor<100000x100000xf32>) -> tensor<2x100000xf32>
  return %y : tensor<2x100000xf32>
}
