// The plan's attributes (hcgs-plan writes them, hcgs-lower-to-isa reads
// them) print as they are written and parse back to the same IR.
// RUN: hcgs-opt %s -allow-unregistered-dialect | FileCheck %s
// RUN: hcgs-opt %s -allow-unregistered-dialect | hcgs-opt -allow-unregistered-dialect | FileCheck %s

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %arg0: tensor<?x2x8xf32> {hcgs_isa.place = #hcgs_isa.view<io[0] [t?:16][2:8][8:1]>})
// CHECK-SAME: -> (tensor<2x8xf32> {hcgs_isa.place = #hcgs_isa.view<io[1600] [2:8][8:1]>, hcgs_isa.schedule = #hcgs_isa.schedule<segment = 1>})
// CHECK-SAME: attributes {hcgs_isa.max_seq_len = 100 : i64, hcgs_isa.memory_map = [#hcgs_isa.symbol<"in.x", io[0], 1600>, #hcgs_isa.symbol<"lstm#0.d0.y", act[32], 16>], hcgs_isa.segments = [#hcgs_isa.segment<loop>, #hcgs_isa.segment<once>]}
func.func @main(%x: tensor<?x2x8xf32> {hcgs_isa.place = #hcgs_isa.view<io[0] [t?:16][2:8][8:1]>})
    -> (tensor<2x8xf32> {hcgs_isa.place = #hcgs_isa.view<io[1600] [2:8][8:1]>, hcgs_isa.schedule = #hcgs_isa.schedule<segment = 1>})
    attributes {hcgs_isa.max_seq_len = 100 : i64,
                hcgs_isa.memory_map = [#hcgs_isa.symbol<"in.x", io[0], 1600>, #hcgs_isa.symbol<"lstm#0.d0.y", act[32], 16>],
                hcgs_isa.segments = [#hcgs_isa.segment<loop>, #hcgs_isa.segment<once>]} {
  // One result only in AMEM, one of two axes in its last dimension, one
  // with a static time dimension.
  // CHECK: "test.layer"(%arg0) {hcgs_isa.place = [unit, #hcgs_isa.view<io[2000] [2:8][2:4,4:1]>, #hcgs_isa.view<io[3000] [t4:8][8:1]>], hcgs_isa.schedule = #hcgs_isa.schedule<name = "lstm#0", segment = 0, row_tile = 8, batch_tile = 2>, hcgs_isa.stage = [#hcgs_isa.view<act[32] [t?:0][2:8][8:1]>, unit, unit]}
  %y:3 = "test.layer"(%x) {
      hcgs_isa.place = [unit, #hcgs_isa.view<io[2000] [2:8][2:4,4:1]>, #hcgs_isa.view<io[3000] [t4:8][8:1]>],
      hcgs_isa.schedule = #hcgs_isa.schedule<name = "lstm#0", segment = 0, row_tile = 8, batch_tile = 2>,
      hcgs_isa.stage = [#hcgs_isa.view<act[32] [t?:0][2:8][8:1]>, unit, unit]}
    : (tensor<?x2x8xf32>) -> (tensor<?x2x8xf32>, tensor<2x8xf32>, tensor<4x8xf32>)
  return %y#1 : tensor<2x8xf32>
}
