// ONNX's backend test test_lstm_batchwise, written by hand as hcgs IR:
// layout = 1 (batch first), outputs Y and Y_h.
// RUN: hcgs-run %s -i X=%testdata/test_lstm_batchwise/test_data_set_0/input_0.pb \
// RUN:   -i W=%testdata/test_lstm_batchwise/test_data_set_0/input_1.pb \
// RUN:   -i R=%testdata/test_lstm_batchwise/test_data_set_0/input_2.pb \
// RUN:   --expect Y=%testdata/test_lstm_batchwise/test_data_set_0/output_0.pb \
// RUN:   --expect Y_h=%testdata/test_lstm_batchwise/test_data_set_0/output_1.pb \
// RUN:   --atol 1e-4 | FileCheck %s
// CHECK: 'Y': max abs error {{[0-9.e+-]+}}, SQNR {{[0-9.]+}} dB
// CHECK: 'Y_h': max abs error {{[0-9.e+-]+}}, SQNR {{[0-9.]+}} dB

func.func @main(%X: tensor<3x1x2xf32> {hcgs.name = "X"},
                %W: tensor<1x28x2xf32> {hcgs.name = "W"},
                %R: tensor<1x28x7xf32> {hcgs.name = "R"})
    -> (tensor<3x1x1x7xf32> {hcgs.name = "Y"}, tensor<3x1x7xf32> {hcgs.name = "Y_h"}) {
  %Y, %Y_h = hcgs.lstm(%X, %W, %R) {direction = #hcgs.direction<forward>,
      hidden_size = 7 : i64, layout = 1 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<3x1x2xf32>, tensor<1x28x2xf32>, tensor<1x28x7xf32>)
    -> (Y: tensor<3x1x1x7xf32>, Y_h: tensor<3x1x7xf32>)
  return %Y, %Y_h : tensor<3x1x1x7xf32>, tensor<3x1x7xf32>
}
