// RUN: not hcgs-opt %s --hcgs-legalize-masks=hcgs=2:0.5 2>&1 | FileCheck %s --check-prefix=SIZE
// RUN: not hcgs-opt %s --hcgs-legalize-masks=hcgs=32:0.5,8:0.5,4:0.5 2>&1 | FileCheck %s --check-prefix=LEVELS
// RUN: not hcgs-opt %s --hcgs-legalize-masks=hcgs=32:1.5 2>&1 | FileCheck %s --check-prefix=KEEP
// RUN: not hcgs-opt %s --hcgs-legalize-masks=layer-hcgs=decoder=4:0.5 2>&1 | FileCheck %s --check-prefix=NAME
// RUN: not hcgs-opt %s --hcgs-legalize-masks=layer-hcgs=4:0.5 2>&1 | FileCheck %s --check-prefix=FORM
// RUN: hcgs-opt %s --hcgs-set-target="target-config=%S/Inputs/small-blocks.json" --hcgs-legalize-masks=hcgs=2:0.5 | FileCheck %s --check-prefix=TARGET

// SIZE: error: --hcgs: block size 2 in '2:0.5' is not one target 'jssc2020' supports (4, 8, 16, 32, 64)
// LEVELS: error: --hcgs: '32:0.5,8:0.5,4:0.5' has 3 levels and target 'jssc2020' takes at most 2
// KEEP: error: --hcgs: invalid HCGS spec '32:1.5': '1.5' is not a kept fraction in (0, 1]
// NAME: error: --layer-hcgs: no layer is named 'decoder'
// FORM: error: --layer-hcgs: '4:0.5' is not NAME=SPEC

// A target with 2x2 blocks takes the same spec.
// TARGET: mask = #hcgs.mask<4x4, 2x2 {{\[\[}}1], [0]]>
func.func @f(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %w = arith.constant dense<[[0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 1.0, 1.0],
                             [2.0, 2.0, 0.5, 0.5], [2.0, 2.0, 0.5, 0.5]]> : tensor<4x4xf32>
  %y = hcgs.fc %x, %w : (tensor<1x4xf32>, tensor<4x4xf32>) -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}
