// What a program is checked for against the target it carries
// (hcgs::isa::verifyProgram, docs/ISA.md section 12).
// RUN: hcgs-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{target: missing parameter 'name'}}
hcgs_isa.program @p attributes {target = {mac_lanes = 64 : i64}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
}

// -----

// expected-error @+1 {{target: unknown target 'jssc2021' (known: jssc2020, hcgs-wide, hcgs-w16)}}
hcgs_isa.program @p attributes {target = {preset = "jssc2021"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
}

// -----

// expected-error @+1 {{target: target parameter 'mac_lanes' must be a power of two, got 48}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020", mac_lanes = 48 : i64}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
}

// -----

// expected-error @+1 {{target: unknown target parameter 'lanes' (did you mean 'mac_lanes'?)}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020", lanes = 48 : i64}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
}

// -----

// expected-error @+1 {{target: parameter 'mac_lanes' must be an integer, float, string or array}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020", mac_lanes = unit}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
}

// -----

// expected-error @+1 {{max_seq_len 70000 is outside 1 to the target's max_seq_len 65535}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 70000 : i64, inputs = [], outputs = []} {
}

// -----

// expected-error @+1 {{the weight image (8 bytes) is larger than the target's weight_mem_bytes 4}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020", weight_mem_bytes = 4 : i64}, max_seq_len = 4 : i64,
    inputs = [], outputs = [], weights = dense<0> : tensor<8xi8>} {
}

// -----

// expected-error @+1 {{the index image (8 bytes) is larger than the target's index_mem_bytes 4}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020", index_mem_bytes = 4 : i64}, max_seq_len = 4 : i64,
    inputs = [], outputs = [], index = dense<0> : tensor<8xi8>} {
}

// -----

// expected-error @+1 {{the param image (8 bytes) is larger than the target's param_mem_bytes 4}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020", param_mem_bytes = 4 : i64}, max_seq_len = 4 : i64,
    inputs = [], outputs = [], params = dense<0> : tensor<8xi8>} {
}

// -----

