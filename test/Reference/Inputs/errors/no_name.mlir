// The second argument has no hcgs.name.
func.func @main(%x: tensor<2x3xf32> {hcgs.name = "x"}, %w: tensor<4x3xf32>)
    -> (tensor<2x4xf32> {hcgs.name = "y"}) {
  %y = hcgs.fc %x, %w : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
