// Activations f, g, h of each direction: sigmoid, relu, affine forward;
// hard_sigmoid, leaky_relu, thresholded_relu backward.
// RUN: hcgs-run %s -i X=%S/Inputs/lstm_activations_2/X.npy \
// RUN:   -i W=%S/Inputs/lstm_activations_2/W.npy -i R=%S/Inputs/lstm_activations_2/R.npy \
// RUN:   -i B=%S/Inputs/lstm_activations_2/B.npy \
// RUN:   --expect Y=%S/Inputs/lstm_activations_2/Y.expected.npy \
// RUN:   --expect Y_h=%S/Inputs/lstm_activations_2/Y_h.expected.npy \
// RUN:   --expect Y_c=%S/Inputs/lstm_activations_2/Y_c.expected.npy | FileCheck %s
// CHECK: 'Y': max abs error
// CHECK: 'Y_h': max abs error
// CHECK: 'Y_c': max abs error

func.func @main(%X: tensor<4x2x3xf32> {hcgs.name = "X"},
                %W: tensor<2x16x3xf32> {hcgs.name = "W"},
                %R: tensor<2x16x4xf32> {hcgs.name = "R"},
                %B: tensor<2x32xf32> {hcgs.name = "B"})
    -> (tensor<4x2x2x4xf32> {hcgs.name = "Y"}, tensor<2x2x4xf32> {hcgs.name = "Y_h"},
        tensor<2x2x4xf32> {hcgs.name = "Y_c"}) {
  %Y, %Y_h, %Y_c = hcgs.lstm(%X, %W, %R) bias(%B) {direction = #hcgs.direction<bidirectional>,
       hidden_size = 4 : i64,
       activations = [#hcgs.act<sigmoid>, #hcgs.act<relu>,
                      #hcgs.act<affine, alpha = 0.5, beta = 0.25>,
                      #hcgs.act<hard_sigmoid, alpha = 0.375, beta = 0.5>,
                      #hcgs.act<leaky_relu, alpha = 0.125>,
                      #hcgs.act<thresholded_relu, alpha = 0.25>]}
    : (tensor<4x2x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>, tensor<2x32xf32>)
    -> (Y: tensor<4x2x2x4xf32>, Y_h: tensor<2x2x4xf32>, Y_c: tensor<2x2x4xf32>)
  return %Y, %Y_h, %Y_c : tensor<4x2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>
}
