// RUN: hcgs-opt %s --hcgs-legalize-masks=hcgs=4:0.5 --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s
// RUN: hcgs-opt %s --hcgs-legalize-masks=hcgs=8:0.5,4:0.5 | FileCheck %s --check-prefix=TWO
// RUN: hcgs-opt %s --hcgs-legalize-masks="hcgs=8:1 layer-hcgs=out=4:0.25" | FileCheck %s --check-prefix=LAYER
// RUN: hcgs-opt %s --hcgs-legalize-masks="layer-hcgs=out=8:0.5,4:0.5" | FileCheck %s --check-prefix=TWO
// RUN: hcgs-opt %s --hcgs-legalize-masks=hcgs=4:0.5 | hcgs-opt --hcgs-legalize-masks | FileCheck %s --check-prefix=AGAIN

// Pruning keeps, in every block-row, the blocks with the most energy. The
// 4x4 blocks of this weight are constant: row 0 has 1, 4, 2, 3 and row 1
// has 5, 1, 1, 6, so keeping half keeps columns 1, 3 and 0, 3; the energy
// kept is 16(16+9+25+36) / 16(1+16+4+9+25+1+1+36) = 86/93. Pruned weights
// become zeros, and a second run finds the same mask in them.
// CHECK: %[[W:.*]] = arith.constant dense<{{\[\[}}0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 4.000000e+00, 4.000000e+00, 4.000000e+00, 4.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 3.000000e+00,
// CHECK: hcgs.fc %arg0, %[[W]] {hcgs.energy_kept = 0.92473118279569{{[0-9]*}} : f64, mask = #hcgs.mask<8x16, 4x4 {{\[\[}}1, 3], [0, 3]]>}
// AGAIN: {hcgs.energy_kept = 1.000000e+00 : f64, mask = #hcgs.mask<8x16, 4x4 {{\[\[}}1, 3], [0, 3]]>}

// Two levels: of the two 8x8 blocks, the right one has more energy
// (16(4+9+1+36) against 16(1+16+25+1)); inside it each 4-row sub-row keeps
// its stronger 4x4 block (3 over 2, 6 over 1).
// TWO: mask = #hcgs.mask<8x16, 8x8 {{\[\[}}1]], 4x4 {{\[\[}}1], [1]]>

// A layer named in layer-hcgs uses its own structure.
// LAYER: mask = #hcgs.mask<8x16, 4x4 {{\[\[}}1], [3]]>
func.func @f(%x: tensor<1x16xf32>) -> tensor<1x8xf32> {
  %w = arith.constant dense<[
    [1.0, 1.0, 1.0, 1.0, 4.0, 4.0, 4.0, 4.0, 2.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0, 3.0],
    [1.0, 1.0, 1.0, 1.0, 4.0, 4.0, 4.0, 4.0, 2.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0, 3.0],
    [1.0, 1.0, 1.0, 1.0, 4.0, 4.0, 4.0, 4.0, 2.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0, 3.0],
    [1.0, 1.0, 1.0, 1.0, 4.0, 4.0, 4.0, 4.0, 2.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0, 3.0],
    [5.0, 5.0, 5.0, 5.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 6.0, 6.0, 6.0, 6.0],
    [5.0, 5.0, 5.0, 5.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 6.0, 6.0, 6.0, 6.0],
    [5.0, 5.0, 5.0, 5.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 6.0, 6.0, 6.0, 6.0],
    [5.0, 5.0, 5.0, 5.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 6.0, 6.0, 6.0, 6.0]]> : tensor<8x16xf32>
  %y = hcgs.fc %x, %w : (tensor<1x16xf32>, tensor<8x16xf32>) -> tensor<1x8xf32> loc("out")
  return %y : tensor<1x8xf32>
}
