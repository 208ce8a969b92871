// Two results share a name.
func.func @main(%x: tensor<2x3xf32> {hcgs.name = "x"})
    -> (tensor<2x3xf32> {hcgs.name = "y"}, tensor<2x3xf32> {hcgs.name = "y"}) {
  return %x, %x : tensor<2x3xf32>, tensor<2x3xf32>
}
