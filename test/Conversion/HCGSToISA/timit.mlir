// The paper's TIMIT shape compiled for the default target: 440 inputs, two
// 512-unit LSTM layers at 16x (32x32 blocks keep 1/4, then 4x4 keep 1/4), a
// 48-output layer at 4x, batch 1. The weights are constants of one value
// (pruning keeps the first blocks of each row); what is measured is the
// program, not the numbers.
// RUN: hcgs-opt %s '--hcgs-compile-pipeline=hcgs=32:0.25,4:0.25 layer-hcgs=output=16x64:0.25 remarks' --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s
// RUN: hcgs-compile %s --hcgs=32:0.25,4:0.25 --layer-hcgs=output=16x64:0.25 -o %t.hcgsb --report - | FileCheck %s --check-prefix=REPORT

// hcgs-compile's report says the same.
// REPORT: total 4071424 268288 15.18x 201216 1667
// REPORT: parameter SRAM {{[0-9]+}} of 294912 bytes (weights 201216, index 1667, parameters 19588)
// REPORT: per time step 268288 MACs, 4326 cycles, MAC utilization 0.969

// Everything fits the 288 kB target: 196.5 kB of weights (exactly the kept
// weights at 6 bits), 1.6 kB of index (0.83% of that), 19.1 kB of shifts,
// biases and tables.
// CHECK: remark: {{.*}}layer 'lstm0': segment 0, tiles of 512 rows x 1 batch entries; 131072 kept weights in 98304 bytes of WMEM, index 832 bytes, PMEM 10240 bytes
// CHECK: remark: {{.*}}layer 'lstm1': segment 0, tiles of 512 rows x 1 batch entries; 131072 kept weights in 98304 bytes of WMEM, index 832 bytes, PMEM 10240 bytes
// CHECK: remark: {{.*}}layer 'output': segment 0, tiles of 48 rows x 1 batch entries; 6144 kept weights in 4608 bytes of WMEM, index 3 bytes, PMEM 132 bytes
// CHECK: remark: plan: 1 segments, max_seq_len 34379; WMEM 201216 of 262144 bytes, IMEM 1667 of 8192 bytes, PMEM 19588 of 24576 bytes, AMEM 2048 of 8192 words, ACC 2048 of 4096 words
// One loop of 8 instructions a frame (docs/ISA.md 11.5): 4326 cycles for
// 268288 MACs, 3.2% above MACs / lanes, MAC utilization 0.969.
// CHECK: remark: per step: 4326 cycles, 268288 MACs, MAC utilization 0.9690, cycles / (MACs / lanes) 1.0320; 268288 kept weights, 201216 weight bytes (kept x weight_bits: 1.0000), 1667 index bytes (0.0083 of kept x weight_bits); 13 instructions
func.func @main(%x: tensor<?x1x440xf32> {hcgs.name = "features"}) -> (tensor<?x1x48xf32> {hcgs.name = "logits"}) {
  %w0 = arith.constant dense<0.01> : tensor<1x2048x440xf32>
  %r0 = arith.constant dense<0.01> : tensor<1x2048x512xf32>
  %b0 = arith.constant dense<0.1> : tensor<1x4096xf32>
  %y0 = hcgs.lstm(%x, %w0, %r0) bias(%b0) {direction = #hcgs.direction<forward>, hidden_size = 512 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x1x440xf32>, tensor<1x2048x440xf32>, tensor<1x2048x512xf32>, tensor<1x4096xf32>) -> (Y: tensor<?x1x1x512xf32>) loc("lstm0")
  %h0 = hcgs.reshape %y0 : tensor<?x1x1x512xf32> -> tensor<?x1x512xf32>
  %w1 = arith.constant dense<0.01> : tensor<1x2048x512xf32>
  %r1 = arith.constant dense<0.01> : tensor<1x2048x512xf32>
  %b1 = arith.constant dense<0.1> : tensor<1x4096xf32>
  %y1 = hcgs.lstm(%h0, %w1, %r1) bias(%b1) {direction = #hcgs.direction<forward>, hidden_size = 512 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<?x1x512xf32>, tensor<1x2048x512xf32>, tensor<1x2048x512xf32>, tensor<1x4096xf32>) -> (Y: tensor<?x1x1x512xf32>) loc("lstm1")
  %h1 = hcgs.reshape %y1 : tensor<?x1x1x512xf32> -> tensor<?x1x512xf32>
  %wf = arith.constant dense<0.01> : tensor<48x512xf32>
  %bf = arith.constant dense<0.1> : tensor<48xf32>
  %logits = hcgs.fc %h1, %wf, %bf : (tensor<?x1x512xf32>, tensor<48x512xf32>, tensor<48xf32>) -> tensor<?x1x48xf32> loc("output")
  return %logits : tensor<?x1x48xf32>
}
