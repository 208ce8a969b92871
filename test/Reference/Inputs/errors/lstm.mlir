// An LSTM whose batch size is known only at run time.
func.func @main(%X: tensor<2x?x3xf32> {hcgs.name = "X"},
                %W: tensor<1x16x3xf32> {hcgs.name = "W"},
                %R: tensor<1x16x4xf32> {hcgs.name = "R"},
                %lens: tensor<?xi32> {hcgs.name = "sequence_lens"},
                %h0: tensor<1x?x4xf32> {hcgs.name = "initial_h"})
    -> (tensor<1x?x4xf32> {hcgs.name = "Y_h"}) {
  %Y_h = hcgs.lstm(%X, %W, %R) sequence_lens(%lens) initial_h(%h0)
      {direction = #hcgs.direction<forward>, hidden_size = 4 : i64,
       activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<2x?x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<?xi32>,
       tensor<1x?x4xf32>) -> (Y_h: tensor<1x?x4xf32>)
  return %Y_h : tensor<1x?x4xf32>
}
