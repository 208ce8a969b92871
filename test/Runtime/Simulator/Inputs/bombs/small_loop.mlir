// A loop of one fill, 4 iterations, then a move: 4 * 1 + 4 * (4 + 1) +
// (4 + 1) = 29 cycles by the cost model (docs/ISA.md 9). Used by
// ../../bombs.test.
hcgs_isa.program @small_loop attributes {
  target = {preset = "jssc2020"},
  max_seq_len = 4 : i64, inputs = [],
  outputs = [#hcgs_isa.tensor<"y", [2], io 0, #hcgs.fixed<i13, 0>>]
} {
  hcgs_isa.loop {
    hcgs_isa.fill <act[0]> count 2 value 3 batch(0, 1)
  }
  hcgs_isa.move <act[0]> -> <io[0]> count 2 shift 0 batch(0, 1)
}
