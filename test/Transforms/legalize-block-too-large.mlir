// RUN: hcgs-opt %s --hcgs-legalize-masks=hcgs=32:0.5 -split-input-file -verify-diagnostics

// A block larger than the matrix makes one block-column: the level would
// prune nothing there and pad the storage 2x (here 16 columns to 32), so it
// is refused rather than compiled silently.
func.func @main(%x: tensor<2x1x16xf32> {hcgs.name = "x"}) -> (tensor<1x1x64xf32> {hcgs.name = "h"}) {
  %w = arith.constant dense<0.5> : tensor<1x256x16xf32>
  %r = arith.constant dense<0.5> : tensor<1x256x64xf32>
  // expected-error @+1 {{layer 'lstm#0': HCGS level 1's 32x32 blocks are larger than W (64x16): they would prune nothing on that side and pad its storage; choose blocks no larger than the matrix}}
  %yh = hcgs.lstm(%x, %w, %r) {direction = #hcgs.direction<forward>, hidden_size = 64 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<2x1x16xf32>, tensor<1x256x16xf32>, tensor<1x256x64xf32>) -> (Y_h: tensor<1x1x64xf32>)
  return %yh : tensor<1x1x64xf32>
}

// -----

// An FC's rows are checked too (10 outputs, 32-row blocks).
func.func @main(%x: tensor<1x64xf32> {hcgs.name = "x"}) -> (tensor<1x10xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<0.5> : tensor<10x64xf32>
  // expected-error @+1 {{layer 'fc#0': HCGS level 1's 32x32 blocks are larger than weight (10x64)}}
  %y = hcgs.fc %x, %w : (tensor<1x64xf32>, tensor<10x64xf32>) -> tensor<1x10xf32>
  return %y : tensor<1x10xf32>
}
