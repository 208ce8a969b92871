// One quantized LSTM layer, planned and lowered: every field of its
// instructions and the bytes of its parameters, computed by hand from the
// formats below (docs/ISA.md 6 and 7).
// RUN: hcgs-opt %s --hcgs-plan --hcgs-lower-to-isa --mlir-print-elementsattrs-with-hex-if-larger=1 | FileCheck %s

// Inputs carry 10 fraction bits, gate sums 20. W's rows have 4 fraction bits
// (row 1: 5), R's 4, the hidden state 12: W's rows shift by 20 - 4 - 10 = 6
// (row 1 by 5), R's by 20 - 4 - 12 = 4, the bias (12 fraction bits) by 8.
// The cell update aligns f*c (12 + 9 fraction bits) to i*g (12 + 12): align
// 3, 0, then shifts to the cell's 9 (-15); o*h(c) goes from 24 to 12 (-12).
// Sigmoid covers gate sums up to 8 (clip 8 * 2^20 in 256 segments of 2^16),
// tanh up to 4 (2^22 in segments of 2^15), h(c) up to 4 in the cell's 9
// fraction bits (2048 in segments of 16).

// CHECK-LABEL: hcgs_isa.program @main
// CHECK-SAME: inputs = [#hcgs_isa.tensor<"x", [?, 1, 4], io 0, #hcgs.fixed<i13, 10>>]
// CHECK-SAME: max_seq_len = 65535 : i64
// CHECK-SAME: outputs = [#hcgs_isa.tensor<"y", [?, 1, 1, 4], io 262140, #hcgs.fixed<i13, 12>>]
// CHECK-SAME: params = dense_resource<params> : tensor<3128xi8>
// CHECK-SAME: symbols = [#hcgs_isa.symbol<"lstm#0.d0.h", act[0], 4>, #hcgs_isa.symbol<"lstm#0.d0.c", act[4], 4>,
// CHECK-SAME: #hcgs_isa.symbol<"in.x", io[0], 262140>, #hcgs_isa.symbol<"out.y", io[262140], 262140>,
// CHECK-SAME: #hcgs_isa.symbol<"lstm#0.d0.t0.W", weight[0], 48>, #hcgs_isa.symbol<"lstm#0.d0.t0.W.index", index[0], 0>,
// CHECK-SAME: #hcgs_isa.symbol<"lstm#0.d0.t0.W.shifts", param[0], 12>
// CHECK-SAME: #hcgs_isa.symbol<"lstm#0.d0.t0.bias", param[24], 32>, #hcgs_isa.symbol<"lstm#0.d0.lut_f", param[56], 1024>,
// CHECK-SAME: #hcgs_isa.symbol<"lstm#0.d0.lut_g", param[1080], 1024>, #hcgs_isa.symbol<"lstm#0.d0.lut_h", param[2104], 1024>,
// CHECK-SAME: #hcgs_isa.symbol<"lstm#0.gates", acc[0], 16>]
// One 4x4 block per row-set: W's codes are (n mod 7) - 3 for element n of
// the 16x4 matrix, in that order at 6 bits; then R's, all 2.
// CHECK-SAME: weights = dense<"0xBDFF038130F4FE0F04C2D0FB3F100843EFFF40200CBDFF038130F4FE0F04C2D0FB3F100843EFFF40200CBDFF038130F4822008822008822008822008822008822008822008822008822008822008822008822008822008822008822008822008"> : tensor<96xi8>

