// What hcgs-lower-to-isa refuses: IR without a plan, or a plan that does
// not match the model.
// RUN: hcgs-opt %s -split-input-file --hcgs-lower-to-isa -verify-diagnostics

// expected-error @+1 {{has no plan (run hcgs-plan)}}
func.func @main(%x: tensor<2x4xf32> {hcgs.name = "x", hcgs.format = #hcgs.fixed<i13, 10>}) -> (tensor<2x4xf32> {hcgs.name = "y"}) {
  return %x : tensor<2x4xf32>
}

// -----

// The memory map lacks the layer's accumulators.
func.func @main(%arg0: tensor<2x4xf32> {hcgs.format = #hcgs.fixed<i13, 10>, hcgs.name = "x", hcgs_isa.place = #hcgs_isa.view<io[0] [2:4][4:1]>})
    -> (tensor<2x4xf32> {hcgs.name = "y", hcgs_isa.place = #hcgs_isa.view<io[8] [2:4][4:1]>})
    attributes {hcgs_isa.max_seq_len = 1 : i64, hcgs_isa.memory_map = [#hcgs_isa.symbol<"in.x", io[0], 8>, #hcgs_isa.symbol<"out.y", io[8], 8>, #hcgs_isa.symbol<"fc#0.t0.W", weight[0], 12>, #hcgs_isa.symbol<"fc#0.t0.W.index", index[0], 0>, #hcgs_isa.symbol<"fc#0.t0.W.shifts", param[0], 3>],
                hcgs_isa.segments = [#hcgs_isa.segment<once>]} {
  %w = arith.constant dense<0.125> : tensor<4x4xf32>
  // expected-error @+1 {{the memory map has no 'fc#0.acc' (run hcgs-plan)}}
  %y = hcgs.fc %arg0, %w {hcgs_isa.place = [#hcgs_isa.view<io[8] [2:4][4:1]>], hcgs_isa.schedule = #hcgs_isa.schedule<name = "fc#0", segment = 0, row_tile = 4, batch_tile = 2>,
      mask = #hcgs.mask<4x4, 4x4 [[0]]>, quant = #hcgs.fc_quant<weights = <i6, 4>, acc = <i32, 20>, output = <i13, 10>>}
    : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// The weights need 12 bytes, the memory map gives them 6.
func.func @main(%arg0: tensor<2x4xf32> {hcgs.format = #hcgs.fixed<i13, 10>, hcgs.name = "x", hcgs_isa.place = #hcgs_isa.view<io[0] [2:4][4:1]>})
    -> (tensor<2x4xf32> {hcgs.name = "y", hcgs_isa.place = #hcgs_isa.view<io[8] [2:4][4:1]>})
    attributes {hcgs_isa.max_seq_len = 1 : i64, hcgs_isa.memory_map = [#hcgs_isa.symbol<"in.x", io[0], 8>, #hcgs_isa.symbol<"out.y", io[8], 8>, #hcgs_isa.symbol<"fc#0.t0.W", weight[0], 6>, #hcgs_isa.symbol<"fc#0.t0.W.index", index[0], 0>, #hcgs_isa.symbol<"fc#0.t0.W.shifts", param[0], 3>, #hcgs_isa.symbol<"fc#0.acc", acc[0], 8>],
                hcgs_isa.segments = [#hcgs_isa.segment<once>]} {
  %w = arith.constant dense<0.125> : tensor<4x4xf32>
  // expected-error @+1 {{the memory map's 'fc#0.t0.W' holds 6 bytes of weight memory, not the 12 it needs (the plan is stale: run hcgs-plan)}}
  %y = hcgs.fc %arg0, %w {hcgs_isa.place = [#hcgs_isa.view<io[8] [2:4][4:1]>], hcgs_isa.schedule = #hcgs_isa.schedule<name = "fc#0", segment = 0, row_tile = 4, batch_tile = 2>,
      mask = #hcgs.mask<4x4, 4x4 [[0]]>, quant = #hcgs.fc_quant<weights = <i6, 4>, acc = <i32, 20>, output = <i13, 10>>}
    : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// A plan that puts the output past the end of IOM: the program verifier
// (the same checks as a program file's) catches what the plan got wrong.
// expected-error @+1 {{'hcgs_isa.move' op dst reaches io word 16777219, past the target's io_mem_words 16777216}}
func.func @main(%arg0: tensor<2x4xf32> {hcgs.format = #hcgs.fixed<i13, 10>, hcgs.name = "x", hcgs_isa.place = #hcgs_isa.view<io[0] [2:4][4:1]>})
    -> (tensor<2x4xf32> {hcgs.name = "y", hcgs_isa.place = #hcgs_isa.view<io[16777212] [2:4][4:1]>})
    attributes {hcgs_isa.max_seq_len = 1 : i64, hcgs_isa.memory_map = [#hcgs_isa.symbol<"fc#0.t0.W", weight[0], 12>, #hcgs_isa.symbol<"fc#0.t0.W.index", index[0], 0>, #hcgs_isa.symbol<"fc#0.t0.W.shifts", param[0], 3>, #hcgs_isa.symbol<"fc#0.acc", acc[0], 8>],
                hcgs_isa.segments = [#hcgs_isa.segment<once>]} {
  %w = arith.constant dense<0.125> : tensor<4x4xf32>
  %y = hcgs.fc %arg0, %w {hcgs_isa.place = [#hcgs_isa.view<io[16777212] [2:4][4:1]>], hcgs_isa.schedule = #hcgs_isa.schedule<name = "fc#0", segment = 0, row_tile = 4, batch_tile = 2>,
      mask = #hcgs.mask<4x4, 4x4 [[0]]>, quant = #hcgs.fc_quant<weights = <i6, 4>, acc = <i32, 20>, output = <i13, 10>>}
    : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
