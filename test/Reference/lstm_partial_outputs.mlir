// Any subset of the outputs: one LSTM yields Y_c alone, another on the same
// inputs Y and Y_c without Y_h.
// RUN: hcgs-run %s -i X=%S/Inputs/lstm_partial_outputs/X.npy \
// RUN:   -i W=%S/Inputs/lstm_partial_outputs/W.npy \
// RUN:   -i R=%S/Inputs/lstm_partial_outputs/R.npy \
// RUN:   -i B=%S/Inputs/lstm_partial_outputs/B.npy \
// RUN:   --expect Y_c_alone=%S/Inputs/lstm_partial_outputs/Y_c.expected.npy \
// RUN:   --expect Y=%S/Inputs/lstm_partial_outputs/Y.expected.npy \
// RUN:   --expect Y_c=%S/Inputs/lstm_partial_outputs/Y_c.expected.npy | FileCheck %s
// CHECK: 'Y_c_alone': max abs error
// CHECK: 'Y': max abs error
// CHECK: 'Y_c': max abs error

func.func @main(%X: tensor<3x2x3xf32> {hcgs.name = "X"},
                %W: tensor<1x16x3xf32> {hcgs.name = "W"},
                %R: tensor<1x16x4xf32> {hcgs.name = "R"},
                %B: tensor<1x32xf32> {hcgs.name = "B"})
    -> (tensor<1x2x4xf32> {hcgs.name = "Y_c_alone"}, tensor<3x1x2x4xf32> {hcgs.name = "Y"},
        tensor<1x2x4xf32> {hcgs.name = "Y_c"}) {
  %alone = hcgs.lstm(%X, %W, %R) bias(%B) {direction = #hcgs.direction<forward>,
       hidden_size = 4 : i64,
       activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<3x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<1x32xf32>)
    -> (Y_c: tensor<1x2x4xf32>)
  %Y, %Y_c = hcgs.lstm(%X, %W, %R) bias(%B) {direction = #hcgs.direction<forward>,
       hidden_size = 4 : i64,
       activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<3x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<1x32xf32>)
    -> (Y: tensor<3x1x2x4xf32>, Y_c: tensor<1x2x4xf32>)
  return %alone, %Y, %Y_c : tensor<1x2x4xf32>, tensor<3x1x2x4xf32>, tensor<1x2x4xf32>
}
