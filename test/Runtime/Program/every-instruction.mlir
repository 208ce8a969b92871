// Every instruction with every optional field, and every operand form,
// through the program file: export, import (FileCheck), export again (the
// same bytes), and the same through MLIR bytecode.
// RUN: hcgs-translate --export-program %s -o %t.1.hcgsb
// RUN: hcgs-translate --import-program %t.1.hcgsb -o %t.mlir
// RUN: FileCheck %s < %t.mlir
// RUN: hcgs-translate --export-program %t.mlir -o %t.2.hcgsb
// RUN: cmp %t.1.hcgsb %t.2.hcgsb
// RUN: hcgs-translate --import-program %t.1.hcgsb -o %t.mlirbc
// RUN: hcgs-translate --export-program %t.mlirbc -o %t.3.hcgsb
// RUN: cmp %t.1.hcgsb %t.3.hcgsb
// The imported program verifies and prints as it parses.
// RUN: hcgs-opt %t.mlir | hcgs-opt | FileCheck %s

// CHECK-LABEL: hcgs_isa.program @every
// CHECK-SAME: index = dense_resource<index> : tensor<5xi8>
// CHECK-SAME: inputs = [#hcgs_isa.tensor<"X", [?, 2, 64], io 0, #hcgs.fixed<i13, 10>>, #hcgs_isa.tensor<"seq_lens", [2], io 4000, lengths>]
// CHECK-SAME: max_seq_len = 16 : i64
// CHECK-SAME: outputs = [#hcgs_isa.tensor<"Y", [?, 1, 2, 16], io 5000, #hcgs.fixed<i13, -3>>, #hcgs_isa.tensor<"Y_h", [1, 2, 16], io 6000, #hcgs.fixed<i13, 64>>]
// CHECK-SAME: params = dense_resource<params> : tensor<2048xi8>
// CHECK-SAME: symbols = [#hcgs_isa.symbol<"W", weight[0], 512>, #hcgs_isa.symbol<"h", act[0], 16>, #hcgs_isa.symbol<"", io[0], 0>]
// CHECK-SAME: target = {acc_bits = 32 : i64,
// CHECK-SAME: mac_lanes = 128 : i64
// CHECK-SAME: weights = dense_resource<weights> : tensor<512xi8>
hcgs_isa.program @every attributes {
  target = {preset = "jssc2020", mac_lanes = 128 : i64}, max_seq_len = 16 : i64,
  inputs = [#hcgs_isa.tensor<"X", [?, 2, 64], io 0, #hcgs.fixed<i13, 10>>,
            #hcgs_isa.tensor<"seq_lens", [2], io 4000, lengths>],
  outputs = [#hcgs_isa.tensor<"Y", [?, 1, 2, 16], io 5000, #hcgs.fixed<i13, -3>>,
             #hcgs_isa.tensor<"Y_h", [1, 2, 16], io 6000, #hcgs.fixed<i13, 64>>],
  weights = dense<7> : tensor<512xi8>,
  index = dense<[1, -120, -58, -6, -28]> : tensor<5xi8>,
  params = dense<0> : tensor<2048xi8>,
  symbols = [#hcgs_isa.symbol<"W", weight[0], 512>, #hcgs_isa.symbol<"h", act[0], 16>,
             #hcgs_isa.symbol<"", io[0], 0>]
} {
  // CHECK: hcgs_isa.setlen seq[0] batch(0, 2)
  hcgs_isa.setlen seq[0] batch(0, 2)
  // CHECK-NEXT: hcgs_isa.setlen io[4000] batch(0, 2)
  hcgs_isa.setlen io[4000] batch(0, 2)
  // CHECK-NEXT: hcgs_isa.setlen param[100] batch(1, 1)
  hcgs_isa.setlen param[100] batch(1, 1)
  // CHECK-NEXT: hcgs_isa.fill <act[0], batch 16> count 16 value 0 batch(0, 2)
  hcgs_isa.fill <act[0], batch 16> count 16 value 0 batch(0, 2)
  // CHECK-NEXT: hcgs_isa.fill <act[32]> count 16 value -32768 batch(0, 1)
  hcgs_isa.fill <act[32]> count 16 value -32768 batch(0, 1)
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
