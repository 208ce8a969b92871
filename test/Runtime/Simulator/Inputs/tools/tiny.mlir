// A program small enough to count its cost by hand (tools.test).
hcgs_isa.program @tiny attributes {
  target = {preset = "jssc2020"}, max_seq_len = 3 : i64,
  inputs = [#hcgs_isa.tensor<"x", [?, 4], io 0, #hcgs.fixed<i13, 4>>],
  outputs = [#hcgs_isa.tensor<"y", [?, 4], io 12, #hcgs.fixed<i13, 3>>]
} {
  hcgs_isa.fill <act[0]> count 4 value 3 batch(0, 1)
  hcgs_isa.loop {
    hcgs_isa.move <io[0], fwd 4> -> <io[12], fwd 4> count 4 shift -1 batch(0, 1)
  }
}
