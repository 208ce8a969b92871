// An FC layer whose fake-quantized result can be worked out by hand (see
// fake_quant.test).
func.func @main(%x: tensor<1x2xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i8, 2>})
    -> (tensor<1x2xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<[[0.5, 0.26], [1.0, -0.1]]> : tensor<2x2xf32>
  %y = hcgs.fc %x, %w {quant = #hcgs.fc_quant<weights = <i6, [3, 4]>, acc = <i32, 10>, output = <i8, 3>>}
    : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}
