// The permutation does not fit the input: the verifier refuses the model.
func.func @main(%x: tensor<2x3xf32> {hcgs.name = "x"}) -> (tensor<3x2xf32> {hcgs.name = "y"}) {
  %y = hcgs.transpose %x [1, 1] : tensor<2x3xf32> -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}
