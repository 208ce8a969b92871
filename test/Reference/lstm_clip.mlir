// clip = 0.25 bounds the input of every gate activation, after the peephole
// term; the fixture script checks that the bound changes the outputs.
// RUN: hcgs-run %s -i X=%S/Inputs/lstm_clip/X.npy -i W=%S/Inputs/lstm_clip/W.npy \
// RUN:   -i R=%S/Inputs/lstm_clip/R.npy -i B=%S/Inputs/lstm_clip/B.npy \
// RUN:   -i P=%S/Inputs/lstm_clip/P.npy -i initial_h=%S/Inputs/lstm_clip/initial_h.npy \
// RUN:   -i initial_c=%S/Inputs/lstm_clip/initial_c.npy \
// RUN:   --expect Y=%S/Inputs/lstm_clip/Y.expected.npy \
// RUN:   --expect Y_h=%S/Inputs/lstm_clip/Y_h.expected.npy \
// RUN:   --expect Y_c=%S/Inputs/lstm_clip/Y_c.expected.npy | FileCheck %s
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
      peepholes(%P) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64,
       clip = 0.25 : f32,
       activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<4x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<1x32xf32>,
       tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x12xf32>)
    -> (Y: tensor<4x1x2x4xf32>, Y_h: tensor<1x2x4xf32>, Y_c: tensor<1x2x4xf32>)
  return %Y, %Y_h, %Y_c : tensor<4x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
}