// expected-error @+1 {{the instruction stream (3 words) is longer than the target's instr_mem_words 2}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020", instr_mem_words = 2 : i64}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  hcgs_isa.setlen seq[0] batch(0, 1)
  hcgs_isa.loop {
  }
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{batch entries 60 to 67 exceed the target's max_batch 64}}
  hcgs_isa.fill <act[0], batch 8> count 8 value 0 batch(60, 8)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{dst reaches act word 8197, past the target's act_mem_words 8192}}
  hcgs_isa.fill <act[8190]> count 8 value 0 batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // Overlapping chunks: the last element is at 8185 + 2 + 0, but the first
  // chunk's last element, 8185 + 7, reaches further.
  // expected-error @+1 {{dst reaches act word 8192, past the target's act_mem_words 8192}}
  hcgs_isa.fill <act[8185], chunk 8 step 2> count 9 value 0 batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020", io_mem_words = 1000 : i64}, max_seq_len = 10 : i64, inputs = [], outputs = []} {
  hcgs_isa.loop {
    // Step 9 of 10 writes words 900 to 999 of batch entry 0, 1000 to 1099 of entry 1.
    // expected-error @+1 {{dst reaches io word 1099, past the target's io_mem_words 1000}}
    hcgs_isa.move <act[0]> -> <io[0], batch 100, fwd 100> count 100 shift 0 batch(0, 2)
  }
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{acc reaches acc word 4099, past the target's acc_words 4096}}
  hcgs_isa.mvm <act[0]> len 8 -> <acc[4092]> weights [0] index [0] shifts [0]
      gates 1 rows 8 grid 1 x 1 levels [#hcgs_isa.level<8x8 keep 1>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{3 HCGS levels, the target's hcgs_max_levels is 2}}
  hcgs_isa.mvm <act[0]> len 32 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 32 grid 1 x 1
      levels [#hcgs_isa.level<32x32 keep 1>, #hcgs_isa.level<16x16 keep 2>, #hcgs_isa.level<8x8 keep 2>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{level 1 uses 2x2 blocks; the target's hcgs_block_sizes has no 2}}
  hcgs_isa.mvm <act[0]> len 8 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 8 grid 1 x 1
      levels [#hcgs_isa.level<8x8 keep 1>, #hcgs_isa.level<2x2 keep 4>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // 4 gates * 64x64 weights * 6 bits = 12288 bytes.
  // expected-error @+1 {{weights: bytes 252000 to 264287 are past the target's weight_mem_bytes 262144}}
  hcgs_isa.mvm <act[0]> len 64 -> <acc[0]> weights [252000] index [0] shifts [0]
      gates 4 rows 64 grid 1 x 1 levels [#hcgs_isa.level<64x64 keep 1>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // 16 block-rows * 4 kept * 4 bits = 32 bytes of index.
  // expected-error @+1 {{index: bytes 8180 to 8211 are past the target's index_mem_bytes 8192}}
  hcgs_isa.mvm <act[0]> len 64 -> <acc[0]> weights [0] index [8180] shifts [0]
      gates 1 rows 64 grid 16 x 16 levels [#hcgs_isa.level<4x4 keep 4>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // 4 gates * 64 rows * 6 bits = 192 bytes of shifts.
  // expected-error @+1 {{shifts: bytes 24500 to 24691 are past the target's param_mem_bytes 24576}}
  hcgs_isa.mvm <act[0]> len 64 -> <acc[0]> weights [0] index [0] shifts [24500]
      gates 4 rows 64 grid 1 x 1 levels [#hcgs_isa.level<64x64 keep 1>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // 4 gates * 64 rows * 16 bits = 512 bytes of bias.
  // expected-error @+1 {{bias: bytes 24500 to 25011 are past the target's param_mem_bytes 24576}}
  hcgs_isa.mvm <act[0]> len 64 -> <acc[0]> weights [0] index [0] shifts [0] bias <param[24500]>
      gates 4 rows 64 grid 1 x 1 levels [#hcgs_isa.level<64x64 keep 1>] batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{lut has 512 segments, the target's lut_max_segments is 256}}
  hcgs_isa.act <acc[0]> -> <act[0]> count 4 lut <param[0], segments 512, shift 4> batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{lut shift 47 plus the target's lut_entry_bits 16 exceeds 62}}
  hcgs_isa.act <acc[0]> -> <act[0]> count 4 lut <param[0], segments 256, shift 47> batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // 2 * 256 entries * 16 bits = 1024 bytes.
  // expected-error @+1 {{lut_g: bytes 24000 to 25023 are past the target's param_mem_bytes 24576}}
  hcgs_isa.lstm_cell <acc[0]> -> c <act[16]> h <act[0]> hidden 16
      luts <param[0], segments 256, shift 4>, <param[24000], segments 256, shift 4>, <param[0], segments 256, shift 4>
      align 0, 0 shifts 0, 0 batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // 3 * 64 peepholes * 13 bits = 312 bytes.
  // expected-error @+1 {{peepholes: bytes 24300 to 24611 are past the target's param_mem_bytes 24576}}
  hcgs_isa.lstm_cell <acc[0]> -> c <act[64]> h <act[0]> hidden 64
      luts <param[0], segments 256, shift 4>, <param[0], segments 256, shift 4>, <param[0], segments 256, shift 4>
      peepholes <param[24300]> align 0, 0 shifts 0, 0 batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{input_forget 8193 is above 2^act_bits (8192)}}
  hcgs_isa.lstm_cell <acc[0]> -> c <act[16]> h <act[0]> hidden 16
      luts <param[0], segments 256, shift 4>, <param[0], segments 256, shift 4>, <param[0], segments 256, shift 4>
      input_forget 8193 align 0, 0 shifts 0, 0 batch(0, 1)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{address: words 16777214 to 16777217 are past the target's io_mem_words 16777216}}
  hcgs_isa.setlen io[16777214] batch(0, 4)
}

// -----

hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = []} {
  // expected-error @+1 {{address: bytes 24570 to 24577 are past the target's param_mem_bytes 24576}}
  hcgs_isa.setlen param[24570] batch(0, 4)
}

// -----

// Level 0 chooses from 2 block columns with 1 bit: byte 0 = 0b10 is column 0
// then... one block-row keeps 2: columns 0 and 1 are 0b10. Here 0b01 gives 1 then 0.
hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = [],
    index = dense<[1]> : tensor<1xi8>} {
  // expected-error @+1 {{index level 0, block-row 0: columns 1 then 0 are not increasing}}
  hcgs_isa.mvm <act[0]> len 16 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 8 grid 1 x 2 levels [#hcgs_isa.level<8x8 keep 2>] batch(0, 1)
}

// -----

// Three block columns take 2 bits; the field 3 names a fourth.
hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64, inputs = [], outputs = [],
    index = dense<[3]> : tensor<1xi8>} {
  // expected-error @+1 {{index level 0, block-row 0: column 3 is not below 3}}
  hcgs_isa.mvm <act[0]> len 24 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 8 grid 1 x 3 levels [#hcgs_isa.level<8x8 keep 1>] batch(0, 1)
}

// -----

// expected-error @+1 {{tensor 'x' has 8-bit codes, the target's act_bits is 13}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64,
    inputs = [#hcgs_isa.tensor<"x", [4], io 0, #hcgs.fixed<i8, 4>>], outputs = []} {
}

// -----

// expected-error @+1 {{tensor 'x' has an unsigned format; activations are signed}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64,
    inputs = [#hcgs_isa.tensor<"x", [4], io 0, #hcgs.fixed<ui13, 4>>], outputs = []} {
}

// -----

// The sequence dimension counts at max_seq_len: 100 * 2 * 10 = 2000 words.
// expected-error @+1 {{tensor 'x' at io word 0 does not fit in the target's io_mem_words 1000}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020", io_mem_words = 1000 : i64}, max_seq_len = 100 : i64,
    inputs = [#hcgs_isa.tensor<"x", [?, 2, 10], io 0, #hcgs.fixed<i13, 4>>], outputs = []} {
}

// -----

// expected-error @+1 {{tensors 'x' and 'lens' overlap in io memory}}
hcgs_isa.program @p attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64,
    inputs = [#hcgs_isa.tensor<"x", [?, 2, 10], io 0, #hcgs.fixed<i13, 4>>,
              #hcgs_isa.tensor<"lens", [2], io 79, lengths>], outputs = []} {
}
