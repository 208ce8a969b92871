// layout = 1 puts the batch first in X, Y, Y_h, Y_c and the initial states;
// bidirectional, with peepholes and sequence lengths.
// RUN: hcgs-run %s -i X=%S/Inputs/lstm_layout1/X.npy -i W=%S/Inputs/lstm_layout1/W.npy \
// RUN:   -i R=%S/Inputs/lstm_layout1/R.npy -i B=%S/Inputs/lstm_layout1/B.npy \
// RUN:   -i P=%S/Inputs/lstm_layout1/P.npy \
// RUN:   -i sequence_lens=%S/Inputs/lstm_layout1/sequence_lens.npy \
// RUN:   -i initial_h=%S/Inputs/lstm_layout1/initial_h.npy \
// RUN:   -i initial_c=%S/Inputs/lstm_layout1/initial_c.npy \
// RUN:   --expect Y=%S/Inputs/lstm_layout1/Y.expected.npy \
// RUN:   --expect Y_h=%S/Inputs/lstm_layout1/Y_h.expected.npy \
// RUN:   --expect Y_c=%S/Inputs/lstm_layout1/Y_c.expected.npy | FileCheck %s
// CHECK: 'Y': max abs error
// CHECK: 'Y_h': max abs error
// CHECK: 'Y_c': max abs error

func.func @main(%X: tensor<3x4x3xf32> {hcgs.name = "X"},
                %W: tensor<2x16x3xf32> {hcgs.name = "W"},
                %R: tensor<2x16x4xf32> {hcgs.name = "R"},
                %B: tensor<2x32xf32> {hcgs.name = "B"},
                %lens: tensor<3xi32> {hcgs.name = "sequence_lens"},
                %h0: tensor<3x2x4xf32> {hcgs.name = "initial_h"},
                %c0: tensor<3x2x4xf32> {hcgs.name = "initial_c"},
                %P: tensor<2x12xf32> {hcgs.name = "P"})
    -> (tensor<3x4x2x4xf32> {hcgs.name = "Y"}, tensor<3x2x4xf32> {hcgs.name = "Y_h"},
        tensor<3x2x4xf32> {hcgs.name = "Y_c"}) {
  %Y, %Y_h, %Y_c = hcgs.lstm(%X, %W, %R) bias(%B) sequence_lens(%lens) initial_h(%h0)
      initial_c(%c0) peepholes(%P) {direction = #hcgs.direction<bidirectional>,
       hidden_size = 4 : i64, layout = 1 : i64,
       activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>,
                      #hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<3x4x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>, tensor<2x32xf32>,
       tensor<3xi32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>, tensor<2x12xf32>)
    -> (Y: tensor<3x4x2x4xf32>, Y_h: tensor<3x2x4xf32>, Y_c: tensor<3x2x4xf32>)
  return %Y, %Y_h, %Y_c : tensor<3x4x2x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>
}
