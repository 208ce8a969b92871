// At most 4 steps (errors.test gives it 5).
hcgs_isa.program @short attributes {
  target = {preset = "jssc2020"}, max_seq_len = 4 : i64,
  inputs = [#hcgs_isa.tensor<"b", [?, 2, 8], io 0, #hcgs.fixed<i13, 4>>],
  outputs = []
} {
}
