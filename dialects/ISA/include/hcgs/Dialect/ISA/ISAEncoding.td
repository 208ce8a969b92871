//===- ISAEncoding.td - how instruction fields are encoded ------*- tablegen -*-===//
//
// The vocabulary hcgs-tblgen reads. An instruction (ISA_Inst) has an opcode
// and its arguments are its fields, in encoding order. Each field's
// attribute constraint (or, inside a compound attribute, its parameter)
// says how it is stored:
//   uint N / sint N   an N-bit unsigned / two's complement integer
//   pow2 N            a power of two, stored as its logarithm in N bits
//   enum              an ODS enum, in as many bits as its largest value needs
//   flag              UnitAttr, one bit
//   struct            a compound attribute: its parameters in order
//   array             a count, then a fixed number of element slots
// OptionalAttr<X> adds a presence bit before X; an absent field is all zero.
// docs/ISA.md section 8 describes the format.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_ISA_ENCODING_TD
#define HCGS_ISA_ENCODING_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/OpBase.td"
include "hcgs/Dialect/ISA/ISADialect.td"

class ISA_Encoded<string kind, int width> {
  string encKind = kind;
  int encBits = width;
}

// Op attributes.
class ISA_UIntAttr<int width>
    : ConfinedAttr<I64Attr, [IntNonNegative, IntMaxValue<!sub(!shl(1, width), 1)>]>,
      ISA_Encoded<"uint", width>;
class ISA_SIntAttr<int width>
    : ConfinedAttr<I64Attr, [IntMinValue<!sub(0, !shl(1, !sub(width, 1)))>,
                             IntMaxValue<!sub(!shl(1, !sub(width, 1)), 1)>]>,
      ISA_Encoded<"sint", width>;
class ISA_ArrayAttr<Attr element, int maxCount>
    : ConfinedAttr<TypedArrayAttrBase<element, "array of " # element.summary>,
                   [ArrayMinCount<1>, ArrayMaxCount<maxCount>]>,
      ISA_Encoded<"array", 0> {
  Attr encElement = element;
  int encMaxCount = maxCount;
}

// Parameters of compound attributes.
class ISA_UIntParam<int width>
    : AttrParameter<!if(!gt(width, 32), "uint64_t", "uint32_t"),
                    width # "-bit unsigned field">,
      ISA_Encoded<"uint", width>;
class ISA_SIntParam<int width>
    : AttrParameter<!if(!gt(width, 32), "int64_t", "int32_t"),
                    width # "-bit signed field">,
      ISA_Encoded<"sint", width>;
class ISA_Pow2Param<int logBits>
    : AttrParameter<"uint32_t", "power of two, stored as its logarithm">,
      ISA_Encoded<"pow2", logBits>;
class ISA_EnumParam<EnumInfo info> : EnumParameter<info>, ISA_Encoded<"enum", 0> {
  EnumInfo encEnum = info;
}

// A compound attribute encoded as its parameters.
class ISA_StructAttr<string name, string attrMnemonic>
    : AttrDef<ISA_Dialect, name>, ISA_Encoded<"struct", 0> {
  let mnemonic = attrMnemonic;
  let hasCustomAssemblyFormat = 1;
  // Decoding builds these with getChecked.
  let genVerifyDecl = 1;
}

// An instruction.
class ISA_Inst<string mnemonic, int opcode, list<Trait> traits = []>
    : ISA_Op<mnemonic, traits> {
  int encOpcode = opcode;
  // An instruction with a body region stores the number of instructions in
  // the body (which follow it in the stream) in a field of this many bits.
  int encBodyBits = 0;
  // Checks the record's field ranges and structure (lib/Runtime/MachineCode).
  let hasVerifier = 1;
}

#endif // HCGS_ISA_ENCODING_TD
