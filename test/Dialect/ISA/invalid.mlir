// What an instruction or program can check on its own (docs/ISA.md 12).
// RUN: hcgs-opt %s -split-input-file -verify-diagnostics -allow-unregistered-dialect

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{dst uses time addressing outside a loop}}
  hcgs_isa.fill <act[0], fwd 16> count 16 value 0 batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  hcgs_isa.loop {
    // expected-error @+1 {{src is in acc memory, which has no time steps}}
    hcgs_isa.move <acc[0], fwd 16> -> <act[0]> count 16 shift 0 batch(0, 1)
  }
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{x must be in io or act memory, not acc}}
  hcgs_isa.mvm <acc[0]> len 8 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 8 grid 1 x 1 levels [#hcgs_isa.level<8x8 keep 1>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{acc must be in acc memory, not act}}
  hcgs_isa.mvm <act[0]> len 8 -> <act[0]> weights [0] index [0] shifts [0]
      gates 1 rows 8 grid 1 x 1 levels [#hcgs_isa.level<8x8 keep 1>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{c must be in act memory, not io}}
  hcgs_isa.lstm_cell <acc[0]> -> c <io[16]> h <act[0]> hidden 16
      luts <param[0], segments 8, shift 4>, <param[0], segments 8, shift 4>, <param[0], segments 8, shift 4>
      align 0, 0 shifts 0, 0 batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{dst must be in io or act memory, not acc}}
  hcgs_isa.act <act[0]> -> <acc[0]> count 4 lut <param[0], segments 8, shift 4> batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{gates must be 1 to 4, got 5}}
  hcgs_isa.mvm <act[0]> len 8 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 5 rows 8 grid 1 x 1 levels [#hcgs_isa.level<8x8 keep 1>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{'gates' failed to satisfy constraint}}
  hcgs_isa.mvm <act[0]> len 8 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 8 rows 8 grid 1 x 1 levels [#hcgs_isa.level<8x8 keep 1>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{level 1's 16x4 blocks do not divide level 0's 8x8 blocks}}
  hcgs_isa.mvm <act[0]> len 8 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 8 grid 1 x 1
      levels [#hcgs_isa.level<8x8 keep 1>, #hcgs_isa.level<16x4 keep 1>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{level 0 keeps 3 blocks per block-row, must be 1 to 2}}
  hcgs_isa.mvm <act[0]> len 8 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 8 grid 1 x 2 levels [#hcgs_isa.level<8x8 keep 3>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{level 1 keeps 3 blocks per block-row, must be 1 to 2}}
  hcgs_isa.mvm <act[0]> len 8 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 8 grid 1 x 1
      levels [#hcgs_isa.level<8x8 keep 1>, #hcgs_isa.level<4x4 keep 3>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{rows must be 1 to the matrix's 8, got 9}}
  hcgs_isa.mvm <act[0]> len 8 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 9 grid 1 x 1 levels [#hcgs_isa.level<8x8 keep 1>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{len 17 is longer than the matrix's 16 columns}}
  hcgs_isa.mvm <act[0]> len 17 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 8 grid 1 x 2 levels [#hcgs_isa.level<8x8 keep 1>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{the grid needs at least one block-row and one block column}}
  hcgs_isa.mvm <act[0]> len 0 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 8 grid 1 x 0 levels [#hcgs_isa.level<8x8 keep 1>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{'levels' failed to satisfy constraint}}
  hcgs_isa.mvm <act[0]> len 8 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 8 grid 1 x 1 levels [] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{'levels' failed to satisfy constraint}}
  hcgs_isa.mvm <act[0]> len 8 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 8 grid 1 x 1
      levels [#hcgs_isa.level<8x8 keep 1>, #hcgs_isa.level<8x8 keep 1>, #hcgs_isa.level<8x8 keep 1>,
              #hcgs_isa.level<8x8 keep 1>, #hcgs_isa.level<8x8 keep 1>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  hcgs_isa.loop {
    // expected-error @+1 {{loops cannot be nested}}
    hcgs_isa.loop {
    }
  }
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{cannot be in a program}}
  hcgs_isa.program @q attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  }
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  hcgs_isa.loop {
    // expected-error @+1 {{cannot be in a loop}}
    hcgs_isa.program @q attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
    }
  }
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{batch_count must be at least 1}}
  hcgs_isa.fill <act[0]> count 16 value 0 batch(0, 0)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{count must be at least 1}}
  hcgs_isa.move <act[0]> -> <act[8]> count 0 shift 0 batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{hidden must be at least 1}}
  hcgs_isa.lstm_cell <acc[0]> -> c <act[16]> h <act[0]> hidden 0
      luts <param[0], segments 8, shift 4>, <param[0], segments 8, shift 4>, <param[0], segments 8, shift 4>
      align 0, 0 shifts 0, 0 batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{setlen seq takes no address}}
  hcgs_isa.setlen seq[4] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{x.base = 16777216 does not fit in 24 bits}}
  hcgs_isa.mvm <act[16777216]> len 8 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 8 grid 1 x 1 levels [#hcgs_isa.level<8x8 keep 1>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{lut_f.clip = 281474976710656 does not fit in 48 bits}}
  hcgs_isa.lstm_cell <acc[0]> -> c <act[16]> h <act[0]> hidden 16
      luts <param[0], segments 8, shift 4, clip 281474976710656>, <param[0], segments 8, shift 4>,
           <param[0], segments 8, shift 4>
      align 0, 0 shifts 0, 0 batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{'input_forget' failed to satisfy constraint}}
  hcgs_isa.lstm_cell <acc[0]> -> c <act[16]> h <act[0]> hidden 16
      luts <param[0], segments 8, shift 4>, <param[0], segments 8, shift 4>, <param[0], segments 8, shift 4>
      input_forget 131072 align 0, 0 shifts 0, 0 batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{'c_shift' failed to satisfy constraint}}
  hcgs_isa.lstm_cell <acc[0]> -> c <act[16]> h <act[0]> hidden 16
      luts <param[0], segments 8, shift 4>, <param[0], segments 8, shift 4>, <param[0], segments 8, shift 4>
      align 0, 0 shifts -129, 0 batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{'value' failed to satisfy constraint}}
  hcgs_isa.fill <act[0]> count 16 value 32768 batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{'batch_start' failed to satisfy constraint}}
  hcgs_isa.fill <act[0]> count 16 value 0 batch(4096, 1)
}

