// A bidirectional LSTM with bias, initial states and peepholes.
// RUN: hcgs-run %s -i X=%S/Inputs/lstm_bidirectional/X.npy \
// RUN:   -i W=%S/Inputs/lstm_bidirectional/W.npy -i R=%S/Inputs/lstm_bidirectional/R.npy \
// RUN:   -i B=%S/Inputs/lstm_bidirectional/B.npy -i P=%S/Inputs/lstm_bidirectional/P.npy \
// RUN:   -i initial_h=%S/Inputs/lstm_bidirectional/initial_h.npy \
// RUN:   -i initial_c=%S/Inputs/lstm_bidirectional/initial_c.npy \
// RUN:   --expect Y=%S/Inputs/lstm_bidirectional/Y.expected.npy \
// RUN:   --expect Y_h=%S/Inputs/lstm_bidirectional/Y_h.expected.npy \
// RUN:   --expect Y_c=%S/Inputs/lstm_bidirectional/Y_c.expected.npy | FileCheck %s
// CHECK: 'Y': max abs error
// CHECK: 'Y_h': max abs error
// CHECK: 'Y_c': max abs error

func.func @main(%X: tensor<5x3x4xf32> {hcgs.name = "X"},
                %W: tensor<2x12x4xf32> {hcgs.name = "W"},
                %R: tensor<2x12x3xf32> {hcgs.name = "R"},
                %B: tensor<2x24xf32> {hcgs.name = "B"},
                %h0: tensor<2x3x3xf32> {hcgs.name = "initial_h"},
                %c0: tensor<2x3x3xf32> {hcgs.name = "initial_c"},
                %P: tensor<2x9xf32> {hcgs.name = "P"})
    -> (tensor<5x2x3x3xf32> {hcgs.name = "Y"}, tensor<2x3x3xf32> {hcgs.name = "Y_h"},
        tensor<2x3x3xf32> {hcgs.name = "Y_c"}) {
  %Y, %Y_h, %Y_c = hcgs.lstm(%X, %W, %R) bias(%B) initial_h(%h0) initial_c(%c0)
      peepholes(%P) {direction = #hcgs.direction<bidirectional>, hidden_size = 3 : i64,
       activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>,
                      #hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<5x3x4xf32>, tensor<2x12x4xf32>, tensor<2x12x3xf32>, tensor<2x24xf32>,
       tensor<2x3x3xf32>, tensor<2x3x3xf32>, tensor<2x9xf32>)
    -> (Y: tensor<5x2x3x3xf32>, Y_h: tensor<2x3x3xf32>, Y_c: tensor<2x3x3xf32>)
  return %Y, %Y_h, %Y_c : tensor<5x2x3x3xf32>, tensor<2x3x3xf32>, tensor<2x3x3xf32>
}
