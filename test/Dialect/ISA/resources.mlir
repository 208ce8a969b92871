// Memory images as dense_resource blobs: the verifier reads the index from
// the blob, and the blobs survive printing and the encoding round trip.
// RUN: hcgs-opt %s -split-input-file -verify-diagnostics | FileCheck %s
// RUN: hcgs-opt %s -split-input-file --hcgs-isa-encoding-roundtrip -verify-diagnostics | FileCheck %s

// CHECK: hcgs_isa.program @good
// CHECK-SAME: index = dense_resource<good_index> : tensor<4xi8>
// CHECK: good_index: "0x010000000188C6FA"
hcgs_isa.program @good attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64,
    inputs = [], outputs = [], index = dense_resource<good_index> : tensor<4xi8>} {
  hcgs_isa.mvm <act[0]> len 64 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 16 grid 1 x 2
      levels [#hcgs_isa.level<16x32 keep 1>, #hcgs_isa.level<4x4 keep 2>] batch(0, 1)
}

{-#
  dialect_resources: {
    builtin: {
      // Level 0 keeps column 1; level 1 rows keep [0, 1], [2, 3], [4, 5], [6, 7].
      good_index: "0x010000000188C6FA"
    }
  }
#-}

// -----

hcgs_isa.program @bad attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64,
    inputs = [], outputs = [], index = dense_resource<bad_index> : tensor<4xi8>} {
  // expected-error @+1 {{index level 1, block-row 3: columns 7 then 6 are not increasing}}
  hcgs_isa.mvm <act[0]> len 64 -> <acc[0]> weights [0] index [0] shifts [0]
      gates 1 rows 16 grid 1 x 2
      levels [#hcgs_isa.level<16x32 keep 1>, #hcgs_isa.level<4x4 keep 2>] batch(0, 1)
}

{-#
  dialect_resources: {
    builtin: {
      // As above, but the last row keeps [7, 6].
      bad_index: "0x010000000188C6DE"
    }
  }
#-}
