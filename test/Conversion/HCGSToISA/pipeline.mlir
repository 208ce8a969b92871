// hcgs-compile-pipeline: imported hcgs IR to an hcgs_isa.program in one go,
// with every option forwarded to the pass that takes it.
// RUN: hcgs-opt %s --hcgs-compile-pipeline | FileCheck %s --check-prefix=DEFAULT
// RUN: hcgs-opt %s '--hcgs-compile-pipeline=target=hcgs-w16 max-seq-len=50' | FileCheck %s --check-prefix=W16
// RUN: hcgs-opt %s '--hcgs-compile-pipeline=weight-bits=8 act-bits=10 input-range=2 target-config=%S/Inputs/small-acc.json hcgs=4:0.25' | FileCheck %s --check-prefix=OPTIONS
// RUN: not hcgs-opt %s '--hcgs-compile-pipeline=memory-kb=1' 2>&1 | FileCheck %s --check-prefix=MEMORY
// RUN: not hcgs-opt %s '--hcgs-compile-pipeline=calibrate=x=%S/Inputs/missing.npy' 2>&1 | FileCheck %s --check-prefix=CALIBRATE
// RUN: not hcgs-opt %s '--hcgs-compile-pipeline=layer-hcgs=decoder=4:0.5' 2>&1 | FileCheck %s --check-prefix=LAYER
// RUN: hcgs-opt --help | FileCheck %s --check-prefix=HELP

// DEFAULT: hcgs_isa.program @main
// DEFAULT-SAME: inputs = [#hcgs_isa.tensor<"x", [?, 1, 16], io 0, #hcgs.fixed<i13, 9>>]
// DEFAULT-SAME: max_seq_len = 65535 : i64
// DEFAULT-SAME: name = "jssc2020"
// DEFAULT-SAME: weight_bits = 6 : i64
// DEFAULT: hcgs_isa.loop
// DEFAULT-NOT: func.func

// W16: inputs = [#hcgs_isa.tensor<"x", [?, 1, 16], io 0, #hcgs.fixed<i16, 12>>]
// W16-SAME: max_seq_len = 50 : i64
// W16-SAME: name = "hcgs-w16"
// W16-SAME: weight_bits = 16 : i64

// The input's format covers 2 with 10 bits; 32 accumulator words make
// tiles of 8 hidden units; blocks of 4x4 keep 1 of 4 per row.
// OPTIONS: inputs = [#hcgs_isa.tensor<"x", [?, 1, 16], io 0, #hcgs.fixed<i10, 8>>]
// OPTIONS-SAME: acc_words = 32 : i64
// OPTIONS-SAME: weight_bits = 8 : i64
// OPTIONS: hcgs_isa.mvm {{.*}} gates 4 rows 8 grid 2 x 4 levels [#hcgs_isa.level<4x4 keep 1>]

// MEMORY: error: the model needs {{.*}} memory ({{WMEM|IMEM}}), target jssc2020 has {{.*}} (of its 1 kB parameter SRAM)
// CALIBRATE: error: --calibrate x: {{.*}}missing.npy
// LAYER: error: --layer-hcgs: no layer is named 'decoder'
// HELP: --hcgs-compile-pipeline
func.func @main(%x: tensor<?x1x16xf32> {hcgs.name = "x"}) -> (tensor<?x1x1x16xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.1> : tensor<1x64x16xf32>
  %y = hcgs.lstm(%x, %w, %w) {direction = #hcgs.direction<forward>, hidden_size = 16 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x1x16xf32>, tensor<1x64x16xf32>, tensor<1x64x16xf32>) -> (Y: tensor<?x1x1x16xf32>)
  return %y : tensor<?x1x1x16xf32>
}
