// LSTM features as instructions: sequence lengths (setlen from an input,
// reset to T for a layer without them), a bidirectional layer (rev
// addressing, per-direction states), initial states from an input (a move
// changing format) and from constants (PMEM fields an input-less mvm adds to
// zero), final states, a next layer reading both directions as one vector
// (chunks), peepholes, clip and input_forget.
// RUN: hcgs-opt %s -split-input-file --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan=max-seq-len=10 --hcgs-lower-to-isa | FileCheck %s

// CHECK-LABEL: hcgs_isa.program @main
// CHECK-SAME: inputs = [#hcgs_isa.tensor<"x", [?, 2, 8], io 0, #hcgs.fixed<i13, 9>>, #hcgs_isa.tensor<"lens", [2], io 160, lengths>, #hcgs_isa.tensor<"h0", [2, 2, 8], io 162, #hcgs.fixed<i13, 9>>]
// CHECK-SAME: #hcgs_isa.symbol<"lstm#0.d0.initial_c", param[[[C0:[0-9]+]]], 32>, #hcgs_isa.symbol<"lstm#0.d1.initial_c", param[[[C1:[0-9]+]]], 32>
// CHECK:      hcgs_isa.setlen io[160] batch(0, 2)
// Direction 0: h from the input (whose format the hidden state takes, so
// that it holds the initial state), c from PMEM.
// CHECK-NEXT: hcgs_isa.move <io[162]> -> <act[0]> count 16 shift 0 batch(0, 1)
// CHECK-NEXT: hcgs_isa.mvm <act[0]> len 0 -> <acc[0]> weights[0] index[0] shifts[0] bias <param[[[C0]]]> gates 1 rows 16 grid 4 x 1 levels [#hcgs_isa.level<4x4 keep 1>] batch(0, 1)
// CHECK-NEXT: hcgs_isa.move <acc[0]> -> <act[16]> count 16 shift 0 batch(0, 1)
// Direction 1.
// CHECK-NEXT: hcgs_isa.move <io[178]> -> <act[32]> count 16 shift 0 batch(0, 1)
// CHECK-NEXT: hcgs_isa.mvm <act[0]> len 0 -> <acc[0]> {{.*}} bias <param[[[C1]]]>
// CHECK-NEXT: hcgs_isa.move <acc[0]> -> <act[48]> count 16 shift 0 batch(0, 1)
// CHECK-NEXT: hcgs_isa.loop {
// CHECK-NEXT:   hcgs_isa.mvm <io[0], batch 8, fwd 16> len 8 -> <acc[0], batch 32> weights[0]
// CHECK-NEXT:   hcgs_isa.mvm <act[0], batch 8> len 8 -> <acc[0], batch 32> accumulate
// CHECK-NEXT:   hcgs_isa.lstm_cell <acc[0], batch 32> -> c <act[16], batch 8> h <act[0], batch 8> y <io[[[Y:[0-9]+]]], batch 8, fwd 32> hidden 8
// CHECK-NEXT:   hcgs_isa.mvm <io[0], batch 8, rev 16> len 8 -> <acc[0], batch 32>
// CHECK-NEXT:   hcgs_isa.mvm <act[32], batch 8> len 8 -> <acc[0], batch 32> accumulate
// CHECK-NEXT:   hcgs_isa.lstm_cell <acc[0], batch 32> -> c <act[48], batch 8> h <act[32], batch 8> y <io[[[Y1:[0-9]+]]], batch 8, rev 32> hidden 8
// CHECK-NEXT: }
// CHECK-NEXT: hcgs_isa.move <act[0]> -> <io[[[YH:[0-9]+]]]> count 16 shift 0 batch(0, 1)
// CHECK-NEXT: hcgs_isa.move <act[32]> -> <io[{{[0-9]+}}]> count 16 shift 0 batch(0, 1)
// The next layer runs without lengths: the registers go back to T.
// CHECK-NEXT: hcgs_isa.setlen seq[0] batch(0, 64)
// CHECK-NEXT: hcgs_isa.fill <act[0], batch 8> count 8 value 0 batch(0, 2)
// CHECK-NEXT: hcgs_isa.fill <act[16], batch 8> count 8 value 0 batch(0, 2)
// CHECK-NEXT: hcgs_isa.loop {
// Its input is Y of both directions: 8 units, then 8 more 16 words on.
// CHECK-NEXT:   hcgs_isa.mvm <io[[[Y]]], batch 8, fwd 32, chunk 8 step 16> len 16 -> <acc[0], batch 32>
// CHECK-NEXT:   hcgs_isa.mvm <act[0], batch 8> len 8 -> <acc[0], batch 32> accumulate
// Clip 3 bounds f and g: 3 * 2^27 in the gate sums' 27 fraction bits (the
// first layer's output, which holds its initial state from the input, is
// below 8); h keeps its range. Peepholes (0.2, 14 fraction bits) times c (9)
// go to the sums' 27 bits: shift 4. input_forget: 1.0 in the gates' format.
// CHECK-NEXT:   hcgs_isa.lstm_cell <acc[0], batch 32> -> c <act[16], batch 8> h <act[0], batch 8> y <io[{{[0-9]+}}], batch 8, fwd 16> hidden 8
// CHECK-SAME:     luts <param[{{[0-9]+}}], segments 256, shift 22, clip 402653184>, <param[{{[0-9]+}}], segments 256, shift 22, clip 402653184>, <param[{{[0-9]+}}], segments 256, shift 5, clip 2560>
// CHECK-SAME:     peepholes <param[{{[0-9]+}}], shift 4> input_forget 4096
// CHECK-NEXT: }
func.func @main(%x: tensor<?x2x8xf32> {hcgs.name = "x"}, %lens: tensor<2xi32> {hcgs.name = "lens"}, %h0: tensor<2x2x8xf32> {hcgs.name = "h0"})
    -> (tensor<?x2x2x8xf32> {hcgs.name = "y"}, tensor<2x2x8xf32> {hcgs.name = "yh"}, tensor<?x1x2x8xf32> {hcgs.name = "y2"}) {
  %w = arith.constant dense<0.1> : tensor<2x32x8xf32>
  %c0 = arith.constant dense<[[[0.5, 0.25, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]], [[0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]]]> : tensor<2x2x8xf32>
  %y0, %yh = hcgs.lstm(%x, %w, %w) sequence_lens(%lens) initial_h(%h0) initial_c(%c0) {direction = #hcgs.direction<bidirectional>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>,
                     #hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x8xf32>, tensor<2x32x8xf32>, tensor<2x32x8xf32>, tensor<2xi32>, tensor<2x2x8xf32>, tensor<2x2x8xf32>) -> (Y: tensor<?x2x2x8xf32>, Y_h: tensor<2x2x8xf32>)
  %t = hcgs.transpose %y0 [0, 2, 1, 3] : tensor<?x2x2x8xf32> -> tensor<?x2x2x8xf32>
  %in1 = hcgs.reshape %t : tensor<?x2x2x8xf32> -> tensor<?x2x16xf32>
  %w1 = arith.constant dense<0.1> : tensor<1x32x16xf32>
  %r1 = arith.constant dense<0.1> : tensor<1x32x8xf32>
  %p = arith.constant dense<0.2> : tensor<1x24xf32>
  %y1 = hcgs.lstm(%in1, %w1, %r1) peepholes(%p) {direction = #hcgs.direction<forward>, hidden_size = 8 : i64, clip = 3.0 : f32, input_forget = true,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x16xf32>, tensor<1x32x16xf32>, tensor<1x32x8xf32>, tensor<1x24xf32>) -> (Y: tensor<?x1x2x8xf32>)
  return %y0, %yh, %y1 : tensor<?x2x2x8xf32>, tensor<2x2x8xf32>, tensor<?x1x2x8xf32>
}

// -----

// Layout 1 is strides: batch entries 10 steps (80 words) apart. Constant
// sequence lengths are 16-bit PMEM fields; a reverse layer walks each
// entry's own sequence backwards. A constant initial state of one value is
// a fill (0.25 at the cell's 9 fraction bits). Y_c goes to IOM after the
// loop, where the output layer reads it outside any loop.
// CHECK-LABEL: hcgs_isa.program @main
// CHECK-SAME: inputs = [#hcgs_isa.tensor<"x", [2, ?, 8], io 0, #hcgs.fixed<i13, 9>>]
// CHECK-SAME: outputs = [#hcgs_isa.tensor<"y", [2, ?, 1, 8], io 160, #hcgs.fixed<i13, 12>>, #hcgs_isa.tensor<"head", [2, 4], io 320,
// CHECK-SAME: #hcgs_isa.symbol<"lstm#0.sequence_lens", param[[[LENS:[0-9]+]]], 4>
// CHECK:      hcgs_isa.setlen param[[[LENS]]] batch(0, 2)
// CHECK-NEXT: hcgs_isa.fill <act[0], batch 8> count 8 value 0 batch(0, 2)
// CHECK-NEXT: hcgs_isa.fill <act[16], batch 8> count 8 value 128 batch(0, 2)
// CHECK-NEXT: hcgs_isa.loop {
// CHECK-NEXT:   hcgs_isa.mvm <io[0], batch 80, rev 8> len 8 -> <acc[0], batch 32>
// CHECK-NEXT:   hcgs_isa.mvm <act[0], batch 8> len 8 -> <acc[0], batch 32> accumulate
// CHECK-NEXT:   hcgs_isa.lstm_cell <acc[0], batch 32> -> c <act[16], batch 8> h <act[0], batch 8> y <io[160], batch 80, rev 8> hidden 8
// CHECK-NEXT: }
// CHECK-NEXT: hcgs_isa.move <act[16]> -> <io[[[YC:[0-9]+]]]> count 16 shift 0 batch(0, 1)
// CHECK-NEXT: hcgs_isa.mvm <io[[[YC]]], batch 8> len 8 -> <acc[0], batch 4> {{.*}} gates 1 rows 4 {{.*}} batch(0, 2)
// CHECK-NEXT: hcgs_isa.move <acc[0], batch 4> -> <io[320], batch 4> count 4 shift {{-?[0-9]+}} batch(0, 2)
// The lengths 5 and 2.
// CHECK: params: "0x01000000{{([0-9A-F][0-9A-F])*}}05000200
func.func @main(%x: tensor<2x?x8xf32> {hcgs.name = "x"}) -> (tensor<2x?x1x8xf32> {hcgs.name = "y"}, tensor<2x4xf32> {hcgs.name = "head"}) {
  %w = arith.constant dense<0.1> : tensor<1x32x8xf32>
  %lens = arith.constant dense<[5, 2]> : tensor<2xi32>
  %c0 = arith.constant dense<0.25> : tensor<2x1x8xf32>
  %y, %yc = hcgs.lstm(%x, %w, %w) sequence_lens(%lens) initial_c(%c0) {direction = #hcgs.direction<reverse>, hidden_size = 8 : i64, layout = 1 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<2x?x8xf32>, tensor<1x32x8xf32>, tensor<1x32x8xf32>, tensor<2xi32>, tensor<2x1x8xf32>) -> (Y: tensor<2x?x1x8xf32>, Y_c: tensor<2x1x8xf32>)
  %c = hcgs.reshape %yc : tensor<2x1x8xf32> -> tensor<2x8xf32>
  %wf = arith.constant dense<0.1> : tensor<4x8xf32>
  %head = hcgs.fc %c, %wf : (tensor<2x8xf32>, tensor<4x8xf32>) -> tensor<2x4xf32>
  return %y, %head : tensor<2x?x1x8xf32>, tensor<2x4xf32>
}
