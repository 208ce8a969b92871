// arith.addf is not an op of hcgs IR.
func.func @main(%x: tensor<2x3xf32> {hcgs.name = "x"}) -> (tensor<2x3xf32> {hcgs.name = "y"}) {
  %y = arith.addf %x, %x : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
