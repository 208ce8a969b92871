//===- ISADialect.td - the accelerator's instruction set --------*- tablegen -*-===//
//
// The hcgs_isa dialect is the HCGS accelerator's instruction set, one op per
// instruction, as docs/ISA.md defines it. Each instruction's ODS definition
// also carries its encoding (ISAEncoding.td): hcgs-tblgen derives the binary
// encoder and decoder, the MLIR glue and the layout table from it.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_ISA_DIALECT_TD
#define HCGS_ISA_DIALECT_TD

include "mlir/IR/OpBase.td"

def ISA_Dialect : Dialect {
  let name = "hcgs_isa";
  let cppNamespace = "::hcgs::isa";
  let summary = "the HCGS LSTM accelerator's instructions";
  let description = [{
    A program (`hcgs_isa.program`) holds the target it was built for, the
    memory images (packed weights, HCGS index, parameters), the input and
    output tensors and a region with the instruction stream. Instructions
    name memory by address; docs/ISA.md gives their integer semantics,
    cycle costs and encoding. The plan hcgs-plan writes for
    hcgs-lower-to-isa is hcgs_isa attributes too (views, schedules,
    segments; ISAAttrs.h), which the dialect verifies where they appear.
  }];
  let dependentDialects = ["::hcgs::HCGSDialect"];
  let useDefaultAttributePrinterParser = 1;
  // The plan's discardable attributes (ISAAttrs.h).
  let hasOperationAttrVerify = 1;
  let hasRegionArgAttrVerify = 1;
  let hasRegionResultAttrVerify = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
  }];
}

class ISA_Op<string mnemonic, list<Trait> traits = []>
    : Op<ISA_Dialect, mnemonic, traits>;

#endif // HCGS_ISA_DIALECT_TD
