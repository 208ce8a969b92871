// A dense_resource whose blob is missing from the file.
func.func @main(%x: tensor<2x3xf32> {hcgs.name = "x"}) -> (tensor<2x4xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense_resource<missing> : tensor<4x3xf32>
  %y = hcgs.fc %x, %w : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
