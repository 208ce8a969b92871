// Every instruction and operand form parses, prints and parses again to the
// same IR, and survives encoding to words and decoding back.
// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s
// RUN: hcgs-opt %s > %t.printed
// RUN: hcgs-opt %s --hcgs-isa-encoding-roundtrip > %t.decoded
// RUN: diff %t.printed %t.decoded

// CHECK-LABEL: hcgs_isa.program @lstm
// CHECK-SAME: index = dense<[1, -120, -58, -6, -28]> : tensor<5xi8>
// CHECK-SAME: inputs = [#hcgs_isa.tensor<"X", [?, 2, 64], io 0, #hcgs.fixed<i13, 10>>, #hcgs_isa.tensor<"seq_lens", [2], io 4000, lengths>]
// CHECK-SAME: max_seq_len = 16 : i64
// CHECK-SAME: symbols = [#hcgs_isa.symbol<"W", weight[0], 512>, #hcgs_isa.symbol<"h", act[0], 16>]
// CHECK-SAME: target = {preset = "jssc2020"}
hcgs_isa.program @lstm attributes {
  target = {preset = "jssc2020"}, max_seq_len = 16 : i64,
  inputs = [#hcgs_isa.tensor<"X", [?, 2, 64], io 0, #hcgs.fixed<i13, 10>>,
            #hcgs_isa.tensor<"seq_lens", [2], io 4000, lengths>],
  outputs = [#hcgs_isa.tensor<"Y", [?, 1, 2, 16], io 5000, #hcgs.fixed<i13, 12>>,
             #hcgs_isa.tensor<"Y_h", [1, 2, 16], io 6000, #hcgs.fixed<i13, 12>>],
  weights = dense<0> : tensor<512xi8>,
  // level 0: column 1; level 1: rows [0, 1], [2, 3], [4, 5], [6, 7] of 8, 3 bits each
  // then at byte 4 a one-level index: rows [0, 1], [2, 3] of 4, 2 bits each
  index = dense<[1, -120, -58, -6, -28]> : tensor<5xi8>,
  params = dense<0> : tensor<2048xi8>,
  symbols = [#hcgs_isa.symbol<"W", weight[0], 512>, #hcgs_isa.symbol<"h", act[0], 16>]
} {
  // CHECK: hcgs_isa.setlen seq[0] batch(0, 2)
  hcgs_isa.setlen seq[0] batch(0, 2)
  // CHECK-NEXT: hcgs_isa.setlen io[4000] batch(0, 2)
  hcgs_isa.setlen io[4000] batch(0, 2)
  // CHECK-NEXT: hcgs_isa.setlen param[100] batch(1, 1)
  hcgs_isa.setlen param[100] batch(1, 1)
  // CHECK-NEXT: hcgs_isa.fill <act[0], batch 16> count 16 value 0 batch(0, 2)
  hcgs_isa.fill <act[0], batch 16> count 16 value 0 batch(0, 2)
  // CHECK-NEXT: hcgs_isa.fill <act[32]> count 16 value -4096 batch(0, 1)
  hcgs_isa.fill <act[32]> count 16 value -4096 batch(0, 1)
  // CHECK-NEXT: hcgs_isa.move <io[0], batch 64> -> <act[64], chunk 4 step 8> count 8 shift 0 batch(0, 2)
  hcgs_isa.move <io[0], batch 64> -> <act[64], chunk 4 step 8> count 8 shift 0 batch(0, 2)
  // CHECK-NEXT: hcgs_isa.loop {
  hcgs_isa.loop {
    // CHECK-NEXT: hcgs_isa.mvm <io[0], batch 64, fwd 128> len 64 -> <acc[0], batch 64, chunk 16 step 16>
    // CHECK-SAME: weights[0] index[0] shifts[0] bias <param[64], shift -2> gates 4 rows 16 grid 1 x 2
    // CHECK-SAME: levels [#hcgs_isa.level<16x32 keep 1>, #hcgs_isa.level<4x4 keep 2>] batch(0, 2)
    hcgs_isa.mvm <io[0], batch 64, fwd 128> len 64 -> <acc[0], batch 64, chunk 16 step 16>
        weights [0] index [0] shifts [0] bias <param[64], shift -2>
        gates 4 rows 16 grid 1 x 2
        levels [#hcgs_isa.level<16x32 keep 1>, #hcgs_isa.level<4x4 keep 2>] batch(0, 2)
    // CHECK-NEXT: hcgs_isa.mvm <act[0], batch 16> len 16 -> <acc[0], batch 64> accumulate
    // CHECK-SAME: weights[256] index[4] shifts[128] gates 4 rows 16 grid 2 x 4
    // CHECK-SAME: levels [#hcgs_isa.level<8x4 keep 2>] batch(0, 2)
    hcgs_isa.mvm <act[0], batch 16> len 16 -> <acc[0], batch 64> accumulate
        weights [256] index [4] shifts [128] gates 4 rows 16 grid 2 x 4
        levels [#hcgs_isa.level<8x4 keep 2>] batch(0, 2)
    // CHECK-NEXT: hcgs_isa.lstm_cell <acc[0], batch 64, chunk 16 step 16> -> c <act[16], batch 64> h <act[0], batch 16>
    // CHECK-SAME: y <io[5000], batch 16, rev 32> hidden 16
    // CHECK-SAME: luts <param[256], segments 8, shift 4, clip 300>, <param[288], segments 4, shift 2>, <param[304], segments 256, shift 5>
    // CHECK-SAME: peepholes <param[1024], shift -12> input_forget 4096 align 0, 2 shifts -12, -11 batch(0, 2)
    hcgs_isa.lstm_cell <acc[0], batch 64, chunk 16 step 16> -> c <act[16], batch 64> h <act[0], batch 16>
        y <io[5000], batch 16, rev 32> hidden 16
        luts <param[256], segments 8, shift 4, clip 300>, <param[288], segments 4, shift 2>,
             <param[304], segments 256, shift 5>
        peepholes <param[1024], shift -12> input_forget 4096
        align 0, 2 shifts -12, -11 batch(0, 2)
    // CHECK-NEXT: hcgs_isa.lstm_cell <acc[0]> -> c <act[16]> h <act[0]> hidden 16
    // CHECK-SAME: luts <param[256], segments 8, shift 4>, <param[256], segments 8, shift 4>, <param[256], segments 8, shift 4>
    // CHECK-SAME: align 3, 0 shifts 0, 0 batch(1, 1)
    hcgs_isa.lstm_cell <acc[0]> -> c <act[16]> h <act[0]> hidden 16
        luts <param[256], segments 8, shift 4>, <param[256], segments 8, shift 4>,
             <param[256], segments 8, shift 4>
        align 3, 0 shifts 0, 0 batch(1, 1)
    // CHECK-NEXT: hcgs_isa.act <acc[0]> -> <act[128]> count 16 lut <param[256], segments 8, shift 4, clip 7> batch(0, 1)
    hcgs_isa.act <acc[0]> -> <act[128]> count 16 lut <param[256], segments 8, shift 4, clip 7> batch(0, 1)
    // CHECK-NEXT: hcgs_isa.move <act[0], batch 16> -> <io[5000], batch 16, fwd 32> count 16 shift 3 batch(0, 2)
    hcgs_isa.move <act[0], batch 16> -> <io[5000], batch 16, fwd 32> count 16 shift 3 batch(0, 2)
  // CHECK-NEXT: }
  }
  // CHECK-NEXT: hcgs_isa.loop {
  // CHECK-NEXT: }
  hcgs_isa.loop {
  }
  // CHECK-NEXT: hcgs_isa.move <act[0], batch 16> -> <io[6000], batch 16> count 16 shift 0 batch(0, 2)
  hcgs_isa.move <act[0], batch 16> -> <io[6000], batch 16> count 16 shift 0 batch(0, 2)
}

// Up to four levels, on a target that allows them.
// CHECK-LABEL: hcgs_isa.program @deep
// CHECK: levels [#hcgs_isa.level<16x16 keep 1>, #hcgs_isa.level<8x8 keep 1>, #hcgs_isa.level<4x4 keep 1>, #hcgs_isa.level<2x2 keep 1>]
hcgs_isa.program @deep attributes {
  target = {preset = "hcgs-w16"}, max_seq_len = 1 : i64,
  inputs = [#hcgs_isa.tensor<"x", [16], io 0, #hcgs.fixed<i16, 8>>],
  outputs = [#hcgs_isa.tensor<"y", [16], io 16, #hcgs.fixed<i16, 8>>]
} {
  hcgs_isa.mvm <io[0]> len 16 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 16 grid 1 x 1
      levels [#hcgs_isa.level<16x16 keep 1>, #hcgs_isa.level<8x8 keep 1>,
              #hcgs_isa.level<4x4 keep 1>, #hcgs_isa.level<2x2 keep 1>] batch(0, 1)
  hcgs_isa.move <acc[0]> -> <io[16]> count 16 shift -8 batch(0, 1)
}
