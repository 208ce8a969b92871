// Tiles: with 32 accumulator words, a 16-unit LSTM (4 gates x 16 rows) runs
// as two tiles of 8 hidden units and its output layer's 40 rows as tiles of
// 32 and 8, one batch entry at a time; 2 length registers make batch entry
// 2 a second group (batch(0, 1) again).
// RUN: hcgs-opt %s --hcgs-set-target=target-config=%S/Inputs/small-acc.json --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan=max-seq-len=10 | FileCheck %s --check-prefix=PLAN
// RUN: hcgs-opt %s --hcgs-set-target=target-config=%S/Inputs/small-acc.json --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan=max-seq-len=10 --hcgs-lower-to-isa | FileCheck %s

// The cells of every tile write h_next, copied to h once every tile has read
// the old h.
// PLAN: #hcgs_isa.symbol<"lstm#0.d0.h", act[0], 48>, #hcgs_isa.symbol<"lstm#0.d0.c", act[48], 48>, #hcgs_isa.symbol<"lstm#0.d0.h_next", act[96], 48>
// PLAN-SAME: #hcgs_isa.symbol<"lstm#0.d0.t0.W", weight[0], 96>
// PLAN-SAME: #hcgs_isa.symbol<"lstm#0.d0.t1.W", weight[96], 96>
// PLAN-SAME: #hcgs_isa.symbol<"lstm#0.d0.t0.R", weight[192], 192>
// PLAN-SAME: #hcgs_isa.symbol<"lstm#0.d0.t1.R", weight[384], 192>
// PLAN-SAME: #hcgs_isa.symbol<"lstm#0.gates", acc[0], 32>
// PLAN-SAME: #hcgs_isa.symbol<"fc#0.t0.W", weight[576], 192>
// PLAN-SAME: #hcgs_isa.symbol<"fc#0.t1.W", weight[768], 48>
// PLAN-SAME: #hcgs_isa.symbol<"fc#0.acc", acc[0], 32>
// PLAN: hcgs_isa.schedule = #hcgs_isa.schedule<name = "lstm#0", segment = 0, row_tile = 8, batch_tile = 1>
// PLAN: hcgs_isa.schedule = #hcgs_isa.schedule<name = "fc#0", segment = 0, row_tile = 32, batch_tile = 1>

// CHECK:      hcgs_isa.fill <act[0], batch 16> count 16 value 0 batch(0, 2)
// CHECK-NEXT: hcgs_isa.fill <act[32], batch 16> count 16 value 0 batch(0, 1)
// CHECK-NEXT: hcgs_isa.fill <act[48], batch 16> count 16 value 0 batch(0, 2)
// CHECK-NEXT: hcgs_isa.fill <act[80], batch 16> count 16 value 0 batch(0, 1)
// CHECK-NEXT: hcgs_isa.loop {
// Batch entry 0, tile 0 (units 0-7), then tile 1 (units 8-15), then h_next
// to h.
// CHECK-NEXT: hcgs_isa.mvm <io[0], batch 8, fwd 24> len 8 -> <acc[0], batch 32> weights[0] index[0] shifts[0] gates 4 rows 8 grid 2 x 2 levels [#hcgs_isa.level<4x4 keep 1>] batch(0, 1)
// CHECK-NEXT: hcgs_isa.mvm <act[0], batch 16> len 16 -> <acc[0], batch 32> accumulate weights[192] index[2] shifts[48] gates 4 rows 8 grid 2 x 4 levels [#hcgs_isa.level<4x4 keep 2>] batch(0, 1)
// CHECK-NEXT: hcgs_isa.lstm_cell <acc[0], batch 32> -> c <act[48], batch 16> h <act[96], batch 16> hidden 8
// CHECK-NEXT: hcgs_isa.mvm <io[0], batch 8, fwd 24> len 8 -> <acc[0], batch 32> weights[96] index[1] shifts[24]
// CHECK-NEXT: hcgs_isa.mvm <act[0], batch 16> len 16 -> <acc[0], batch 32> accumulate weights[384] index[3] shifts[72]
// CHECK-NEXT: hcgs_isa.lstm_cell <acc[0], batch 32> -> c <act[56], batch 16> h <act[104], batch 16> hidden 8
// CHECK-NEXT: hcgs_isa.move <act[96], batch 16> -> <act[0], batch 16> count 16 shift 0 batch(0, 1)
// Batch entries 1 and 2 (the second group of length registers).
// CHECK-NEXT: hcgs_isa.mvm <io[8], batch 8, fwd 24> len 8 {{.*}} batch(1, 1)
// CHECK-COUNT-6: batch(1, 1)
// CHECK-NEXT: hcgs_isa.mvm <io[16], batch 8, fwd 24> len 8 {{.*}} batch(0, 1)
// CHECK-COUNT-6: batch(0, 1)
// The output layer: rows 0-31 then 32-39 of each entry.
// CHECK-NEXT: hcgs_isa.mvm <act[0], batch 16> len 16 -> <acc[0], batch 32> weights[576] index[4] shifts[{{[0-9]+}}] gates 1 rows 32 grid 8 x 4 levels [#hcgs_isa.level<4x4 keep 2>] batch(0, 1)
// CHECK-NEXT: hcgs_isa.move <acc[0], batch 32> -> <io[240], batch 40, fwd 120> count 32 shift {{-?[0-9]+}} batch(0, 1)
// CHECK-NEXT: hcgs_isa.mvm <act[0], batch 16> len 16 -> <acc[0], batch 8> weights[768] index[8] shifts[{{[0-9]+}}] gates 1 rows 8 grid 2 x 4 levels [#hcgs_isa.level<4x4 keep 2>] batch(0, 1)
// CHECK-NEXT: hcgs_isa.move <acc[0], batch 8> -> <io[272], batch 40, fwd 120> count 8 shift {{-?[0-9]+}} batch(0, 1)
// CHECK-NEXT: hcgs_isa.mvm <act[16], batch 16>
// CHECK-NEXT: hcgs_isa.move <acc[0], batch 32> -> <io[280], batch 40, fwd 120>
// CHECK-NEXT: hcgs_isa.mvm <act[16], batch 16>
// CHECK-NEXT: hcgs_isa.move <acc[0], batch 8> -> <io[312], batch 40, fwd 120>
// CHECK-NEXT: hcgs_isa.mvm <act[32], batch 16>
// CHECK-NEXT: hcgs_isa.move <acc[0], batch 32> -> <io[320], batch 40, fwd 120>
// CHECK-NEXT: hcgs_isa.mvm <act[32], batch 16>
// CHECK-NEXT: hcgs_isa.move <acc[0], batch 8> -> <io[352], batch 40, fwd 120>
// CHECK-NEXT: }
func.func @main(%x: tensor<?x3x8xf32> {hcgs.name = "x"}) -> (tensor<?x3x40xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.1> : tensor<1x64x8xf32>
  %r = arith.constant dense<0.1> : tensor<1x64x16xf32>
  %y0 = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 16 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x3x8xf32>, tensor<1x64x8xf32>, tensor<1x64x16xf32>) -> (Y: tensor<?x1x3x16xf32>)
  %h0 = hcgs.reshape %y0 : tensor<?x1x3x16xf32> -> tensor<?x3x16xf32>
  %wf = arith.constant dense<0.1> : tensor<40x16xf32>
  %out = hcgs.fc %h0, %wf : (tensor<?x3x16xf32>, tensor<40x16xf32>) -> tensor<?x3x40xf32>
  return %out : tensor<?x3x40xf32>
}
