// A typo in the op name.
func.func @main(%x: tensor<2x3xf32> {hcgs.name = "x"}) -> (tensor<2x3xf32> {hcgs.name = "y"}) {
  %y = hcgs.transpse %x [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
  return %x : tensor<2x3xf32>
}