// States start at zero; X is read at step k, Y written at step k.
// CHECK:      hcgs_isa.fill <act[0], batch 4> count 4 value 0 batch(0, 1)
// CHECK-NEXT: hcgs_isa.fill <act[4], batch 4> count 4 value 0 batch(0, 1)
// CHECK-NEXT: hcgs_isa.loop {
// CHECK-NEXT:   hcgs_isa.mvm <io[0], fwd 4> len 4 -> <acc[0], batch 16> weights[0] index[0] shifts[0] bias <param[24], shift 8> gates 4 rows 4 grid 1 x 1 levels [#hcgs_isa.level<4x4 keep 1>] batch(0, 1)
// CHECK-NEXT:   hcgs_isa.mvm <act[0], batch 4> len 4 -> <acc[0], batch 16> accumulate weights[48] index[0] shifts[12] gates 4 rows 4 grid 1 x 1 levels [#hcgs_isa.level<4x4 keep 1>] batch(0, 1)
// CHECK-NEXT:   hcgs_isa.lstm_cell <acc[0], batch 16> -> c <act[4], batch 4> h <act[0], batch 4> y <io[262140], fwd 4> hidden 4
// CHECK-SAME:     luts <param[56], segments 256, shift 16, clip 8388608>, <param[1080], segments 256, shift 15, clip 4194304>, <param[2104], segments 256, shift 4, clip 2048>
// CHECK-SAME:     align 3, 0 shifts -15, -12 batch(0, 1)
// CHECK-NEXT: }

// PMEM: W's shifts (6, 5, 6, ...), R's (all 4), the bias codes k * 64 for
// Wb[k] = k / 64, then the sigmoid table: segment 0 starts at -8 with base
// 1 (sigmoid(-8) * 4096) and rise 0; segments 126 to 129 around 0.
// CHECK: params: "0x01000000466118866118866118866118044110044110044110044110000040008000C000000140018001C001000240028002C002000340038003C003
// CHECK-SAME: 01000000010001000200000002000000
// CHECK-SAME: {{(([0-9A-F]{2}){244}){2}()}}80074000C00740000008400040084000

module {
func.func @main(%x: tensor<?x1x4xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i13, 10>})
    -> (tensor<?x1x1x4xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<[[
      [-0.1875, -0.125, -0.0625, 0.0], [0.03125, 0.0625, 0.09375, -0.09375], [-0.125, -0.0625, 0.0, 0.0625], [0.125, 0.1875, -0.1875, -0.125],
      [-0.0625, 0.0, 0.0625, 0.125], [0.1875, -0.1875, -0.125, -0.0625], [0.0, 0.0625, 0.125, 0.1875], [-0.1875, -0.125, -0.0625, 0.0],
      [0.0625, 0.125, 0.1875, -0.1875], [-0.125, -0.0625, 0.0, 0.0625], [0.125, 0.1875, -0.1875, -0.125], [-0.0625, 0.0, 0.0625, 0.125],
      [0.1875, -0.1875, -0.125, -0.0625], [0.0, 0.0625, 0.125, 0.1875], [-0.1875, -0.125, -0.0625, 0.0], [0.0625, 0.125, 0.1875, -0.1875]]]> : tensor<1x16x4xf32>
  %r = arith.constant dense<0.125> : tensor<1x16x4xf32>
  %b = arith.constant dense<[[0.0, 0.015625, 0.03125, 0.046875, 0.0625, 0.078125, 0.09375, 0.109375,
                              0.125, 0.140625, 0.15625, 0.171875, 0.1875, 0.203125, 0.21875, 0.234375,
                              0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]> : tensor<1x32xf32>
  %y = hcgs.lstm(%x, %w, %r) bias(%b) {direction = #hcgs.direction<forward>, hidden_size = 4 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],
      w_masks = [#hcgs.mask<4x4, 4x4 [[0]]>], r_masks = [#hcgs.mask<4x4, 4x4 [[0]]>],
      quant = #hcgs.lstm_quant<weights = <i6, [4, 5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]>,
                               recurrent = <i6, 4>, bias = <i16, 12>, acc = <i32, 20>,
                               gates = <i13, 12>, candidate = <i13, 12>, cell_act = <i13, 12>,
                               cell = <i13, 9>, hidden = <i13, 12>, f_range = 8.0 : f32,
                               g_range = 4.0 : f32, h_range = 4.0 : f32>}
    : (tensor<?x1x4xf32>, tensor<1x16x4xf32>, tensor<1x16x4xf32>, tensor<1x32xf32>) -> (Y: tensor<?x1x1x4xf32>)
  return %y : tensor<?x1x1x4xf32>
}
}
