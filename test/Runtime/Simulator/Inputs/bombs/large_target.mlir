// 2.8e14 writes from a 600-byte program: its target raises max_seq_len and
// AMEM to their ranges' ends, and one fill in a loop writes 65535 words per
// iteration. Used by ../../bombs.test.
hcgs_isa.program @large_target attributes {
  target = {preset = "jssc2020", max_seq_len = 16777215 : i64, act_mem_words = 16777216 : i64},
  max_seq_len = 16777215 : i64, inputs = [], outputs = []
} {
  hcgs_isa.loop {
    hcgs_isa.fill <act[0]> count 65535 value 1 batch(0, 1)
  }
}
