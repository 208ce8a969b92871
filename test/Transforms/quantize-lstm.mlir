// RUN: hcgs-opt %s -split-input-file --hcgs-quantize | FileCheck %s
// RUN: hcgs-opt %s -split-input-file --hcgs-quantize=cell-range=3 | FileCheck %s --check-prefix=CELL

// Sigmoid and tanh outputs stay below 1: i13 with 12 fraction bits. The
// tables cover sigmoid up to |x| = 10 and tanh up to 5, where they are within
// 1e-4 of their limits. Without calibration the cell state is taken to stay
// below 8 (9 fraction bits), and h(c) sees at most tanh's 5.
// W's rows need 4 to 7 fraction bits for their largest weights (1.0, 0.5,
// 0.2, 0.4, ...), R's 4 or 5. The bias is Wb + Rb = 0.5: 16 bits of i16.
// The largest gate sum is row 0's (0.5 + 1.0) * 8 + (1 + 1) * 1 + 0.5 = 14.5
// for inputs below 8 and hidden states below 1: the accumulator keeps 27.
// CHECK: hcgs.lstm
// CHECK-SAME: quant = #hcgs.lstm_quant<weights = <i6, [4, 5, 7, 6, 5, 5, 5, 5]>, recurrent = <i6, [4, 5, 4, 4, 4, 4, 4, 4]>, bias = <i16, 16>, acc = <i32, 27>, gates = <i13, 12>, candidate = <i13, 12>, cell_act = <i13, 12>, cell = <i13, 9>, hidden = <i13, 12>, f_range = 1.000000e+01 : f32, g_range = 5.000000e+00 : f32, h_range = 5.000000e+00 : f32>
// A smaller cell range gives the cell state more fraction bits and h(c) a
// smaller table.
// CELL: hcgs.lstm
// CELL-SAME: cell = <i13, 10>, hidden = <i13, 12>, f_range = 1.000000e+01 : f32, g_range = 5.000000e+00 : f32, h_range = 3.000000e+00 : f32>
func.func @main(%x: tensor<3x1x2xf32> {hcgs.name = "x"}) -> (tensor<1x1x2xf32> {hcgs.name = "h"}) {
  %w = arith.constant dense<[[[0.5, 1.0], [0.25, -0.5], [0.1, 0.2], [-0.3, 0.4],
                              [0.5, 0.5], [0.6, -0.6], [0.7, 0.1], [-0.2, 0.9]]]> : tensor<1x8x2xf32>
  %r = arith.constant dense<[[[1.0, -1.0], [0.5, 0.5], [1.5, 0.1], [-1.2, 0.4],
                              [1.0, 1.0], [1.1, -1.1], [1.7, 0.1], [-0.2, 1.9]]]> : tensor<1x8x2xf32>
  %b = arith.constant dense<0.25> : tensor<1x16xf32>
  %yh = hcgs.lstm(%x, %w, %r) bias(%b) {direction = #hcgs.direction<forward>, hidden_size = 2 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<3x1x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>, tensor<1x16xf32>) -> (Y_h: tensor<1x1x2xf32>)
  return %yh : tensor<1x1x2xf32>
}

// -----

// Clip bounds the tables of f and g; an unbounded g (relu) then reaches the
// clip, 3, and its outputs need 2 integer bits.
// CHECK: hcgs.lstm
// CHECK-SAME: candidate = <i13, 10>
// CHECK-SAME: f_range = 3.000000e+00 : f32, g_range = 3.000000e+00 : f32, h_range = 5.000000e+00 : f32>
func.func @main(%x: tensor<3x1x2xf32> {hcgs.name = "x"}) -> (tensor<1x1x2xf32> {hcgs.name = "h"}) {
  %w = arith.constant dense<0.5> : tensor<1x8x2xf32>
  %r = arith.constant dense<0.5> : tensor<1x8x2xf32>
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 2 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<relu>, #hcgs.act<tanh>], clip = 3.0 : f32}
    : (tensor<3x1x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>) -> (Y_h: tensor<1x1x2xf32>)
  return %yh : tensor<1x1x2xf32>
}

// -----

// The output of a layer is the next one's input: the FC layer's inputs are
// below 1 (the hidden format), so its sums stay below 2.
// CHECK: hcgs.fc
// CHECK-SAME: acc = <i32, 30>
func.func @main(%x: tensor<3x1x2xf32> {hcgs.name = "x"}) -> (tensor<3x1x1xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.5> : tensor<1x8x2xf32>
  %r = arith.constant dense<0.5> : tensor<1x8x2xf32>
  %y = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 2 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<3x1x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>) -> (Y: tensor<3x1x1x2xf32>)
  %h = hcgs.reshape %y : tensor<3x1x1x2xf32> -> tensor<3x1x2xf32>
  %fw = arith.constant dense<[[1.0, 1.0]]> : tensor<1x2xf32>
  %o = hcgs.fc %h, %fw : (tensor<3x1x2xf32>, tensor<1x2xf32>) -> tensor<3x1x1xf32>
  return %o : tensor<3x1x1xf32>
}
