// Four HCGS levels and 16-bit codes, on a target that allows them, through
// the program file and back.
// RUN: hcgs-translate --export-program %s -o %t.1.hcgsb
// RUN: hcgs-translate --import-program %t.1.hcgsb | FileCheck %s
// RUN: hcgs-translate --import-program %t.1.hcgsb | hcgs-translate --export-program -o %t.2.hcgsb -
// RUN: cmp %t.1.hcgsb %t.2.hcgsb

// CHECK: hcgs_isa.program @deep
// CHECK-SAME: name = "hcgs-w16"
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
