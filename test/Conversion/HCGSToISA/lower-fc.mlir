// An output layer on a static input runs once, outside any loop: per batch
// slice an mvm (W's rows have 4 fraction bits, x 10, sums 20: shifts 6)
// and a move requantizing the sums to the output's 10 fraction bits.
// RUN: hcgs-opt %s --hcgs-plan | FileCheck %s --check-prefix=PLAN
// RUN: hcgs-opt %s --hcgs-plan --hcgs-lower-to-isa | FileCheck %s

// PLAN:      hcgs_isa.max_seq_len = 1 : i64
// PLAN-SAME: hcgs_isa.segments = [#hcgs_isa.segment<once>]
// PLAN:      hcgs.fc
// PLAN-SAME: hcgs_isa.place = [#hcgs_isa.view<io[8] [2:4][4:1]>], hcgs_isa.schedule = #hcgs_isa.schedule<name = "fc#0", segment = 0, row_tile = 4, batch_tile = 2>

// CHECK-LABEL: hcgs_isa.program @main
// CHECK-SAME: inputs = [#hcgs_isa.tensor<"x", [2, 4], io 0, #hcgs.fixed<i13, 10>>], max_seq_len = 1 : i64
// CHECK-SAME: outputs = [#hcgs_isa.tensor<"y", [2, 4], io 8, #hcgs.fixed<i13, 10>>]
// Four 6-bit shifts of 6: 0b000110'000110'000110'000110.
// CHECK-SAME: params = dense<[-122, 97, 24]> : tensor<3xi8>
// All 16 weights are 2 (0.125 at 4 fraction bits): 0b000010 repeated.
// CHECK-SAME: weights = dense<[-126, 32, 8, -126, 32, 8, -126, 32, 8, -126, 32, 8]> : tensor<12xi8>
// CHECK-NEXT: hcgs_isa.mvm <io[0], batch 4> len 4 -> <acc[0], batch 4> weights[0] index[0] shifts[0] gates 1 rows 4 grid 1 x 1 levels [#hcgs_isa.level<4x4 keep 1>] batch(0, 2)
// CHECK-NEXT: hcgs_isa.move <acc[0], batch 4> -> <io[8], batch 4> count 4 shift -10 batch(0, 2)
// CHECK-NEXT: }
func.func @main(%x: tensor<2x4xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i13, 10>}) -> (tensor<2x4xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.125> : tensor<4x4xf32>
  %y = hcgs.fc %x, %w {mask = #hcgs.mask<4x4, 4x4 [[0]]>,
      quant = #hcgs.fc_quant<weights = <i6, 4>, acc = <i32, 20>, output = <i13, 10>>}
    : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
