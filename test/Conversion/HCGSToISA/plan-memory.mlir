// Whether the model fits: each memory's need against the target, and the
// longest sequence the I/O memory holds.
// RUN: hcgs-opt %s --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan=remarks --mlir-print-op-on-diagnostic=false 2>&1 | FileCheck %s --check-prefix=FITS
// RUN: hcgs-opt %s --hcgs-set-target=target-config=%S/Inputs/tiny-iom.json --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan | FileCheck %s --check-prefix=SHORT
// RUN: not hcgs-opt %s --hcgs-set-target=target-config=%S/Inputs/tiny-wmem.json --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan 2>&1 | FileCheck %s --check-prefix=WMEM
// RUN: not hcgs-opt %s --hcgs-set-target=memory-kb=1 --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan 2>&1 | FileCheck %s --check-prefix=IMEM
// RUN: not hcgs-opt %s --hcgs-set-target=target-config=%S/Inputs/tiny-pmem.json --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan 2>&1 | FileCheck %s --check-prefix=PMEM
// RUN: not hcgs-opt %s --hcgs-set-target=target-config=%S/Inputs/tiny-amem.json --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan 2>&1 | FileCheck %s --check-prefix=AMEM
// RUN: not hcgs-opt %s --hcgs-set-target=target-config=%S/Inputs/tiny-iom.json --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan=max-seq-len=100 2>&1 | FileCheck %s --check-prefix=IOM
// RUN: not hcgs-opt %s --hcgs-set-target=target-config=%S/Inputs/tiny-acc.json --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan 2>&1 | FileCheck %s --check-prefix=ACC
// RUN: not hcgs-opt %s --hcgs-set-target=target-config=%S/Inputs/one-batch.json --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan 2>&1 | FileCheck %s --check-prefix=LENGTHS
// RUN: not hcgs-opt %s --hcgs-legalize-masks=hcgs=4:0.5 --hcgs-quantize --hcgs-plan=max-seq-len=70000 2>&1 | FileCheck %s --check-prefix=TOO-LONG
// RUN: not hcgs-opt %s --hcgs-plan=max-seq-len=-1 2>&1 | FileCheck %s --check-prefix=NEGATIVE

// Without --max-seq-len the program takes the longest sequences the I/O
// memory holds, up to the target's max_seq_len: 48 words a step (16 in, 32
// out) and 2 for the lengths leave room for 65535 steps in 16M words, or 20
// in 1000.
// FITS: remark: layer 'lstm#0': segment 0, tiles of 16 rows x 2 batch entries; 768 kept weights in 576 bytes of WMEM, index 3 bytes, PMEM 3168 bytes
// FITS: remark: plan: 1 segments, max_seq_len 65535; WMEM 576 of 262144 bytes, IMEM 3 of 8192 bytes, PMEM 3168 of 24576 bytes, AMEM 64 of 8192 words, ACC 128 of 4096 words, IOM 3145682 of 16777216 words
// SHORT: hcgs_isa.max_seq_len = 20 : i64

// WMEM: error: the model needs 576 bytes of weight memory (WMEM), target jssc2020 has 100 bytes (of its 32.1 kB parameter SRAM): compress further with --hcgs, use fewer --weight-bits, or choose a target with --target-config
// IMEM: error: the model needs 3 bytes of index memory (IMEM), target jssc2020 has 0 bytes (of its 1 kB parameter SRAM): use larger HCGS blocks or choose a target with --target-config
// PMEM: error: the model needs 3.1 kB of parameter memory (PMEM: shifts, biases, peepholes, lookup tables), target jssc2020 has 1000 bytes (of its 265 kB parameter SRAM): choose a target with --target-config
// AMEM: error: segment 0 needs 64 words of activation memory (AMEM) for its states, target jssc2020 has 40: use a smaller batch or choose a target with --target-config
// IOM: error: the model's tensors need 4802 words of I/O memory (IOM) for sequences of up to 100 steps, target jssc2020 has 1000: lower --max-seq-len
// ACC: error: layer 'lstm#0': a tile of 4 hidden units (its masks' block rows) needs 16 accumulator words, the target has acc_words 8
// LENGTHS: error: layer 'lstm#0': a batch of 2 with sequence_lens needs more than the target's max_batch 1 length registers
// TOO-LONG: error: --max-seq-len 70000 is above the target's max_seq_len 65535
// NEGATIVE: error: --max-seq-len must not be negative
func.func @main(%x: tensor<?x2x8xf32> {hcgs.name = "x"}, %lens: tensor<2xi32> {hcgs.name = "lens"}) -> (tensor<?x1x2x16xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.1> : tensor<1x64x8xf32>
  %r = arith.constant dense<0.1> : tensor<1x64x16xf32>
  %y = hcgs.lstm(%x, %w, %r) sequence_lens(%lens) {direction = #hcgs.direction<forward>, hidden_size = 16 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x2x8xf32>, tensor<1x64x8xf32>, tensor<1x64x16xf32>, tensor<2xi32>) -> (Y: tensor<?x1x2x16xf32>)
  return %y : tensor<?x1x2x16xf32>
}
