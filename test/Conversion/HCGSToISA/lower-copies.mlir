// Copies: the moves that remain when data movement cannot be addressing.
// RUN: hcgs-opt %s --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan=max-seq-len=10 --hcgs-lower-to-isa | FileCheck %s

// The concatenation takes z's format (9 fraction bits, the widest range):
// the LSTM's hidden state (12) is requantized into its slot in the loop,
// next to z's copy. Y_h goes to IOM after the loop for the output layer,
// which runs once. An input returned as it is, and the concatenation
// returned again, are copied in a loop of their own.
// CHECK-LABEL: hcgs_isa.program @main
// CHECK-SAME: inputs = [#hcgs_isa.tensor<"x", [?, 2, 8], io 0, #hcgs.fixed<i13, 9>>, #hcgs_isa.tensor<"z", [?, 2, 3], io 160, #hcgs.fixed<i13, 9>>]
// CHECK-SAME: outputs = [#hcgs_isa.tensor<"cat", [?, 2, 11], io 220, #hcgs.fixed<i13, 9>>, #hcgs_isa.tensor<"x_again", [?, 2, 8], io 440,
// CHECK-SAME: #hcgs_isa.tensor<"head", [2, 4], io 600,
// CHECK-SAME: #hcgs_isa.tensor<"cat_again", [?, 2, 11], io 608,
// CHECK:      hcgs_isa.loop {
// CHECK:        hcgs_isa.lstm_cell <acc[0], batch 32> -> c <act[16], batch 8> h <act[0], batch 8> hidden 8
// CHECK-NEXT:   hcgs_isa.move <act[0], batch 8> -> <io[220], batch 11, fwd 22> count 8 shift -3 batch(0, 2)
// CHECK-NEXT:   hcgs_isa.move <io[160], batch 3, fwd 6> -> <io[228], batch 11, fwd 22> count 3 shift 0 batch(0, 2)
// CHECK-NEXT: }
// CHECK-NEXT: hcgs_isa.move <act[0]> -> <io[[[YH:[0-9]+]]]> count 16 shift 0 batch(0, 1)
// CHECK-NEXT: hcgs_isa.mvm <io[[[YH]]], batch 8> len 8 -> <acc[0], batch 4> {{.*}} batch(0, 2)
// CHECK-NEXT: hcgs_isa.move <acc[0], batch 4> -> <io[600], batch 4> count 4
// CHECK-NEXT: hcgs_isa.loop {
// CHECK-NEXT:   hcgs_isa.move <io[0], fwd 16> -> <io[440], fwd 16> count 16 shift 0 batch(0, 1)
// CHECK-NEXT:   hcgs_isa.move <io[220], fwd 22> -> <io[608], fwd 22> count 22 shift 0 batch(0, 1)
// CHECK-NEXT: }
func.func @main(%x: tensor<?x2x8xf32> {hcgs.name = "x"}, %z: tensor<?x2x3xf32> {hcgs.name = "z"})
    -> (tensor<?x2x11xf32> {hcgs.name = "cat"}, tensor<?x2x8xf32> {hcgs.name = "x_again"},
        tensor<2x4xf32> {hcgs.name = "head"}, tensor<?x2x11xf32> {hcgs.name = "cat_again"}) {
  %w = arith.constant dense<0.1> : tensor<1x32x8xf32>
  %y, %yh = hcgs.lstm(%x, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x8xf32>, tensor<1x32x8xf32>, tensor<1x32x8xf32>) -> (Y: tensor<?x1x2x8xf32>, Y_h: tensor<1x2x8xf32>)
  %y3 = hcgs.reshape %y : tensor<?x1x2x8xf32> -> tensor<?x2x8xf32>
  %cat = hcgs.concat %y3, %z {axis = 2 : i64} : (tensor<?x2x8xf32>, tensor<?x2x3xf32>) -> tensor<?x2x11xf32>
  %h = hcgs.reshape %yh : tensor<1x2x8xf32> -> tensor<2x8xf32>
  %wf = arith.constant dense<0.1> : tensor<4x8xf32>
  %head = hcgs.fc %h, %wf : (tensor<2x8xf32>, tensor<4x8xf32>) -> tensor<2x4xf32>
  return %cat, %x, %head, %cat : tensor<?x2x11xf32>, tensor<?x2x8xf32>, tensor<2x4xf32>, tensor<?x2x11xf32>
}
