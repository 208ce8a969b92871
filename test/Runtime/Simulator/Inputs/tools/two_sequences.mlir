// Two sequence inputs (errors.test): their lengths must agree and lie in 1
// to max_seq_len.
hcgs_isa.program @two_sequences attributes {
  target = {preset = "jssc2020"}, max_seq_len = 4 : i64,
  inputs = [#hcgs_isa.tensor<"a", [?, 1, 20], io 0, #hcgs.fixed<i13, 4>>,
            #hcgs_isa.tensor<"b", [?, 2, 8], io 100, #hcgs.fixed<i13, 4>>],
  outputs = []
} {
}
