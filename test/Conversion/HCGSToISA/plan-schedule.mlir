// Segments: which layers share a loop, and where each result lives for its
// readers (one step in AMEM, or every step in IOM).
// RUN: hcgs-opt %s -split-input-file --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan=max-seq-len=100 | FileCheck %s

// A unidirectional stack and its output layer run in one loop: each layer
// reads the previous one's hidden state in AMEM (the stage view, h of
// direction 0: batch stride 8, nothing per step), and nothing of Y goes to
// IOM. The output layer writes straight into the program output.
// CHECK-LABEL: func.func @main
// CHECK-SAME: hcgs_isa.place = #hcgs_isa.view<io[0] [t?:16][2:8][8:1]>
// CHECK-SAME: hcgs_isa.place = #hcgs_isa.view<io[1600] [t?:8][2:4][4:1]>
// CHECK-SAME: hcgs_isa.max_seq_len = 100 : i64
// CHECK-SAME: #hcgs_isa.symbol<"lstm#0.d0.h", act[0], 16>, #hcgs_isa.symbol<"lstm#0.d0.c", act[16], 16>
// CHECK-SAME: #hcgs_isa.symbol<"lstm#1.d0.h", act[32], 16>, #hcgs_isa.symbol<"lstm#1.d0.c", act[48], 16>
// CHECK-SAME: #hcgs_isa.symbol<"in.x", io[0], 1600>, #hcgs_isa.symbol<"out.y", io[1600], 800>
// CHECK-SAME: hcgs_isa.segments = [#hcgs_isa.segment<loop>]
// CHECK: = hcgs.lstm(
// CHECK-SAME: hcgs_isa.place = [unit], hcgs_isa.schedule = #hcgs_isa.schedule<name = "lstm#0", segment = 0, row_tile = 8, batch_tile = 2>
// CHECK-SAME: hcgs_isa.stage = [#hcgs_isa.view<act[0] [t?:0][1:16][2:8][8:1]>]
// CHECK: = hcgs.lstm(
// CHECK-SAME: hcgs_isa.place = [unit], hcgs_isa.schedule = #hcgs_isa.schedule<name = "lstm#1", segment = 0, row_tile = 8, batch_tile = 2>
// CHECK-SAME: hcgs_isa.stage = [#hcgs_isa.view<act[32] [t?:0][1:16][2:8][8:1]>]
// CHECK: = hcgs.fc 
// CHECK-SAME: hcgs_isa.place = [#hcgs_isa.view<io[1600] [t?:8][2:4][4:1]>], hcgs_isa.schedule = #hcgs_isa.schedule<name = "fc#0", segment = 0, row_tile = 4, batch_tile = 2>
// CHECK-NOT: hcgs_isa.stage
func.func @main(%x: tensor<?x2x8xf32> {hcgs.name = "x"}) -> (tensor<?x2x4xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.1> : tensor<1x32x8xf32>
  %y0 = hcgs.lstm(%x, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x8xf32>, tensor<1x32x8xf32>, tensor<1x32x8xf32>) -> (Y: tensor<?x1x2x8xf32>)
  %h0 = hcgs.reshape %y0 : tensor<?x1x2x8xf32> -> tensor<?x2x8xf32>
  %y1 = hcgs.lstm(%h0, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x8xf32>, tensor<1x32x8xf32>, tensor<1x32x8xf32>) -> (Y: tensor<?x1x2x8xf32>)
  %h1 = hcgs.reshape %y1 : tensor<?x1x2x8xf32> -> tensor<?x2x8xf32>
  %wf = arith.constant dense<0.1> : tensor<4x8xf32>
  %out = hcgs.fc %h1, %wf : (tensor<?x2x8xf32>, tensor<4x8xf32>) -> tensor<?x2x4xf32>
  return %out : tensor<?x2x4xf32>
}

// -----

