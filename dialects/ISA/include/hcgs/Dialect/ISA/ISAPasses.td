//===- ISAPasses.td - passes over hcgs_isa programs -------------*- tablegen -*-===//

#ifndef HCGS_ISA_PASSES_TD
#define HCGS_ISA_PASSES_TD

include "mlir/Pass/PassBase.td"

def ISAEncodingRoundTrip : Pass<"hcgs-isa-encoding-roundtrip", "mlir::ModuleOp"> {
  let summary = "encodes every program's instructions and decodes them back";
  let description = [{
    Replaces the instructions of every `hcgs_isa.program` by what their
    binary encoding (docs/ISA.md section 8) decodes to, so a test can check
    that encoding loses nothing. With `print-words`, each instruction first
    gets a remark with its words in hex.
  }];
  let options = [
    Option<"printWords", "print-words", "bool", "false",
           "emit each instruction's encoding as a remark">
  ];
}

#endif // HCGS_ISA_PASSES_TD
