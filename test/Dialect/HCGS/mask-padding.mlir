// RUN: hcgs-opt %s --hcgs-mask-stats -o /dev/null 2>&1 | FileCheck %s

// The TIMIT input layer is 440 wide: 32-wide blocks make 14 block columns,
// the last one only 24 wide. Keeping the last block keeps fewer entries, so
// row 0 (which keeps it) and row 1 (which does not) differ in density.
// CHECK: remark: layer 'fc#0' weight: 64x440 [32x32 keep 4] balanced, density 0.2818 (3.55x)
func.func @f(%x: tensor<1x440xf32>, %w: tensor<64x440xf32>) -> tensor<1x64xf32> {
  %y = hcgs.fc %x, %w {mask = #hcgs.mask<64x440, 32x32 [[0, 5, 9, 13], [1, 2, 3, 4]]>}
    : (tensor<1x440xf32>, tensor<64x440xf32>) -> tensor<1x64xf32>
  return %y : tensor<1x64xf32>
}