// A reverse layer produces its last step first: its reader runs in a loop
// of its own, reading Y from IOM.
// CHECK-LABEL: func.func @main
// CHECK-SAME: #hcgs_isa.symbol<"lstm#0.Y", io[2400], 1600>
// CHECK-SAME: hcgs_isa.segments = [#hcgs_isa.segment<loop>, #hcgs_isa.segment<loop>]
// CHECK: = hcgs.lstm(
// CHECK-SAME: hcgs_isa.place = [#hcgs_isa.view<io[2400] [t?:16][1:16][2:8][8:1]>]
// CHECK-SAME: segment = 0{{[,>]}}
// CHECK-NOT: hcgs_isa.stage
// CHECK: = hcgs.fc 
// CHECK-SAME: segment = 1{{[,>]}}
func.func @main(%x: tensor<?x2x8xf32> {hcgs.name = "x"}) -> (tensor<?x2x4xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.1> : tensor<1x32x8xf32>
  %y0 = hcgs.lstm(%x, %w, %w) {direction = #hcgs.direction<reverse>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x8xf32>, tensor<1x32x8xf32>, tensor<1x32x8xf32>) -> (Y: tensor<?x1x2x8xf32>)
  %h0 = hcgs.reshape %y0 : tensor<?x1x2x8xf32> -> tensor<?x2x8xf32>
  %wf = arith.constant dense<0.1> : tensor<4x8xf32>
  %out = hcgs.fc %h0, %wf : (tensor<?x2x8xf32>, tensor<4x8xf32>) -> tensor<?x2x4xf32>
  return %out : tensor<?x2x4xf32>
}

// -----

// With sequence lengths, padding steps of Y are zeros, not the kept state:
// a reader in the loop reads the cell's y output, staged in AMEM. An LSTM
// with other lengths (here none) needs a loop of its own.
// CHECK-LABEL: func.func @main
// CHECK-SAME: #hcgs_isa.symbol<"lstm#0.d0.y", act[32], 16>
// CHECK-SAME: hcgs_isa.segments = [#hcgs_isa.segment<loop>, #hcgs_isa.segment<loop>]
// CHECK: = hcgs.lstm(
// CHECK-SAME: segment = 0{{[,>]}}
// CHECK-SAME: hcgs_isa.stage = [#hcgs_isa.view<act[32] [t?:0][1:16][2:8][8:1]>]
// CHECK: = hcgs.fc 
// CHECK-SAME: segment = 0{{[,>]}}
// CHECK: = hcgs.lstm(
// CHECK-SAME: segment = 1{{[,>]}}
func.func @main(%x: tensor<?x2x8xf32> {hcgs.name = "x"}, %lens: tensor<2xi32> {hcgs.name = "lens"})
    -> (tensor<?x2x8xf32> {hcgs.name = "y"}, tensor<?x1x2x8xf32> {hcgs.name = "y2"}) {
  %w = arith.constant dense<0.1> : tensor<1x32x8xf32>
  %y0 = hcgs.lstm(%x, %w, %w) sequence_lens(%lens) {direction = #hcgs.direction<forward>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x8xf32>, tensor<1x32x8xf32>, tensor<1x32x8xf32>, tensor<2xi32>) -> (Y: tensor<?x1x2x8xf32>)
  %h0 = hcgs.reshape %y0 : tensor<?x1x2x8xf32> -> tensor<?x2x8xf32>
  %wf = arith.constant dense<0.1> : tensor<8x8xf32>
  %out = hcgs.fc %h0, %wf : (tensor<?x2x8xf32>, tensor<8x8xf32>) -> tensor<?x2x8xf32>
  %y1 = hcgs.lstm(%out, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x8xf32>, tensor<1x32x8xf32>, tensor<1x32x8xf32>) -> (Y: tensor<?x1x2x8xf32>)
  return %out, %y1 : tensor<?x2x8xf32>, tensor<?x1x2x8xf32>
}

// -----

// A bidirectional layer's output feeds the next layer once it is complete;
// Y_h of the last layer, read by an output layer outside any loop, goes to
// IOM at the end of the loop.
// CHECK-LABEL: func.func @main
// CHECK-SAME: #hcgs_isa.symbol<"lstm#0.Y", io[{{[0-9]+}}], 3200>, #hcgs_isa.symbol<"lstm#1.Y_h", io[{{[0-9]+}}], 16>
// CHECK-SAME: hcgs_isa.segments = [#hcgs_isa.segment<loop>, #hcgs_isa.segment<loop>, #hcgs_isa.segment<once>]
// CHECK: = hcgs.lstm(
// CHECK-SAME: hcgs_isa.place = [#hcgs_isa.view<io[{{[0-9]+}}] [t?:32][2:16][2:8][8:1]>]
// CHECK-SAME: segment = 0{{[,>]}}
// CHECK: = hcgs.lstm(
// CHECK-SAME: hcgs_isa.place = [#hcgs_isa.view<io[{{[0-9]+}}] [1:16][2:8][8:1]>]
// CHECK-SAME: segment = 1{{[,>]}}
// CHECK: = hcgs.fc 
// CHECK-SAME: segment = 2{{[,>]}}
func.func @main(%x: tensor<?x2x8xf32> {hcgs.name = "x"}) -> (tensor<2x4xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.1> : tensor<2x32x8xf32>
  %y0 = hcgs.lstm(%x, %w, %w) {direction = #hcgs.direction<bidirectional>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>,
                     #hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x8xf32>, tensor<2x32x8xf32>, tensor<2x32x8xf32>) -> (Y: tensor<?x2x2x8xf32>)
  %t = hcgs.transpose %y0 [0, 2, 1, 3] : tensor<?x2x2x8xf32> -> tensor<?x2x2x8xf32>
  %h0 = hcgs.reshape %t : tensor<?x2x2x8xf32> -> tensor<?x2x16xf32>
  %w1 = arith.constant dense<0.1> : tensor<1x32x16xf32>
  %r1 = arith.constant dense<0.1> : tensor<1x32x8xf32>
  %yh = hcgs.lstm(%h0, %w1, %r1) {direction = #hcgs.direction<forward>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x16xf32>, tensor<1x32x16xf32>, tensor<1x32x8xf32>) -> (Y_h: tensor<1x2x8xf32>)
  %h = hcgs.reshape %yh : tensor<1x2x8xf32> -> tensor<2x8xf32>
  %wf = arith.constant dense<0.1> : tensor<4x8xf32>
  %out = hcgs.fc %h, %wf : (tensor<2x8xf32>, tensor<4x8xf32>) -> tensor<2x4xf32>
  return %out : tensor<2x4xf32>
}

// -----

// An initial state computed in a loop is ready only after it: the decoder
// that starts from the encoder's final state runs in the next loop.
// CHECK-LABEL: func.func @main
// CHECK-SAME: hcgs_isa.segments = [#hcgs_isa.segment<loop>, #hcgs_isa.segment<loop>]
// CHECK: = hcgs.lstm(
// CHECK-SAME: hcgs_isa.place = [#hcgs_isa.view<io[{{[0-9]+}}] [1:16][2:8][8:1]>]
// CHECK-SAME: segment = 0{{[,>]}}
// CHECK: = hcgs.lstm(
// CHECK-SAME: segment = 1{{[,>]}}
func.func @main(%x: tensor<?x2x8xf32> {hcgs.name = "x"}) -> (tensor<?x1x2x8xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.1> : tensor<1x32x8xf32>
  %h = hcgs.lstm(%x, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x8xf32>, tensor<1x32x8xf32>, tensor<1x32x8xf32>) -> (Y_h: tensor<1x2x8xf32>)
  %y = hcgs.lstm(%x, %w, %w) initial_h(%h) {direction = #hcgs.direction<forward>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x8xf32>, tensor<1x32x8xf32>, tensor<1x32x8xf32>, tensor<1x2x8xf32>) -> (Y: tensor<?x1x2x8xf32>)
  return %y : tensor<?x1x2x8xf32>
}
