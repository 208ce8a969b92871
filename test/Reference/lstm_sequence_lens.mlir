// Sequence lengths 5, 3, 1 and 0 in one batch, both directions: padding steps
// give zeros in Y, Y_h and Y_c hold each sequence's last step, an empty
// sequence gives zeros. Sequence and batch sizes are dynamic in the model.
// RUN: hcgs-run %s -i X=%S/Inputs/lstm_sequence_lens/X.npy \
// RUN:   -i W=%S/Inputs/lstm_sequence_lens/W.npy -i R=%S/Inputs/lstm_sequence_lens/R.npy \
// RUN:   -i B=%S/Inputs/lstm_sequence_lens/B.npy \
// RUN:   -i sequence_lens=%S/Inputs/lstm_sequence_lens/sequence_lens.npy \
// RUN:   -i initial_h=%S/Inputs/lstm_sequence_lens/initial_h.npy \
// RUN:   -i initial_c=%S/Inputs/lstm_sequence_lens/initial_c.npy \
// RUN:   --expect Y=%S/Inputs/lstm_sequence_lens/Y.expected.npy \
// RUN:   --expect Y_h=%S/Inputs/lstm_sequence_lens/Y_h.expected.npy \
// RUN:   --expect Y_c=%S/Inputs/lstm_sequence_lens/Y_c.expected.npy | FileCheck %s
// CHECK: 'Y': max abs error
// CHECK: 'Y_h': max abs error
// CHECK: 'Y_c': max abs error

func.func @main(%X: tensor<?x?x3xf32> {hcgs.name = "X"},
                %W: tensor<2x16x3xf32> {hcgs.name = "W"},
                %R: tensor<2x16x4xf32> {hcgs.name = "R"},
                %B: tensor<2x32xf32> {hcgs.name = "B"},
                %lens: tensor<?xi32> {hcgs.name = "sequence_lens"},
                %h0: tensor<2x?x4xf32> {hcgs.name = "initial_h"},
                %c0: tensor<2x?x4xf32> {hcgs.name = "initial_c"})
    -> (tensor<?x2x?x4xf32> {hcgs.name = "Y"}, tensor<2x?x4xf32> {hcgs.name = "Y_h"},
        tensor<2x?x4xf32> {hcgs.name = "Y_c"}) {
  %Y, %Y_h, %Y_c = hcgs.lstm(%X, %W, %R) bias(%B) sequence_lens(%lens) initial_h(%h0)
      initial_c(%c0) {direction = #hcgs.direction<bidirectional>, hidden_size = 4 : i64,
       activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>,
                      #hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x?x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>, tensor<2x32xf32>,
       tensor<?xi32>, tensor<2x?x4xf32>, tensor<2x?x4xf32>)
    -> (Y: tensor<?x2x?x4xf32>, Y_h: tensor<2x?x4xf32>, Y_c: tensor<2x?x4xf32>)
  return %Y, %Y_h, %Y_c : tensor<?x2x?x4xf32>, tensor<2x?x4xf32>, tensor<2x?x4xf32>
}
