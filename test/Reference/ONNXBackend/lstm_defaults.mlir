// ONNX's backend test test_lstm_defaults, written by hand as hcgs IR: a
// forward LSTM with the default activations and only Y_h as output.
// RUN: hcgs-run %s -i X=%testdata/test_lstm_defaults/test_data_set_0/input_0.pb \
// RUN:   -i W=%testdata/test_lstm_defaults/test_data_set_0/input_1.pb \
// RUN:   -i R=%testdata/test_lstm_defaults/test_data_set_0/input_2.pb \
// RUN:   --expect Y_h=%testdata/test_lstm_defaults/test_data_set_0/output_0.pb \
// RUN:   --atol 1e-4 | FileCheck %s
// CHECK: 'Y_h': max abs error {{[0-9.e+-]+}}, SQNR {{[0-9.]+}} dB

func.func @main(%X: tensor<1x3x2xf32> {hcgs.name = "X"},
                %W: tensor<1x12x2xf32> {hcgs.name = "W"},
                %R: tensor<1x12x3xf32> {hcgs.name = "R"})
    -> (tensor<1x3x3xf32> {hcgs.name = "Y_h"}) {
  %Y_h = hcgs.lstm(%X, %W, %R) {direction = #hcgs.direction<forward>,
      hidden_size = 3 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x3x2xf32>, tensor<1x12x2xf32>, tensor<1x12x3xf32>)
    -> (Y_h: tensor<1x3x3xf32>)
  return %Y_h : tensor<1x3x3xf32>
}
