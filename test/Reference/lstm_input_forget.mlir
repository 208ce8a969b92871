// input_forget couples the forget gate to 1 - i (its weights and peephole go
// unused), in a reverse LSTM; the fixture script checks that the coupling
// changes the outputs.
// RUN: hcgs-run %s -i X=%S/Inputs/lstm_input_forget/X.npy \
// RUN:   -i W=%S/Inputs/lstm_input_forget/W.npy -i R=%S/Inputs/lstm_input_forget/R.npy \
// RUN:   -i B=%S/Inputs/lstm_input_forget/B.npy -i P=%S/Inputs/lstm_input_forget/P.npy \
// RUN:   -i initial_h=%S/Inputs/lstm_input_forget/initial_h.npy \
// RUN:   -i initial_c=%S/Inputs/lstm_input_forget/initial_c.npy \
// RUN:   --expect Y=%S/Inputs/lstm_input_forget/Y.expected.npy \
// RUN:   --expect Y_h=%S/Inputs/lstm_input_forget/Y_h.expected.npy \
// RUN:   --expect Y_c=%S/Inputs/lstm_input_forget/Y_c.expected.npy | FileCheck %s
// CHECK: 'Y': max abs error
// CHECK: 'Y_h': max abs error
// CHECK: 'Y_c': max abs error

func.func @main(%X: tensor<4x2x3xf32> {hcgs.name = "X"},
                %W: tensor<1x16x3xf32> {hcgs.name = "W"},
                %R: tensor<1x16x4xf32> {hcgs.name = "R"},
                %B: tensor<1x32xf32> {hcgs.name = "B"},
                %h0: tensor<1x2x4xf32> {hcgs.name = "initial_h"},
                %c0: tensor<1x2x4xf32> {hcgs.name = "initial_c"},
                %P: tensor<1x12xf32> {hcgs.name = "P"})
    -> (tensor<4x1x2x4xf32> {hcgs.name = "Y"}, tensor<1x2x4xf32> {hcgs.name = "Y_h"},
        tensor<1x2x4xf32> {hcgs.name = "Y_c"}) {
  %Y, %Y_h, %Y_c = hcgs.lstm(%X, %W, %R) bias(%B) initial_h(%h0) initial_c(%c0)
      peepholes(%P) {direction = #hcgs.direction<reverse>, hidden_size = 4 : i64,
       input_forget = true,
       activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<4x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<1x32xf32>,
       tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x12xf32>)
    -> (Y: tensor<4x1x2x4xf32>, Y_h: tensor<1x2x4xf32>, Y_c: tensor<1x2x4xf32>)
  return %Y, %Y_h, %Y_c : tensor<4x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
}
