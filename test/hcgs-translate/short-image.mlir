// A dense_resource memory image must hold as many bytes as its type says:
// the program file would otherwise carry an image shorter than the program
// addresses. The verifier refuses it, so --export-program gives one line.
// RUN: sh -c 'hcgs-translate --export-program %s -o %t 2>&1; echo "exit=$?"' | FileCheck %s
// CHECK: {{^}}hcgs-translate: error: {{.*}}'hcgs_isa.program' op the weight image's resource blob holds 3 bytes, but its type needs 4{{$}}
// CHECK-NEXT: exit=1
// RUN: not test -e %t
hcgs_isa.program @short attributes {target = {preset = "jssc2020"}, max_seq_len = 4 : i64,
    inputs = [], outputs = [], weights = dense_resource<short_weights> : tensor<4xi8>} {
}

{-#
  dialect_resources: {
    builtin: {
      // The alignment (1), then three bytes where the type needs four.
      short_weights: "0x01000000010203"
    }
  }
#-}
