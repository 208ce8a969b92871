// A reverse LSTM with bias and initial states, all three outputs.
// RUN: hcgs-run %s -i X=%S/Inputs/lstm_reverse/X.npy -i W=%S/Inputs/lstm_reverse/W.npy \
// RUN:   -i R=%S/Inputs/lstm_reverse/R.npy -i B=%S/Inputs/lstm_reverse/B.npy \
// RUN:   -i initial_h=%S/Inputs/lstm_reverse/initial_h.npy \
// RUN:   -i initial_c=%S/Inputs/lstm_reverse/initial_c.npy \
// RUN:   --expect Y=%S/Inputs/lstm_reverse/Y.expected.npy \
// RUN:   --expect Y_h=%S/Inputs/lstm_reverse/Y_h.expected.npy \
// RUN:   --expect Y_c=%S/Inputs/lstm_reverse/Y_c.expected.npy | FileCheck %s
// CHECK: 'Y': max abs error
// CHECK: 'Y_h': max abs error
// CHECK: 'Y_c': max abs error

func.func @main(%X: tensor<4x2x3xf32> {hcgs.name = "X"},
                %W: tensor<1x20x3xf32> {hcgs.name = "W"},
                %R: tensor<1x20x5xf32> {hcgs.name = "R"},
                %B: tensor<1x40xf32> {hcgs.name = "B"},
                %h0: tensor<1x2x5xf32> {hcgs.name = "initial_h"},
                %c0: tensor<1x2x5xf32> {hcgs.name = "initial_c"})
    -> (tensor<4x1x2x5xf32> {hcgs.name = "Y"}, tensor<1x2x5xf32> {hcgs.name = "Y_h"},
        tensor<1x2x5xf32> {hcgs.name = "Y_c"}) {
  %Y, %Y_h, %Y_c = hcgs.lstm(%X, %W, %R) bias(%B) initial_h(%h0) initial_c(%c0)
      {direction = #hcgs.direction<reverse>, hidden_size = 5 : i64,
       activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<4x2x3xf32>, tensor<1x20x3xf32>, tensor<1x20x5xf32>, tensor<1x40xf32>,
       tensor<1x2x5xf32>, tensor<1x2x5xf32>)
    -> (Y: tensor<4x1x2x5xf32>, Y_h: tensor<1x2x5xf32>, Y_c: tensor<1x2x5xf32>)
  return %Y, %Y_h, %Y_c : tensor<4x1x2x5xf32>, tensor<1x2x5xf32>, tensor<1x2x5xf32>
}
