// Transpose, reshape into an unknown dimension, concat of three inputs and
// slices with strides and with a count known only at run time.
// RUN: hcgs-run %s -i a=%S/Inputs/data_movement/a.npy -i b=%S/Inputs/data_movement/b.npy \
// RUN:   --expect transposed=%S/Inputs/data_movement/transposed.expected.npy \
// RUN:   --expect flattened=%S/Inputs/data_movement/flattened.expected.npy \
// RUN:   --expect joined=%S/Inputs/data_movement/joined.expected.npy \
// RUN:   --expect strided=%S/Inputs/data_movement/strided.expected.npy \
// RUN:   --expect tail=%S/Inputs/data_movement/tail.expected.npy --atol 0 | FileCheck %s
// Data movement copies: every error is exactly 0.
// CHECK: 'transposed': max abs error 0, SQNR inf dB
// CHECK: 'flattened': max abs error 0, SQNR inf dB
// CHECK: 'joined': max abs error 0, SQNR inf dB
// CHECK: 'strided': max abs error 0, SQNR inf dB
// CHECK: 'tail': max abs error 0, SQNR inf dB

func.func @main(%a: tensor<?x3x4xf32> {hcgs.name = "a"},
                %b: tensor<2x5x4xf32> {hcgs.name = "b"})
    -> (tensor<4x?x3xf32> {hcgs.name = "transposed"}, tensor<?x12xf32> {hcgs.name = "flattened"},
        tensor<2x11x4xf32> {hcgs.name = "joined"}, tensor<1x3x2xf32> {hcgs.name = "strided"},
        tensor<2x?x4xf32> {hcgs.name = "tail"}) {
  %transposed = hcgs.transpose %a [2, 0, 1] : tensor<?x3x4xf32> -> tensor<4x?x3xf32>
  %flattened = hcgs.reshape %a : tensor<?x3x4xf32> -> tensor<?x12xf32>
  %joined = hcgs.concat %a, %b, %a {axis = 1 : i64}
    : (tensor<?x3x4xf32>, tensor<2x5x4xf32>, tensor<?x3x4xf32>) -> tensor<2x11x4xf32>
  %strided = hcgs.slice %b offsets = [1, 0, 1] strides = [1, 2, 2]
    : tensor<2x5x4xf32> -> tensor<1x3x2xf32>
  %tail = hcgs.slice %b offsets = [0, 3, 0] strides = [1, 1, 1]
    : tensor<2x5x4xf32> -> tensor<2x?x4xf32>
  return %transposed, %flattened, %joined, %strided, %tail
    : tensor<4x?x3xf32>, tensor<?x12xf32>, tensor<2x11x4xf32>, tensor<1x3x2xf32>, tensor<2x?x4xf32>
}
