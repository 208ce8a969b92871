// RUN: hcgs-opt %s --hcgs-quantize --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s
// RUN: hcgs-opt %s --hcgs-set-target=weight-bits=4 --hcgs-quantize --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --check-prefix=W4

// The input has no calibration data: |x| < 8 gives i13 with 9 fraction bits.
// CHECK: func.func @main(%arg0: tensor<1x4xf32> {hcgs.format = #hcgs.fixed<i13, 9>, hcgs.name = "x"})

// Each row gets the scale with the least squared error (worked out by a
// search over every scale in numpy): row 0's largest weight, 0.9, needs 5
// fraction bits in i6 (codes up to 31), row 1 (largest 0.2) 7. Row 2's 1.0
// fits 4 bits; clipping it at 5 bits (0.97) would cost more than the small
// weights gain.
// CHECK: %[[W:.*]] = arith.constant dense<{{\[\[}}9.062500e-01, -5.000000e-01, 2.500000e-01, 0.000000e+00], [2.031250e-01, 0.1015625, -7.812500e-03, 4.687500e-02], [1.000000e+00, 6.250000e-02, 0.000000e+00, 6.250000e-02]]>
// The sums are at most row 0's (0.90625 + 0.5 + 0.25) * 8 + 0.5 = 13.75 < 16,
// so the i32 accumulator keeps 27 fraction bits; the output, bounded by the
// same sum, keeps 8 in i13. The bias (|b| <= 0.5) keeps 16 in i16.
// CHECK: hcgs.fc %arg0, %[[W]], %{{.*}} {quant = #hcgs.fc_quant<weights = <i6, [5, 7, 4]>, bias = <i16, 16>, acc = <i32, 27>, output = <i13, 8>>}

// With 4-bit weights the row scales change with the width.
// W4: quant = #hcgs.fc_quant<weights = <i4, [3, 5, 2]>
func.func @main(%x: tensor<1x4xf32> {hcgs.name = "x"}) -> (tensor<1x3xf32> {hcgs.name = "y"}) {
  %w = arith.constant dense<[[0.9, -0.5, 0.25, 0.0],
                             [0.2, 0.1, -0.01, 0.05],
                             [1.0, 0.05, -0.03, 0.06]]> : tensor<3x4xf32>
  %b = arith.constant dense<[0.5, -0.25, 0.125]> : tensor<3xf32>
  %y = hcgs.fc %x, %w, %b : (tensor<1x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}
