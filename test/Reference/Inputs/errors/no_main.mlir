// The function is not called @main.
func.func @model(%x: tensor<2x3xf32> {hcgs.name = "x"}) -> (tensor<2x3xf32> {hcgs.name = "y"}) {
  return %x : tensor<2x3xf32>
}