// -----

// expected-error @+1 {{a table has a power of two segments, at least 2; got 3}}
"test.attr"() {lut = #hcgs_isa.lut<param[0], segments 3, shift 4>} : () -> ()

// -----

// expected-error @+1 {{a table has a power of two segments, at least 2; got 1}}
"test.attr"() {lut = #hcgs_isa.lut<param[0], segments 1, shift 4>} : () -> ()

// -----

// expected-error @+1 {{a table covers at most 2^62 inputs}}
"test.attr"() {lut = #hcgs_isa.lut<param[0], segments 256, shift 60>} : () -> ()

// -----

// expected-error @+1 {{block edges are powers of two from 1 to 128, got 3}}
"test.attr"() {level = #hcgs_isa.level<3x4 keep 1>} : () -> ()

// -----

// expected-error @+1 {{block edges are powers of two from 1 to 128, got 256}}
"test.attr"() {level = #hcgs_isa.level<256x4 keep 1>} : () -> ()

// -----

// expected-error @+1 {{a level keeps at least one block per block-row}}
"test.attr"() {level = #hcgs_isa.level<4x4 keep 0>} : () -> ()

// -----

// expected-error @+1 {{a vector without chunks has no chunk step}}
"test.attr"() {v = #hcgs_isa.vec<act[0], chunk 0 step 4>} : () -> ()

// -----

// expected-error @+1 {{time addressing given twice}}
"test.attr"() {v = #hcgs_isa.vec<act[0], fwd 4, rev 4>} : () -> ()

// -----

// expected-error @+1 {{expected io, act or acc, got 'wmem'}}
"test.attr"() {v = #hcgs_isa.vec<wmem[0]>} : () -> ()

// -----

// expected-error @+1 {{expected batch, fwd, rev or chunk, got 'stride'}}
"test.attr"() {v = #hcgs_isa.vec<act[0], stride 4>} : () -> ()

// -----

// expected-error @+1 {{tensor 'x' needs one format for the whole tensor}}
"test.attr"() {t = #hcgs_isa.tensor<"x", [2], io 0, #hcgs.fixed<i13, [1, 2]>>} : () -> ()

// -----

// expected-error @+1 {{tensor 'x' has dimension 0; dimensions are positive or ?}}
"test.attr"() {t = #hcgs_isa.tensor<"x", [0, 4], io 0, #hcgs.fixed<i13, 8>>} : () -> ()

// -----

// expected-error @+1 {{a tensor needs a name}}
"test.attr"() {t = #hcgs_isa.tensor<"", [4], io 0, lengths>} : () -> ()

// -----

// expected-error @+1 {{unknown memory 'rom'}}
"test.attr"() {s = #hcgs_isa.symbol<"w", rom[0], 4>} : () -> ()

// -----

// expected-error @+1 {{tensor name 'x' is used twice}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64,
    inputs = [#hcgs_isa.tensor<"x", [4], io 0, #hcgs.fixed<i13, 8>>],
    outputs = [#hcgs_isa.tensor<"x", [4], io 4, #hcgs.fixed<i13, 8>>]} {
}

// -----

// expected-error @+1 {{tensor 'x' has more than one sequence dimension}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64,
    inputs = [#hcgs_isa.tensor<"x", [?, ?], io 0, #hcgs.fixed<i13, 8>>], outputs = []} {
}

// -----

// expected-error @+1 {{lengths tensor 'lens' must have one static dimension}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64,
    inputs = [#hcgs_isa.tensor<"lens", [2, 2], io 0, lengths>], outputs = []} {
}

// -----

// expected-error @+1 {{'weights' failed to satisfy constraint: memory image}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64,
    inputs = [], outputs = [], weights = dense<0> : tensor<4xi16>} {
}

// -----

// expected-error @+1 {{'max_seq_len' failed to satisfy constraint}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 0 : i64,
    inputs = [], outputs = []} {
}
