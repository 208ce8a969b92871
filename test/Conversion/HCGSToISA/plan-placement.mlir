// Where results go: a layer writes straight into the output or the
// concatenation its result ends up in when transposes and reshapes can be
// undone on the destination; anything else is copied.
// RUN: hcgs-opt %s -split-input-file --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan=max-seq-len=10 | FileCheck %s

// A batch-first model: the input is read through its transpose, the LSTM
// writes Y into the batch-first output (batch stride 80 = 10 steps of 8).
// The concatenation takes z's format (the widest), so the LSTM output it
// holds is requantized by a copy in the loop; returning an input, or a value
// a second time, is a copy too.
// CHECK-LABEL: func.func @main
// CHECK-SAME: {hcgs.format = #hcgs.fixed<i13, 9>, hcgs.name = "x", hcgs_isa.place = #hcgs_isa.view<io[0] [2:80][t?:8][8:1]>}
// CHECK-SAME: {hcgs.format = #hcgs.fixed<i13, 9>, hcgs.name = "z", hcgs_isa.place = #hcgs_isa.view<io[160] [t?:6][2:3][3:1]>}
// CHECK-SAME: {hcgs.name = "y", hcgs_isa.place = #hcgs_isa.view<io[220] [2:80][t?:8][8:1]>}
// CHECK-SAME: {hcgs.name = "cat", hcgs_isa.place = #hcgs_isa.view<io[380] [t?:22][2:11][11:1]>}
// CHECK-SAME: {hcgs.name = "x_again", hcgs_isa.place = #hcgs_isa.view<io[600] [2:80][t?:8][8:1]>, hcgs_isa.schedule = #hcgs_isa.schedule<segment = 0>}
// CHECK-SAME: {hcgs.name = "y_again", hcgs_isa.place = #hcgs_isa.view<io[760] [2:80][t?:8][8:1]>, hcgs_isa.schedule = #hcgs_isa.schedule<segment = 0>}
// CHECK-SAME: hcgs_isa.segments = [#hcgs_isa.segment<loop>]
// CHECK: = hcgs.lstm(
// CHECK-SAME: hcgs_isa.place = [#hcgs_isa.view<io[220] [t?:8][1:0][2:80][8:1]>]
// CHECK: = hcgs.lstm(
// CHECK-SAME: hcgs_isa.place = [unit]
// CHECK-SAME: hcgs_isa.stage = [#hcgs_isa.view<act[32] [t?:0][1:16][2:8][8:1]>]
// CHECK: hcgs.concat
// CHECK-SAME: hcgs_isa.place = [#hcgs_isa.view<io[380] [t?:22][2:11][11:1]>], hcgs_isa.schedule = #hcgs_isa.schedule<name = "concat#0", segment = 0>
func.func @main(%x: tensor<2x?x8xf32> {hcgs.name = "x"}, %z: tensor<?x2x3xf32> {hcgs.name = "z"})
    -> (tensor<2x?x8xf32> {hcgs.name = "y"}, tensor<?x2x11xf32> {hcgs.name = "cat"},
        tensor<2x?x8xf32> {hcgs.name = "x_again"}, tensor<2x?x8xf32> {hcgs.name = "y_again"}) {
  %w = arith.constant dense<0.1> : tensor<1x32x8xf32>
  %xt = hcgs.transpose %x [1, 0, 2] : tensor<2x?x8xf32> -> tensor<?x2x8xf32>
  %y0 = hcgs.lstm(%xt, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x8xf32>, tensor<1x32x8xf32>, tensor<1x32x8xf32>) -> (Y: tensor<?x1x2x8xf32>)
  %h0 = hcgs.reshape %y0 : tensor<?x1x2x8xf32> -> tensor<?x2x8xf32>
  %yt = hcgs.transpose %h0 [1, 0, 2] : tensor<?x2x8xf32> -> tensor<2x?x8xf32>
  %y1 = hcgs.lstm(%xt, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x8xf32>, tensor<1x32x8xf32>, tensor<1x32x8xf32>) -> (Y: tensor<?x1x2x8xf32>)
  %h1 = hcgs.reshape %y1 : tensor<?x1x2x8xf32> -> tensor<?x2x8xf32>
  %cat = hcgs.concat %h1, %z {axis = 2 : i64} : (tensor<?x2x8xf32>, tensor<?x2x3xf32>) -> tensor<?x2x11xf32>
  return %yt, %cat, %x, %yt : tensor<2x?x8xf32>, tensor<?x2x11xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>
}

// -----

// Two layers of one format concatenated along the features: each writes its
// slot of the output (chunks of 8 of a row of 16), nothing is copied.
// CHECK-LABEL: func.func @main
// CHECK-SAME: {hcgs.name = "cat", hcgs_isa.place = #hcgs_isa.view<io[160] [t?:32][2:16][16:1]>}
// CHECK: = hcgs.lstm(
// CHECK-SAME: hcgs_isa.place = [#hcgs_isa.view<io[160] [t?:32][1:0][2:16][8:1]>]
// CHECK: = hcgs.lstm(
// CHECK-SAME: hcgs_isa.place = [#hcgs_isa.view<io[168] [t?:32][1:0][2:16][8:1]>]
// CHECK: hcgs.concat
// CHECK-SAME: hcgs_isa.place = [#hcgs_isa.view<io[160] [t?:32][2:16][16:1]>]
// CHECK-NOT: hcgs_isa.schedule
// CHECK-SAME: (tensor<?x2x8xf32>, tensor<?x2x8xf32>) -> tensor<?x2x16xf32>
func.func @main(%x: tensor<?x2x8xf32> {hcgs.name = "x"}) -> (tensor<?x2x16xf32> {hcgs.name = "cat"}) {
  %w = arith.constant dense<0.1> : tensor<1x32x8xf32>
  %y0 = hcgs.lstm(%x, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x8xf32>, tensor<1x32x8xf32>, tensor<1x32x8xf32>) -> (Y: tensor<?x1x2x8xf32>)
  %h0 = hcgs.reshape %y0 : tensor<?x1x2x8xf32> -> tensor<?x2x8xf32>
  %y1 = hcgs.lstm(%x, %w, %w) {direction = #hcgs.direction<reverse>, hidden_size = 8 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x8xf32>, tensor<1x32x8xf32>, tensor<1x32x8xf32>) -> (Y: tensor<?x1x2x8xf32>)
  %h1 = hcgs.reshape %y1 : tensor<?x1x2x8xf32> -> tensor<?x2x8xf32>
  %cat = hcgs.concat %h0, %h1 {axis = 2 : i64} : (tensor<?x2x8xf32>, tensor<?x2x8xf32>) -> tensor<?x2x16xf32>
  return %cat : tensor<?x2x16xf32>
}
