// The bytes of a small program with every instruction, both kinds of tensor,
// images and a symbol, pinned: a change to program.fbs, to the target table
// or to the instruction encoding shows here, and must bump
// SchemaVersion.Current (lib/Runtime/Program/program.fbs; the version is byte 44
// here, after the root offset, the identifier "HCGS" at bytes 4-7 and the
// root table's vtable). Regenerate with
//   hcgs-translate --export-program golden.mlir | od -An -tx1 -v -w16
// RUN: hcgs-translate --export-program %s -o %t.hcgsb
// RUN: od -An -tx1 -v -w16 %t.hcgsb | FileCheck %s --match-full-lines
// The same program gives the same bytes, and its imported form too.
// RUN: hcgs-translate --export-program %s -o %t.again.hcgsb
// RUN: cmp %t.hcgsb %t.again.hcgsb
// RUN: hcgs-translate --import-program %t.hcgsb | hcgs-translate --export-program - -o %t.imported.hcgsb
// RUN: cmp %t.hcgsb %t.imported.hcgsb

hcgs_isa.program @golden attributes {
  target = {preset = "jssc2020"}, max_seq_len = 2 : i64,
  inputs = [#hcgs_isa.tensor<"x", [?, 8], io 0, #hcgs.fixed<i13, 10>>,
            #hcgs_isa.tensor<"n", [1], io 16, lengths>],
  outputs = [#hcgs_isa.tensor<"y", [?, 4], io 20, #hcgs.fixed<i13, 9>>],
  weights = dense<[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]> : tensor<24xi8>,
  index = dense<[0]> : tensor<1xi8>,
  params = dense<[1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -8]> : tensor<16xi8>,
  symbols = [#hcgs_isa.symbol<"W", weight[0], 24>]
} {
  hcgs_isa.setlen io[16] batch(0, 1)
  hcgs_isa.fill <act[0]> count 8 value -1 batch(0, 1)
  hcgs_isa.loop {
    hcgs_isa.mvm <io[0], fwd 8> len 8 -> <acc[0]> weights [0] index [0] shifts [0]
        bias <param[0], shift -1> gates 4 rows 4 grid 1 x 2
        levels [#hcgs_isa.level<4x4 keep 1>] batch(0, 1)
    hcgs_isa.lstm_cell <acc[0]> -> c <act[4]> h <act[0]> y <io[20], rev 4> hidden 4
        luts <param[0], segments 2, shift 1>, <param[4], segments 2, shift 2, clip 9>,
             <param[8], segments 2, shift 3>
        peepholes <param[0], shift -3> input_forget 4096 align 2, 1 shifts -14, -13 batch(0, 1)
    hcgs_isa.act <acc[0]> -> <act[8]> count 4 lut <param[0], segments 2, shift 1> batch(0, 1)
  }
  hcgs_isa.move <act[0]> -> <io[20]> count 4 shift 1 batch(0, 1)
}

// CHECK:      28 00 00 00 48 43 47 53 00 00 00 00 00 00 1a 00
// CHECK-NEXT: 30 00 04 00 08 00 0c 00 10 00 14 00 18 00 1c 00
// CHECK-NEXT: 20 00 24 00 28 00 2c 00 1a 00 00 00 01 00 00 00
// CHECK-NEXT: 28 00 00 00 e0 02 00 00 02 00 00 00 00 02 00 00
// CHECK-NEXT: ac 01 00 00 8c 01 00 00 80 01 00 00 68 01 00 00
// CHECK-NEXT: 3c 00 00 00 10 00 00 00 06 00 00 00 67 6f 6c 64
// CHECK-NEXT: 65 6e 00 00 01 00 00 00 10 00 00 00 0c 00 0c 00
// CHECK-NEXT: 04 00 00 00 00 00 08 00 0c 00 00 00 08 00 00 00
// CHECK-NEXT: 18 00 00 00 01 00 00 00 57 00 00 00 49 00 00 00
// CHECK-NEXT: 02 41 00 00 00 40 00 00 07 01 00 00 00 00 00 00
// CHECK-NEXT: 00 00 00 00 00 00 00 80 00 f0 ff 0f 00 01 00 00
// CHECK-NEXT: 01 03 00 00 03 00 00 00 00 00 00 84 00 00 00 00
// CHECK-NEXT: 00 00 00 80 00 20 00 00 00 00 00 00 00 00 00 00
// CHECK-NEXT: 00 00 00 00 00 00 00 00 00 00 00 00 00 02 00 00
// CHECK-NEXT: fc 93 00 20 00 04 20 52 00 00 00 00 00 00 00 00
// CHECK-NEXT: 00 10 00 00 04 02 00 00 00 00 00 00 00 00 00 00
// CHECK-NEXT: 00 00 00 10 01 00 00 00 00 00 00 00 00 00 00 00
// CHECK-NEXT: 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00
// CHECK-NEXT: 10 0a 00 00 00 00 00 09 00 00 00 00 00 00 00 08
// CHECK-NEXT: 00 00 00 00 22 00 00 00 00 00 00 20 00 00 08 21
// CHECK-NEXT: 01 00 00 00 00 00 01 00 20 06 00 00 00 00 00 80
// CHECK-NEXT: 00 00 00 fd 01 20 08 81 fc 3c 00 04 00 00 00 00
// CHECK-NEXT: 05 02 00 00 00 00 00 00 00 00 00 00 00 00 00 10
// CHECK-NEXT: 02 00 00 00 00 00 00 00 00 00 00 00 00 00 04 00
// CHECK-NEXT: 00 00 00 11 00 00 00 00 00 00 00 40 00 00 00 00
// CHECK-NEXT: 06 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00
// CHECK-NEXT: 05 00 00 00 00 00 00 00 00 00 00 00 00 00 04 00
// CHECK-NEXT: 01 00 10 00 10 00 00 00 01 ff 02 fe 03 fd 04 fc
// CHECK-NEXT: 05 fb 06 fa 07 f9 08 f8 01 00 00 00 00 00 00 00
// CHECK-NEXT: 18 00 00 00 01 02 03 04 05 06 07 08 09 0a 0b 0c
// CHECK-NEXT: 0d 0e 0f 10 11 12 13 14 15 16 17 18 01 00 00 00
// CHECK-NEXT: 14 00 00 00 00 00 0e 00 18 00 04 00 00 00 08 00
// CHECK-NEXT: 0c 00 14 00 0e 00 00 00 2c 00 00 00 10 00 00 00
// CHECK-NEXT: 0d 00 00 00 09 00 00 00 14 00 00 00 02 00 00 00
// CHECK-NEXT: ff ff ff ff ff ff ff ff 04 00 00 00 00 00 00 00
// CHECK-NEXT: 00 00 00 00 01 00 00 00 79 00 00 00 02 00 00 00
// CHECK-NEXT: 50 00 00 00 14 00 00 00 00 00 0e 00 14 00 08 00
// CHECK-NEXT: 07 00 0c 00 00 00 10 00 0e 00 00 00 00 00 00 01
// CHECK-NEXT: 1c 00 00 00 08 00 00 00 10 00 00 00 01 00 00 00
// CHECK-NEXT: 01 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00
// CHECK-NEXT: 6e 00 00 00 0c 00 14 00 04 00 00 00 08 00 0c 00
// CHECK-NEXT: 0c 00 00 00 28 00 00 00 0c 00 00 00 0d 00 00 00
// CHECK-NEXT: 0a 00 00 00 02 00 00 00 ff ff ff ff ff ff ff ff
// CHECK-NEXT: 08 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00
// CHECK-NEXT: 78 00 00 00 50 00 28 01 24 01 1c 01 14 01 0c 01
// CHECK-NEXT: 04 01 fc 00 f4 00 f0 00 ec 00 e4 00 e0 00 d4 00
// CHECK-NEXT: cc 00 c4 00 bc 00 b4 00 ac 00 a4 00 9c 00 94 00
// CHECK-NEXT: 8c 00 84 00 7c 00 74 00 6c 00 64 00 5c 00 54 00
// CHECK-NEXT: 4c 00 44 00 3c 00 34 00 2c 00 24 00 1c 00 14 00
// CHECK-NEXT: 0c 00 04 00 50 00 00 00 00 00 00 00 00 00 28 40
// CHECK-NEXT: 00 00 00 00 00 00 34 40 00 00 00 00 00 00 34 40
// CHECK-NEXT: 9a 99 99 99 99 99 b9 3f 33 33 33 33 33 33 d3 3f
// CHECK-NEXT: 00 00 00 00 00 00 e0 3f 00 00 00 00 00 00 e0 3f
// CHECK-NEXT: 00 00 00 00 00 00 f0 3f 00 00 00 00 00 00 10 40
// CHECK-NEXT: 01 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00
// CHECK-NEXT: 05 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00
// CHECK-NEXT: 08 00 00 00 00 00 00 00 ff ff 00 00 00 00 00 00
// CHECK-NEXT: 40 00 00 00 00 00 00 00 00 10 00 00 00 00 00 00
// CHECK-NEXT: 00 00 00 01 00 00 00 00 00 10 00 00 00 00 00 00
// CHECK-NEXT: 00 20 00 00 00 00 00 00 00 60 00 00 00 00 00 00
// CHECK-NEXT: 00 20 00 00 00 00 00 00 00 00 04 00 00 00 00 00
// CHECK-NEXT: 00 00 00 00 00 00 54 40 00 01 00 00 00 00 00 00
// CHECK-NEXT: 40 00 00 00 00 00 00 00 40 00 00 00 00 00 00 00
// CHECK-NEXT: 00 00 00 00 48 00 00 00 02 00 00 00 00 00 00 00
// CHECK-NEXT: 6c 00 00 00 78 00 00 00 10 00 00 00 00 00 00 00
// CHECK-NEXT: 06 00 00 00 00 00 00 00 10 00 00 00 00 00 00 00
// CHECK-NEXT: 20 00 00 00 00 00 00 00 0d 00 00 00 00 00 00 00
// CHECK-NEXT: 06 00 00 00 00 00 00 00 58 00 00 00 05 00 00 00
// CHECK-NEXT: 04 00 00 00 00 00 00 00 08 00 00 00 00 00 00 00
// CHECK-NEXT: 10 00 00 00 00 00 00 00 20 00 00 00 00 00 00 00
// CHECK-NEXT: 40 00 00 00 00 00 00 00 00 00 00 00 08 00 00 00
// CHECK-NEXT: 73 61 74 75 72 61 74 65 00 00 00 00 0c 00 00 00
// CHECK-NEXT: 6e 65 61 72 65 73 74 5f 65 76 65 6e 00 00 00 00
// CHECK-NEXT: 08 00 00 00 6a 73 73 63 32 30 32 30 00 00 00 00
// CHECK-NOT: {{.+}}
