// ONNX's backend test test_lstm_with_peepholes, written by hand as hcgs IR:
// every optional input (B, sequence_lens, initial_h, initial_c, P).
// RUN: hcgs-run %s -i X=%testdata/test_lstm_with_peepholes/test_data_set_0/input_0.pb \
// RUN:   -i W=%testdata/test_lstm_with_peepholes/test_data_set_0/input_1.pb \
// RUN:   -i R=%testdata/test_lstm_with_peepholes/test_data_set_0/input_2.pb \
// RUN:   -i B=%testdata/test_lstm_with_peepholes/test_data_set_0/input_3.pb \
// RUN:   -i sequence_lens=%testdata/test_lstm_with_peepholes/test_data_set_0/input_4.pb \
// RUN:   -i initial_h=%testdata/test_lstm_with_peepholes/test_data_set_0/input_5.pb \
// RUN:   -i initial_c=%testdata/test_lstm_with_peepholes/test_data_set_0/input_6.pb \
// RUN:   -i P=%testdata/test_lstm_with_peepholes/test_data_set_0/input_7.pb \
// RUN:   --expect Y_h=%testdata/test_lstm_with_peepholes/test_data_set_0/output_0.pb \
// RUN:   --atol 1e-4 | FileCheck %s
// CHECK: 'Y_h': max abs error {{[0-9.e+-]+}}, SQNR {{[0-9.]+}} dB

func.func @main(%X: tensor<1x2x4xf32> {hcgs.name = "X"},
                %W: tensor<1x12x4xf32> {hcgs.name = "W"},
                %R: tensor<1x12x3xf32> {hcgs.name = "R"},
                %B: tensor<1x24xf32> {hcgs.name = "B"},
                %lens: tensor<2xi32> {hcgs.name = "sequence_lens"},
                %h0: tensor<1x2x3xf32> {hcgs.name = "initial_h"},
                %c0: tensor<1x2x3xf32> {hcgs.name = "initial_c"},
                %P: tensor<1x9xf32> {hcgs.name = "P"})
    -> (tensor<1x2x3xf32> {hcgs.name = "Y_h"}) {
  %Y_h = hcgs.lstm(%X, %W, %R) bias(%B) sequence_lens(%lens) initial_h(%h0)
      initial_c(%c0) peepholes(%P) {direction = #hcgs.direction<forward>,
      hidden_size = 3 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<1x2x4xf32>, tensor<1x12x4xf32>, tensor<1x12x3xf32>, tensor<1x24xf32>,
       tensor<2xi32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x9xf32>)
    -> (Y_h: tensor<1x2x3xf32>)
  return %Y_h : tensor<1x2x3xf32>
}
