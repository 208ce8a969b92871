//===- hcgs-tblgen.cpp - encodings from the ISA's ODS definitions ---------===//
//
// Reads dialects/ISA/include/hcgs/Dialect/ISA/ISAOps.td and derives, from the same records that
// define the hcgs_isa ops, everything that turns instructions into words and
// back (TFLite's converter_gen pattern):
//
//   -gen-isa-encoding-decls  plain C++ (no MLIR): opcodes, enums, one record
//                            struct per instruction, field layouts, and the
//                            encode/decode/range-check declarations
//   -gen-isa-encoding-defs   their definitions
//   -gen-isa-mlir-glue       MLIR side: op <-> record
//   -gen-isa-fbs-enums       FlatBuffers schema enums of the ODS enums named
//                            by -fbs-enum (the program file's Memory)
//   -print-isa-layout        the layout table of docs/ISA.md section 8
//
// ISAEncoding.td describes the vocabulary: each instruction field says how it
// is stored (uint, sint, pow2, enum, flag, struct, array, optional).
//
//===----------------------------------------------------------------------===//

#include "mlir/TableGen/AttrOrTypeDef.h"
#include "mlir/TableGen/Attribute.h"
#include "mlir/TableGen/EnumInfo.h"
#include "mlir/TableGen/Operator.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/TableGen/Error.h"
#include "llvm/TableGen/Main.h"
#include "llvm/TableGen/Record.h"

#include <map>
#include <memory>
#include <set>

using namespace llvm;
namespace tblgen = mlir::tblgen;

namespace {

//===----------------------------------------------------------------------===//
// The encoding model
//===----------------------------------------------------------------------===//

struct EnumModel {
  std::string name;     // C++ enum name, e.g. MemSpace
  std::string mlirName; // the MLIR enum, e.g. ::hcgs::isa::MemSpace
  std::string mlirAttr; // the MLIR enum attribute class, if an op uses one
  struct Case {
    std::string symbol, text;
    int64_t value;
  };
  std::vector<Case> cases;
  unsigned bits = 1;
};

struct StructModel;

struct FieldModel {
  enum class Kind { UInt, SInt, Pow2, Enum, Flag, Struct, Array };
  Kind kind;
  std::string name;  // ODS name, snake_case
  unsigned bits = 0; // scalars; for arrays the count's width
  bool optional = false;
  const EnumModel *enumType = nullptr;
  const StructModel *structType = nullptr; // Struct, or an Array's element
  unsigned maxCount = 0;

  std::string memberName() const {
    return convertToCamelFromSnakeCase(name, /*capitalizeFirst=*/false);
  }
  unsigned payloadBits() const;
  unsigned totalBits() const { return payloadBits() + (optional ? 1 : 0); }
};

struct StructModel {
  std::string name;     // e.g. VecRef
  std::string mlirAttr; // e.g. ::hcgs::isa::VecRefAttr
  std::vector<FieldModel> fields;
  unsigned bits() const {
    unsigned total = 0;
    for (const FieldModel &field : fields)
      total += field.totalBits();
    return total;
  }
};

unsigned FieldModel::payloadBits() const {
  switch (kind) {
  case Kind::Flag:
    return 1;
  case Kind::Enum:
    return enumType->bits;
  case Kind::Struct:
    return structType->bits();
  case Kind::Array:
    return bits + maxCount * structType->bits();
  default:
    return bits;
  }
}

struct InstModel {
  std::string name;     // e.g. Mvm
  std::string mnemonic; // e.g. mvm
  std::string mlirOp;   // e.g. ::hcgs::isa::MvmOp
  unsigned opcode;
  const tblgen::Operator *op;
  bool hasBody = false; // the first field counts the body's instructions
  std::vector<FieldModel> fields;
  unsigned bits() const {
    unsigned total = 8; // opcode
    for (const FieldModel &field : fields)
      total += field.totalBits();
    return total;
  }
  unsigned numWords() const { return (bits() + 31) / 32; }
};

constexpr unsigned kOpcodeBits = 8;

class Model {
public:
  explicit Model(const RecordKeeper &records);
  std::vector<std::unique_ptr<EnumModel>> enums;
  std::vector<std::unique_ptr<StructModel>> structs;
  std::vector<std::unique_ptr<tblgen::Operator>> ops;
  std::vector<InstModel> insts;

private:
  const EnumModel *getEnum(const Record *enumInfo, StringRef mlirAttr);
  const StructModel *getStruct(const Record *attrDef);
  FieldModel scalarField(const Record *def, StringRef name,
                         ArrayRef<SMLoc> loc);
  std::map<const Record *, const EnumModel *> enumByRecord;
  std::map<const Record *, const StructModel *> structByRecord;
};

const EnumModel *Model::getEnum(const Record *enumInfo, StringRef mlirAttr) {
  auto it = enumByRecord.find(enumInfo);
  if (it != enumByRecord.end()) {
    if (!mlirAttr.empty())
      const_cast<EnumModel *>(it->second)->mlirAttr = mlirAttr.str();
    return it->second;
  }
  tblgen::EnumInfo info(enumInfo);
  auto model = std::make_unique<EnumModel>();
  model->name = info.getEnumClassName().str();
  model->mlirName = (info.getCppNamespace() + "::" + model->name).str();
  if (!StringRef(model->mlirName).starts_with("::"))
    model->mlirName = "::" + model->mlirName;
  model->mlirAttr = mlirAttr.str();
  int64_t maxValue = 0;
  for (const tblgen::EnumCase &c : info.getAllCases()) {
    if (c.getValue() < 0)
      PrintFatalError(enumInfo->getLoc(), "encoded enums need values >= 0");
    model->cases.push_back(
        {c.getSymbol().str(), c.getStr().str(), c.getValue()});
    maxValue = std::max(maxValue, c.getValue());
  }
  model->bits = std::max(1u, Log2_64_Ceil(static_cast<uint64_t>(maxValue) + 1));
  enumByRecord[enumInfo] = model.get();
  enums.push_back(std::move(model));
  return enums.back().get();
}

/// A uint, sint, pow2 or enum field described by `def`'s encKind.
FieldModel Model::scalarField(const Record *def, StringRef name,
                              ArrayRef<SMLoc> loc) {
  FieldModel field;
  field.name = name.str();
  StringRef kind = def->getValueAsString("encKind");
  if (kind == "enum") {
    field.kind = FieldModel::Kind::Enum;
    field.enumType = getEnum(def->getValueAsDef("encEnum"), "");
    return field;
  }
  field.bits = def->getValueAsInt("encBits");
  if (kind == "uint")
    field.kind = FieldModel::Kind::UInt;
  else if (kind == "sint")
    field.kind = FieldModel::Kind::SInt;
  else if (kind == "pow2")
    field.kind = FieldModel::Kind::Pow2;
  else
    PrintFatalError(loc, "field '" + name + "' has unsupported encKind '" +
                             kind + "'");
  if (field.bits < 1 || field.bits > 64)
    PrintFatalError(loc, "field '" + name + "' must be 1 to 64 bits wide");
  return field;
}

const StructModel *Model::getStruct(const Record *attrDef) {
  auto it = structByRecord.find(attrDef);
  if (it != structByRecord.end())
    return it->second;
  tblgen::AttrDef def(attrDef);
  auto model = std::make_unique<StructModel>();
  StringRef name = def.getCppClassName();
  name.consume_back("Attr");
  model->name = name.str();
  model->mlirAttr =
      (def.getDialect().getCppNamespace() + "::" + def.getCppClassName()).str();
  for (const tblgen::AttrOrTypeParameter &param : def.getParameters()) {
    const auto *paramDef = dyn_cast<DefInit>(param.getDef());
    if (!paramDef || !paramDef->getDef()->getValue("encKind"))
      PrintFatalError(attrDef->getLoc(), "parameter '" + param.getName() +
                                             "' of " + model->name +
                                             " has no encoding");
    model->fields.push_back(
        scalarField(paramDef->getDef(), param.getName(), attrDef->getLoc()));
  }
  structByRecord[attrDef] = model.get();
  structs.push_back(std::move(model));
  return structs.back().get();
}

Model::Model(const RecordKeeper &records) {
  std::vector<const Record *> defs =
      records.getAllDerivedDefinitions("ISA_Inst");
  llvm::sort(defs, [](const Record *a, const Record *b) {
    return a->getValueAsInt("encOpcode") < b->getValueAsInt("encOpcode");
  });
  std::set<int64_t> seen;
  for (const Record *def : defs) {
    auto &op = ops.emplace_back(std::make_unique<tblgen::Operator>(def));
    InstModel inst;
    inst.op = op.get();
    inst.opcode = def->getValueAsInt("encOpcode");
    if (inst.opcode < 1 || inst.opcode >= (1u << kOpcodeBits) ||
        !seen.insert(inst.opcode).second)
      PrintFatalError(def->getLoc(), "opcodes must be unique, 1 to 255");
    StringRef cppClass = op->getCppClassName();
    if (!cppClass.consume_back("Op"))
      PrintFatalError(def->getLoc(), "instruction class names end in Op");
    inst.name = cppClass.str();
    inst.mnemonic = def->getValueAsString("opName").str();
    inst.mlirOp = (op->getCppNamespace() + "::" + op->getCppClassName()).str();
    if (int64_t bodyBits = def->getValueAsInt("encBodyBits")) {
      if (op->getNumRegions() != 1)
        PrintFatalError(def->getLoc(), "encBodyBits needs exactly one region");
      FieldModel body;
      body.kind = FieldModel::Kind::UInt;
      body.name = op->getRegion(0).name.str();
      body.bits = bodyBits;
      inst.fields.push_back(body);
      inst.hasBody = true;
    } else if (op->getNumRegions()) {
      PrintFatalError(def->getLoc(), "a region needs encBodyBits");
    }
    for (int i = 0, e = op->getNumArgs(); i < e; ++i) {
      auto *named = dyn_cast<tblgen::NamedAttribute *>(op->getArg(i));
      if (!named)
        PrintFatalError(def->getLoc(),
                        "instruction arguments must be attributes");
      tblgen::Attribute attr = named->attr;
      // Look through OptionalAttr / DefaultValuedAttr (not through
      // ConfinedAttr, whose subclasses carry the encoding).
      const Record *unwrapped = &attr.getDef();
      while (unwrapped->isSubClassOf("OptionalAttr") ||
             unwrapped->isSubClassOf("DefaultValuedAttr"))
        unwrapped = unwrapped->getValueAsDef("baseAttr");
      const Record &baseDef = *unwrapped;
      FieldModel field;
      if (baseDef.getName() == "UnitAttr") {
        field.kind = FieldModel::Kind::Flag;
        field.name = named->name.str();
      } else if (baseDef.isSubClassOf("EnumAttrInfo")) {
        // An I32EnumAttr with its specialized attribute class.
        tblgen::EnumInfo info(&baseDef);
        if (!info.genSpecializedAttr())
          PrintFatalError(def->getLoc(), "enum argument '" + named->name +
                                             "' needs genSpecializedAttr");
        field.kind = FieldModel::Kind::Enum;
        field.name = named->name.str();
        std::string attrClass =
            (info.getCppNamespace() + "::" + info.getSpecializedAttrClassName())
                .str();
        if (!StringRef(attrClass).starts_with("::"))
          attrClass = "::" + attrClass;
        field.enumType = getEnum(&baseDef, attrClass);
      } else if (!baseDef.getValue("encKind")) {
        PrintFatalError(def->getLoc(),
                        "argument '" + named->name + "' has no encoding");
      } else if (baseDef.getValueAsString("encKind") == "struct") {
        field.kind = FieldModel::Kind::Struct;
        field.name = named->name.str();
        field.structType = getStruct(&baseDef);
      } else if (baseDef.getValueAsString("encKind") == "array") {
        field.kind = FieldModel::Kind::Array;
        field.name = named->name.str();
        field.maxCount = baseDef.getValueAsInt("encMaxCount");
        field.bits = Log2_64_Ceil(field.maxCount + 1);
        const Record *element = baseDef.getValueAsDef("encElement");
        if (!element->getValue("encKind") ||
            element->getValueAsString("encKind") != "struct")
          PrintFatalError(def->getLoc(), "array elements must be structs");
        field.structType = getStruct(element);
      } else {
        field = scalarField(&baseDef, named->name, def->getLoc());
      }
      field.optional =
          attr.isOptional() && field.kind != FieldModel::Kind::Flag;
      inst.fields.push_back(std::move(field));
    }
    insts.push_back(std::move(inst));
  }
  // Enums in name order, structs in dependency order already.
  llvm::sort(enums,
             [](const auto &a, const auto &b) { return a->name < b->name; });
}

//===----------------------------------------------------------------------===//
// Shared helpers for the emitters
//===----------------------------------------------------------------------===//

std::string cppType(const FieldModel &field, bool withOptional = true) {
  std::string type;
  switch (field.kind) {
  case FieldModel::Kind::UInt:
    type = field.bits > 32 ? "uint64_t" : "uint32_t";
    break;
  case FieldModel::Kind::SInt:
    type = field.bits > 32 ? "int64_t" : "int32_t";
    break;
  case FieldModel::Kind::Pow2:
    type = "uint32_t";
    break;
  case FieldModel::Kind::Enum:
    type = field.enumType->name;
    break;
  case FieldModel::Kind::Flag:
    type = "bool";
    break;
  case FieldModel::Kind::Struct:
    type = field.structType->name;
    break;
  case FieldModel::Kind::Array:
    type = "std::vector<" + field.structType->name + ">";
    break;
  }
  if (withOptional && field.optional)
    return "std::optional<" + type + ">";
  return type;
}

std::string defaultInit(const FieldModel &field) {
  if (field.optional)
    return "";
  switch (field.kind) {
  case FieldModel::Kind::UInt:
  case FieldModel::Kind::SInt:
    return " = 0";
  case FieldModel::Kind::Pow2:
    return " = 1";
  case FieldModel::Kind::Flag:
    return " = false";
  case FieldModel::Kind::Enum:
    return " = " + field.enumType->name +
           "::" + field.enumType->cases.front().symbol;
  default:
    return "";
  }
}

StringRef kindName(FieldModel::Kind kind) {
  switch (kind) {
  case FieldModel::Kind::UInt:
    return "uint";
  case FieldModel::Kind::SInt:
    return "sint";
  case FieldModel::Kind::Pow2:
    return "pow2";
  case FieldModel::Kind::Enum:
    return "enum";
  case FieldModel::Kind::Flag:
    return "flag";
  case FieldModel::Kind::Struct:
    return "struct";
  case FieldModel::Kind::Array:
    return "array";
  }
  llvm_unreachable("unknown kind");
}

/// One row of a flattened layout: a named bit range.
struct LayoutRow {
  std::string name, kind;
  unsigned offset, bits;
  const EnumModel *enumType = nullptr;
};

void flattenField(const FieldModel &field, const std::string &prefix,
                  unsigned &offset, std::vector<LayoutRow> &rows);

void flattenStruct(const StructModel &type, const std::string &prefix,
                   unsigned &offset, std::vector<LayoutRow> &rows) {
  for (const FieldModel &field : type.fields)
    flattenField(field, prefix, offset, rows);
}

void flattenField(const FieldModel &field, const std::string &prefix,
                  unsigned &offset, std::vector<LayoutRow> &rows) {
  std::string name = prefix + field.name;
  if (field.optional) {
    rows.push_back({name + ".present", "flag", offset, 1, nullptr});
    offset += 1;
  }
  switch (field.kind) {
  case FieldModel::Kind::Struct:
    flattenStruct(*field.structType, name + ".", offset, rows);
    return;
  case FieldModel::Kind::Array:
    rows.push_back({name + ".count", "uint", offset, field.bits, nullptr});
    offset += field.bits;
    for (unsigned i = 0; i < field.maxCount; ++i)
      flattenStruct(*field.structType, name + "[" + std::to_string(i) + "].",
                    offset, rows);
    return;
  default:
    std::string kind = kindName(field.kind).str();
    if (field.kind == FieldModel::Kind::Enum) {
      kind += " (";
      for (const auto &[index, c] : llvm::enumerate(field.enumType->cases))
        kind += (index ? ", " : "") + c.text + " " + std::to_string(c.value);
      kind += ")";
    }
    rows.push_back({name, kind, offset, field.payloadBits(),
                    field.kind == FieldModel::Kind::Enum ? field.enumType
                                                         : nullptr});
    offset += field.payloadBits();
  }
}

std::vector<LayoutRow> layoutOf(const InstModel &inst) {
  std::vector<LayoutRow> rows{{"opcode", "uint", 0, kOpcodeBits, nullptr}};
  unsigned offset = kOpcodeBits;
  for (const FieldModel &field : inst.fields)
    flattenField(field, "", offset, rows);
  return rows;
}

//===----------------------------------------------------------------------===//
// -gen-isa-encoding-decls
//===----------------------------------------------------------------------===//

void emitFileHeader(raw_ostream &os, StringRef what) {
  os << "// " << what << "\n// Generated by hcgs-tblgen from "
     << "dialects/ISA/include/hcgs/Dialect/ISA/ISAOps.td: do not edit.\n\n";
}

void emitDecls(const Model &model, raw_ostream &os) {
  emitFileHeader(os, "Instruction records and their binary encoding.");
  os << "namespace hcgs::mc::enc {\n\n";

  os << "/// Instruction opcodes (bits 0-7 of an instruction's first word).\n"
        "enum class Opcode : uint8_t {\n";
  for (const InstModel &inst : model.insts)
    os << "  " << inst.name << " = " << inst.opcode << ",\n";
  os << "};\n\n";

  for (const auto &type : model.enums) {
    os << "enum class " << type->name << " : uint8_t {\n";
    for (const EnumModel::Case &c : type->cases)
      os << "  " << c.symbol << " = " << c.value << ", // " << c.text << "\n";
    os << "};\n";
    os << "/// The spelling of a value in the IR and in docs/ISA.md.\n"
       << "const char *stringify(" << type->name << " value);\n\n";
  }

  auto emitMembers = [&](ArrayRef<FieldModel> fields) {
    for (const FieldModel &field : fields)
      os << "  " << cppType(field) << " " << field.memberName()
         << defaultInit(field) << ";\n";
  };
  auto emitEquality = [&](StringRef name, ArrayRef<FieldModel> fields) {
    os << "  bool operator==(const " << name << " &other) const {\n"
       << "    return ";
    llvm::interleave(
        fields, os,
        [&](const FieldModel &field) {
          os << field.memberName() << " == other." << field.memberName();
        },
        " &&\n           ");
    if (fields.empty())
      os << "true";
    os << ";\n  }\n"
       << "  bool operator!=(const " << name
       << " &other) const { return !(*this == other); }\n";
  };

  for (const auto &type : model.structs) {
    os << "/// Operand " << type->name << " (" << type->bits() << " bits).\n"
       << "struct " << type->name << " {\n";
    emitMembers(type->fields);
    emitEquality(type->name, type->fields);
    os << "};\n\n";
  }

  for (const InstModel &inst : model.insts) {
    os << "/// hcgs_isa." << inst.mnemonic << " (opcode " << inst.opcode << ", "
       << inst.numWords() << " words).\n"
       << "struct " << inst.name << "Inst {\n"
       << "  static constexpr Opcode kOpcode = Opcode::" << inst.name << ";\n"
       << "  static constexpr unsigned kNumWords = " << inst.numWords()
       << ";\n";
    if (inst.hasBody)
      os << "  /// The number of instructions in the body, which follow this "
            "one.\n";
    emitMembers(inst.fields);
    emitEquality(inst.name + "Inst", inst.fields);
    os << "};\n\n";
  }

  os << "/// One instruction.\nusing Instruction = std::variant<";
  llvm::interleaveComma(model.insts, os, [&](const InstModel &inst) {
    os << inst.name << "Inst";
  });
  os << ">;\n\n";
  os << "/// The highest opcode.\nconstexpr unsigned kMaxOpcode = "
     << model.insts.back().opcode << ";\n\n";

  os << R"(/// Whether `opcode` is an instruction's.
bool isValidOpcode(uint32_t opcode);
/// An instruction's opcode, mnemonic ("mvm") and length in words.
Opcode getOpcode(const Instruction &instruction);
const char *getMnemonic(Opcode opcode);
unsigned getNumWords(Opcode opcode);

/// One field of an instruction's encoding, flattened: compound fields are
/// named "x.base", array slots "levels[1].rows", presence bits "bias.present"
/// and array counts "levels.count".
struct FieldLayout {
  const char *name;
  const char *kind; // uint, sint, pow2, enum, flag
  unsigned offset;  // bit offset in the instruction
  unsigned bits;
  /// Enums: the spelling of a raw value, or nullptr if it names no case.
  const char *(*enumName)(uint64_t raw);
};
/// The fields of `opcode`, in order, starting with the opcode itself.
const FieldLayout *getLayout(Opcode opcode, unsigned &numFields);

/// "" if every value of `instruction` fits its field, else why not (e.g.
/// "x.base = 16777216 does not fit in 24 bits").
std::string checkFieldRanges(const Instruction &instruction);

/// Appends the instruction's kNumWords words. Values must fit their fields
/// (checkFieldRanges); the encoder asserts it.
void encode(const Instruction &instruction, std::vector<uint32_t> &words);

/// Decodes the instruction at words[pos], advancing pos past it. Returns ""
/// or why the words are not an instruction (unknown opcode, truncated, an
/// enum or count out of range, nonzero bits in an absent field, an unused
/// slot or the padding).
std::string decode(const uint32_t *words, size_t numWords, size_t &pos,
                   Instruction &instruction);

)";
  os << "} // namespace hcgs::mc::enc\n";
}

//===----------------------------------------------------------------------===//
// -gen-isa-encoding-defs
//===----------------------------------------------------------------------===//

class DefsEmitter {
public:
  DefsEmitter(const Model &model, raw_ostream &os) : model(model), os(os) {}
  void emit();

private:
  void emitEncodeField(const FieldModel &field, StringRef value,
                       StringRef indent);
  void emitDecodeField(const FieldModel &field, StringRef target,
                       StringRef path, StringRef indent);
  void emitCheckField(const FieldModel &field, StringRef value, StringRef path,
                      StringRef indent);
  const Model &model;
  raw_ostream &os;
};

void DefsEmitter::emitEncodeField(const FieldModel &field, StringRef value,
                                  StringRef indent) {
  if (field.optional) {
    os << indent << "writer.writeUnsigned(" << value << ".has_value(), 1);\n"
       << indent << "if (!" << value << ") {\n"
       << indent << "  writer.skip(" << field.payloadBits() << ");\n"
       << indent << "} else {\n";
    FieldModel inner = field;
    inner.optional = false;
    emitEncodeField(inner, ("(*" + value + ")").str(), (indent + "  ").str());
    os << indent << "}\n";
    return;
  }
  switch (field.kind) {
  case FieldModel::Kind::UInt:
    os << indent << "writer.writeUnsigned(" << value << ", " << field.bits
       << ");\n";
    return;
  case FieldModel::Kind::SInt:
    os << indent << "writer.writeSigned(" << value << ", " << field.bits
       << ");\n";
    return;
  case FieldModel::Kind::Pow2:
    os << indent << "writer.writeUnsigned(log2OfPowerOfTwo(" << value << "), "
       << field.bits << ");\n";
    return;
  case FieldModel::Kind::Enum:
    os << indent << "writer.writeUnsigned(static_cast<uint64_t>(" << value
       << "), " << field.enumType->bits << ");\n";
    return;
  case FieldModel::Kind::Flag:
    os << indent << "writer.writeUnsigned(" << value << " ? 1 : 0, 1);\n";
    return;
  case FieldModel::Kind::Struct:
    os << indent << "encode" << field.structType->name << "(writer, " << value
       << ");\n";
    return;
  case FieldModel::Kind::Array:
    os << indent << "writer.writeUnsigned(" << value << ".size(), "
       << field.bits << ");\n"
       << indent << "for (const " << field.structType->name
       << " &element : " << value << ")\n"
       << indent << "  encode" << field.structType->name
       << "(writer, element);\n"
       << indent << "writer.skip((" << field.maxCount << " - " << value
       << ".size()) * " << field.structType->bits() << ");\n";
    return;
  }
}

void DefsEmitter::emitDecodeField(const FieldModel &field, StringRef target,
                                  StringRef path, StringRef indent) {
  if (field.optional) {
    os << indent << "if (reader.readUnsigned(1)) {\n";
    FieldModel inner = field;
    inner.optional = false;
    os << indent << "  " << target << ".emplace();\n";
    emitDecodeField(inner, ("(*" + target + ")").str(), path,
                    (indent + "  ").str());
    os << indent << "} else if (!reader.skipZeros(" << field.payloadBits()
       << ")) {\n"
       << indent << "  error = " << path
       << " + \" is absent but has nonzero bits\";\n"
       << indent << "  return false;\n"
       << indent << "}\n";
    return;
  }
  switch (field.kind) {
  case FieldModel::Kind::UInt:
    os << indent << target << " = static_cast<" << cppType(field, false)
       << ">(reader.readUnsigned(" << field.bits << "));\n";
    return;
  case FieldModel::Kind::SInt:
    os << indent << target << " = static_cast<" << cppType(field, false)
       << ">(reader.readSigned(" << field.bits << "));\n";
    return;
  case FieldModel::Kind::Pow2:
    os << indent << target << " = uint32_t(1) << reader.readUnsigned("
       << field.bits << ");\n";
    return;
  case FieldModel::Kind::Flag:
    os << indent << target << " = reader.readUnsigned(1) != 0;\n";
    return;
  case FieldModel::Kind::Enum:
    os << indent << "{\n"
       << indent << "  uint64_t raw = reader.readUnsigned("
       << field.enumType->bits << ");\n"
       << indent << "  if (!isValid" << field.enumType->name << "(raw)) {\n"
       << indent << "    error = " << path
       << " + \" has no value \" + std::to_string(raw);\n"
       << indent << "    return false;\n"
       << indent << "  }\n"
       << indent << "  " << target << " = static_cast<" << field.enumType->name
       << ">(raw);\n"
       << indent << "}\n";
    return;
  case FieldModel::Kind::Struct:
    os << indent << "if (!decode" << field.structType->name << "(reader, "
       << target << ", " << path << ", error))\n"
       << indent << "  return false;\n";
    return;
  case FieldModel::Kind::Array:
    os << indent << "{\n"
       << indent << "  uint64_t count = reader.readUnsigned(" << field.bits
       << ");\n"
       << indent << "  if (count > " << field.maxCount << ") {\n"
       << indent << "    error = " << path
       << " + \" has \" + std::to_string(count) + "
       << "\" entries, at most " << field.maxCount << "\";\n"
       << indent << "    return false;\n"
       << indent << "  }\n"
       << indent << "  " << target << ".resize(count);\n"
       << indent << "  for (uint64_t i = 0; i < count; ++i)\n"
       << indent << "    if (!decode" << field.structType->name << "(reader, "
       << target << "[i], " << path
       << " + \"[\" + std::to_string(i) + \"]\", error))\n"
       << indent << "      return false;\n"
       << indent << "  if (!reader.skipZeros((" << field.maxCount
       << " - count) * " << field.structType->bits() << ")) {\n"
       << indent << "    error = " << path
       << " + \" has nonzero bits in unused slots\";\n"
       << indent << "    return false;\n"
       << indent << "  }\n"
       << indent << "}\n";
    return;
  }
}

void DefsEmitter::emitCheckField(const FieldModel &field, StringRef value,
                                 StringRef path, StringRef indent) {
  if (field.optional) {
    os << indent << "if (" << value << ") {\n";
    FieldModel inner = field;
    inner.optional = false;
    emitCheckField(inner, ("(*" + value + ")").str(), path,
                   (indent + "  ").str());
    os << indent << "}\n";
    return;
  }
  auto fail = [&](StringRef condition, StringRef message) {
    os << indent << "if (" << condition << ")\n"
       << indent << "  return " << path << " + " << message << ";\n";
  };
  switch (field.kind) {
  case FieldModel::Kind::UInt:
    if (field.bits < 64)
      fail(formatv("uint64_t({0}) > {1}u", value,
                   (uint64_t(1) << field.bits) - 1)
               .str(),
           formatv(
               "\" = \" + std::to_string({0}) + \" does not fit in {1} bits\"",
               value, field.bits)
               .str());
    return;
  case FieldModel::Kind::SInt:
    if (field.bits < 64)
      fail(formatv("int64_t({0}) < -{1}ll || int64_t({0}) > {2}ll", value,
                   uint64_t(1) << (field.bits - 1),
                   (uint64_t(1) << (field.bits - 1)) - 1)
               .str(),
           formatv(
               "\" = \" + std::to_string({0}) + \" does not fit in {1} bits\"",
               value, field.bits)
               .str());
    return;
  case FieldModel::Kind::Pow2:
    fail(formatv("{0} == 0 || ({0} & ({0} - 1)) != 0 || "
                 "log2OfPowerOfTwo({0}) > {1}u",
                 value, (uint64_t(1) << field.bits) - 1)
             .str(),
         formatv("\" = \" + std::to_string({0}) + \" is not a power of two "
                 "from 1 to 2^{1}\"",
                 value, (uint64_t(1) << field.bits) - 1)
             .str());
    return;
  case FieldModel::Kind::Enum:
    fail(("!isValid" + field.enumType->name + "(static_cast<uint64_t>(" +
          value + "))")
             .str(),
         "\" is not a valid value\"");
    return;
  case FieldModel::Kind::Flag:
    return;
  case FieldModel::Kind::Struct:
    os << indent << "if (std::string problem = check" << field.structType->name
       << "(" << value << ", " << path << "); !problem.empty())\n"
       << indent << "  return problem;\n";
    return;
  case FieldModel::Kind::Array:
    fail((value + ".size() > " + std::to_string(field.maxCount)).str(),
         ("\" has more than " + std::to_string(field.maxCount) + " entries\"")
             .c_str());
    os << indent << "for (size_t i = 0; i < " << value << ".size(); ++i)\n"
       << indent << "  if (std::string problem = check"
       << field.structType->name << "(" << value << "[i], " << path
       << " + \"[\" + std::to_string(i) + \"]\"); !problem.empty())\n"
       << indent << "    return problem;\n";
    return;
  }
}

void DefsEmitter::emit() {
  emitFileHeader(os, "Encoding and decoding of instruction records.");
  os << "namespace hcgs::mc::enc {\n\n";

  for (const auto &type : model.enums) {
    os << "static bool isValid" << type->name << "(uint64_t raw) {\n"
       << "  switch (raw) {\n";
    for (const EnumModel::Case &c : type->cases)
      os << "  case " << c.value << ":\n";
    os << "    return true;\n  default:\n    return false;\n  }\n}\n\n";
    os << "const char *stringify(" << type->name << " value) {\n"
       << "  switch (value) {\n";
    for (const EnumModel::Case &c : type->cases)
      os << "  case " << type->name << "::" << c.symbol << ":\n    return \""
         << c.text << "\";\n";
    os << "  }\n  return \"?\";\n}\n\n";
    os << "static const char *nameOf" << type->name << "(uint64_t raw) {\n"
       << "  return isValid" << type->name << "(raw) ? stringify(static_cast<"
       << type->name << ">(raw)) : nullptr;\n}\n\n";
  }

  for (const auto &type : model.structs) {
    os << "static void encode" << type->name << "(BitWriter &writer, const "
       << type->name << " &value) {\n";
    for (const FieldModel &field : type->fields)
      emitEncodeField(field, "value." + field.memberName(), "  ");
    os << "}\n\n";
    os << "static bool decode" << type->name << "(BitReader &reader, "
       << type->name
       << " &value, const std::string &path, std::string &error) {\n";
    for (const FieldModel &field : type->fields)
      emitDecodeField(field, "value." + field.memberName(),
                      "(path + \"." + field.name + "\")", "  ");
    os << "  return true;\n}\n\n";
    os << "static std::string check" << type->name << "(const " << type->name
       << " &value, const std::string &path) {\n";
    for (const FieldModel &field : type->fields)
      emitCheckField(field, "value." + field.memberName(),
                     "(path + \"." + field.name + "\")", "  ");
    os << "  return \"\";\n}\n\n";
  }

  for (const InstModel &inst : model.insts) {
    std::string record = inst.name + "Inst";
    os << "static void encodeInstruction(const " << record
       << " &value, std::vector<uint32_t> &words) {\n"
       << "  BitWriter writer(words, " << record << "::kNumWords);\n"
       << "  writer.writeUnsigned(" << inst.opcode << ", " << kOpcodeBits
       << ");\n";
    for (const FieldModel &field : inst.fields)
      emitEncodeField(field, "value." + field.memberName(), "  ");
    os << "}\n\n";

    os << "static bool decodeInstruction(BitReader &reader, " << record
       << " &value, std::string &error) {\n"
       << "  reader.skip(" << kOpcodeBits << ");\n";
    for (const FieldModel &field : inst.fields)
      emitDecodeField(field, "value." + field.memberName(),
                      "std::string(\"" + field.name + "\")", "  ");
    os << "  return true;\n}\n\n";

    os << "static std::string checkInstruction(const " << record
       << " &value) {\n";
    for (const FieldModel &field : inst.fields)
      emitCheckField(field, "value." + field.memberName(),
                     "std::string(\"" + field.name + "\")", "  ");
    os << "  return \"\";\n}\n\n";

    std::vector<LayoutRow> rows = layoutOf(inst);
    os << "static const FieldLayout k" << inst.name << "Layout[] = {\n";
    for (const LayoutRow &row : rows) {
      std::string kind = row.kind.substr(0, row.kind.find(' '));
      os << "    {\"" << row.name << "\", \"" << kind << "\", " << row.offset
         << ", " << row.bits << ", "
         << (row.enumType ? "nameOf" + row.enumType->name : "nullptr")
         << "},\n";
    }
    os << "};\n\n";
  }

  os << "bool isValidOpcode(uint32_t opcode) {\n  switch (opcode) {\n";
  for (const InstModel &inst : model.insts)
    os << "  case " << inst.opcode << ":\n";
  os << "    return true;\n  default:\n    return false;\n  }\n}\n\n";

  os << "Opcode getOpcode(const Instruction &instruction) {\n"
        "  return std::visit([](const auto &value) { return "
        "std::decay_t<decltype(value)>::kOpcode; }, instruction);\n}\n\n";

  auto emitSwitch = [&](StringRef signature,
                        function_ref<void(const InstModel &)> body,
                        StringRef fallback) {
    os << signature << " {\n  switch (opcode) {\n";
    for (const InstModel &inst : model.insts) {
      os << "  case Opcode::" << inst.name << ":\n";
      body(inst);
    }
    os << "  }\n  " << fallback << "\n}\n\n";
  };
  emitSwitch(
      "const char *getMnemonic(Opcode opcode)",
      [&](const InstModel &inst) {
        os << "    return \"" << inst.mnemonic << "\";\n";
      },
      "return \"?\";");
  emitSwitch(
      "unsigned getNumWords(Opcode opcode)",
      [&](const InstModel &inst) {
        os << "    return " << inst.name << "Inst::kNumWords;\n";
      },
      "return 0;");
  emitSwitch(
      "const FieldLayout *getLayout(Opcode opcode, unsigned &numFields)",
      [&](const InstModel &inst) {
        os << "    numFields = std::size(k" << inst.name << "Layout);\n"
           << "    return k" << inst.name << "Layout;\n";
      },
      "numFields = 0;\n  return nullptr;");

  os << R"(std::string checkFieldRanges(const Instruction &instruction) {
  return std::visit([](const auto &value) { return checkInstruction(value); },
                    instruction);
}

void encode(const Instruction &instruction, std::vector<uint32_t> &words) {
  assert(checkFieldRanges(instruction).empty() && "value does not fit its field");
  std::visit([&](const auto &value) { encodeInstruction(value, words); },
             instruction);
}

)";
  os << "std::string decode(const uint32_t *words, size_t numWords, size_t "
        "&pos,\n"
        "                   Instruction &instruction) {\n"
        "  if (pos >= numWords)\n"
        "    return \"no instruction at word \" + std::to_string(pos);\n"
        "  uint32_t opcode = words[pos] & 0xff;\n"
        "  std::string error;\n"
        "  switch (opcode) {\n";
  for (const InstModel &inst : model.insts) {
    std::string record = inst.name + "Inst";
    os << "  case " << inst.opcode << ": {\n"
       << "    if (numWords - pos < " << record << "::kNumWords)\n"
       << "      return \"truncated " << inst.mnemonic
       << " at word \" + std::to_string(pos) + \": needs " << inst.numWords()
       << " words, \" + std::to_string(numWords - pos) + \" left\";\n"
       << "    BitReader reader(words + pos, " << record << "::kNumWords);\n"
       << "    " << record << " value;\n"
       << "    if (!decodeInstruction(reader, value, error))\n"
       << "      return \"" << inst.mnemonic
       << " at word \" + std::to_string(pos) + \": \" + error;\n"
       << "    if (!reader.restIsZero())\n"
       << "      return \"" << inst.mnemonic
       << " at word \" + std::to_string(pos) + \": nonzero padding bits\";\n"
       << "    instruction = std::move(value);\n"
       << "    pos += " << record << "::kNumWords;\n"
       << "    return \"\";\n"
       << "  }\n";
  }
  os << "  default:\n"
        "    return \"word \" + std::to_string(pos) + \": opcode \" + "
        "std::to_string(opcode) + \" is not an instruction\";\n"
        "  }\n}\n\n";
  os << "} // namespace hcgs::mc::enc\n";
}

//===----------------------------------------------------------------------===//
// -gen-isa-mlir-glue
//===----------------------------------------------------------------------===//

class GlueEmitter {
public:
  GlueEmitter(const Model &model, raw_ostream &os) : model(model), os(os) {}
  void emit();

private:
  /// Statements setting record field `target` from MLIR value `attr`
  /// (an attribute expression of the field's storage class).
  void emitToRecord(const FieldModel &field, StringRef attr, StringRef target,
                    StringRef indent);
  /// An expression building the attribute of `value`, or a statement block
  /// assigning `result` (for structs, which may fail).
  std::string scalarAttr(const FieldModel &field, StringRef value);
  const Model &model;
  raw_ostream &os;
};

void GlueEmitter::emitToRecord(const FieldModel &field, StringRef attr,
                               StringRef target, StringRef indent) {
  switch (field.kind) {
  case FieldModel::Kind::UInt:
  case FieldModel::Kind::SInt:
    os << indent << target << " = static_cast<" << cppType(field, false) << ">("
       << attr << ".getInt());\n";
    return;
  case FieldModel::Kind::Flag:
    os << indent << target << " = static_cast<bool>(" << attr << ");\n";
    return;
  case FieldModel::Kind::Enum:
    os << indent << target << " = static_cast<mc::enc::" << field.enumType->name
       << ">(" << attr << ".getValue());\n";
    return;
  case FieldModel::Kind::Struct:
    os << indent << target << " = toRecord(" << attr << ");\n";
    return;
  case FieldModel::Kind::Array:
    os << indent << "for (::mlir::Attribute element : " << attr << ")\n"
       << indent << "  " << target << ".push_back(toRecord(::llvm::cast<"
       << field.structType->mlirAttr << ">(element)));\n";
    return;
  case FieldModel::Kind::Pow2:
    llvm_unreachable("pow2 op attributes are not supported");
  }
}

std::string GlueEmitter::scalarAttr(const FieldModel &field, StringRef value) {
  switch (field.kind) {
  case FieldModel::Kind::UInt:
  case FieldModel::Kind::SInt:
    return ("builder.getI64IntegerAttr(static_cast<int64_t>(" + value + "))")
        .str();
  case FieldModel::Kind::Flag:
    return "builder.getUnitAttr()";
  case FieldModel::Kind::Enum:
    return (field.enumType->mlirAttr + "::get(context, static_cast<" +
            field.enumType->mlirName + ">(" + value + "))")
        .str();
  default:
    llvm_unreachable("not a scalar");
  }
}

void GlueEmitter::emit() {
  emitFileHeader(os,
                 "Conversions between hcgs_isa ops and instruction records.");
  os << "namespace hcgs::isa {\n\n";

  for (const auto &type : model.structs) {
    os << "static mc::enc::" << type->name << " toRecord(" << type->mlirAttr
       << " attr) {\n  mc::enc::" << type->name << " record;\n";
    for (const FieldModel &field : type->fields) {
      std::string getter =
          "attr.get" + convertToCamelFromSnakeCase(field.name, true) + "()";
      if (field.kind == FieldModel::Kind::Enum)
        os << "  record." << field.memberName()
           << " = static_cast<mc::enc::" << field.enumType->name << ">(" << getter
           << ");\n";
      else
        os << "  record." << field.memberName() << " = " << getter << ";\n";
    }
    os << "  return record;\n}\n\n";

    os << "static " << type->mlirAttr << " fromRecord(\n"
       << "    ::llvm::function_ref<::mlir::InFlightDiagnostic()> emitError,\n"
       << "    ::mlir::MLIRContext *context, const mc::enc::" << type->name
       << " &record) {\n"
       << "  return " << type->mlirAttr << "::getChecked(emitError, context";
    for (const FieldModel &field : type->fields) {
      os << ",\n      ";
      if (field.kind == FieldModel::Kind::Enum)
        os << "static_cast<" << field.enumType->mlirName << ">(record."
           << field.memberName() << ")";
      else
        os << "record." << field.memberName();
    }
    os << ");\n}\n\n";
  }

  for (const InstModel &inst : model.insts) {
    os << "static mc::enc::" << inst.name << "Inst toRecord(" << inst.mlirOp
       << " op) {\n  mc::enc::" << inst.name << "Inst record;\n";
    for (const FieldModel &field : inst.fields) {
      std::string target = "record." + field.memberName();
      if (inst.hasBody && &field == &inst.fields.front()) {
        os << "  " << target << " = countInstructions(op->getRegion(0));\n";
        continue;
      }
      std::string attr = inst.op->getGetterName(field.name) + "Attr()";
      if (field.optional) {
        os << "  if (auto attr = op." << attr << ") {\n";
        emitToRecord(field, "attr", ("(" + target + ".emplace())").c_str(),
                     "    ");
        os << "  }\n";
      } else {
        emitToRecord(field, ("op." + attr).c_str(), target, "  ");
      }
    }
    os << "  return record;\n}\n\n";

    os << "static ::mlir::Operation *buildOp(::mlir::OpBuilder &builder, "
          "::mlir::Location loc,\n"
       << "                                  const mc::enc::" << inst.name
       << "Inst &record) {\n"
       << "  ::mlir::MLIRContext *context = builder.getContext();\n"
       << "  (void)context;\n"
       << "  auto emitError = [&] { return ::mlir::emitError(loc); };\n"
       << "  (void)emitError;\n"
       << "  ::mlir::OperationState state(loc, " << inst.mlirOp
       << "::getOperationName());\n";
    for (const FieldModel &field : inst.fields) {
      if (inst.hasBody && &field == &inst.fields.front())
        continue;
      std::string value = "record." + field.memberName();
      std::string name = "\"" + field.name + "\"";
      std::string indent = "  ";
      if (field.optional) {
        os << "  if (" << value << ") {\n";
        value = "(*" + value + ")";
        indent = "    ";
      } else if (field.kind == FieldModel::Kind::Flag) {
        os << "  if (" << value << ") {\n";
        indent = "    ";
      }
      switch (field.kind) {
      case FieldModel::Kind::Struct:
        os << indent << "if (auto attr = fromRecord(emitError, context, "
           << value << "))\n"
           << indent << "  state.addAttribute(" << name << ", attr);\n"
           << indent << "else\n"
           << indent << "  return nullptr;\n";
        break;
      case FieldModel::Kind::Array:
        os << indent << "{\n"
           << indent << "  ::llvm::SmallVector<::mlir::Attribute> elements;\n"
           << indent << "  for (const auto &element : " << value << ") {\n"
           << indent
           << "    auto attr = fromRecord(emitError, context, element);\n"
           << indent << "    if (!attr)\n"
           << indent << "      return nullptr;\n"
           << indent << "    elements.push_back(attr);\n"
           << indent << "  }\n"
           << indent << "  state.addAttribute(" << name
           << ", builder.getArrayAttr(elements));\n"
           << indent << "}\n";
        break;
      default:
        os << indent << "state.addAttribute(" << name << ", "
           << scalarAttr(field, value) << ");\n";
      }
      if (indent.size() > 2)
        os << "  }\n";
    }
    for (unsigned i = 0, e = inst.op->getNumRegions(); i < e; ++i)
      os << "  state.addRegion()->emplaceBlock();\n";
    os << "  return builder.create(state);\n}\n\n";
  }

  os << "std::optional<mc::enc::Instruction> toInstructionRecord(::mlir::Operation "
        "*op) {\n";
  for (const InstModel &inst : model.insts)
    os << "  if (auto typed = ::llvm::dyn_cast<" << inst.mlirOp << ">(op))\n"
       << "    return mc::enc::Instruction(toRecord(typed));\n";
  os << "  return std::nullopt;\n}\n\n";

  os << "::mlir::Operation *buildInstructionOp(::mlir::OpBuilder &builder,\n"
        "                                     ::mlir::Location loc,\n"
        "                                     const mc::enc::Instruction &record) "
        "{\n"
        "  return std::visit(\n"
        "      [&](const auto &value) { return buildOp(builder, loc, value); "
        "},\n"
        "      record);\n}\n\n";
  os << "} // namespace hcgs::isa\n";
}

//===----------------------------------------------------------------------===//
// -gen-isa-fbs-enums
//===----------------------------------------------------------------------===//

cl::list<std::string>
    fbsEnums("fbs-enum", cl::desc("an ODS enum def to emit as a FlatBuffers "
                                  "enum (-gen-isa-fbs-enums)"));

/// The enums of -fbs-enum as FlatBuffers schema text in namespace hcgs.fb,
/// with the ODS cases' names and values, so that the file format and the
/// dialect number them alike.
void emitFbsEnums(const RecordKeeper &records, raw_ostream &os) {
  if (fbsEnums.empty())
    PrintFatalError("-gen-isa-fbs-enums needs at least one -fbs-enum");
  os << "// FlatBuffers enums of ODS enums.\n// Generated by hcgs-tblgen "
        "from dialects/ISA/include/hcgs/Dialect/ISA/ISAOps.td: do not "
        "edit.\n\nnamespace hcgs.fb;\n";
  for (const std::string &name : fbsEnums) {
    const Record *def = records.getDef(name);
    if (!def || !def->isSubClassOf("EnumInfo"))
      PrintFatalError("-fbs-enum: no enum named " + name);
    tblgen::EnumInfo info(def);
    os << "\n/// " << info.getSummary() << "\nenum "
       << info.getEnumClassName() << " : ubyte {\n";
    ListSeparator separator(",\n");
    for (const tblgen::EnumCase &c : info.getAllCases()) {
      if (c.getValue() < 0 || c.getValue() > 255)
        PrintFatalError(def->getLoc(), "a ubyte enum needs values 0 to 255");
      os << separator << "  " << c.getSymbol() << " = " << c.getValue();
    }
    os << "\n}\n";
  }
}

//===----------------------------------------------------------------------===//
// -print-isa-layout
//===----------------------------------------------------------------------===//

void printLayout(const Model &model, raw_ostream &os) {
  for (const InstModel &inst : model.insts) {
    os << "**`" << inst.mnemonic << "`** (opcode " << inst.opcode << ", "
       << inst.numWords() << (inst.numWords() == 1 ? " word" : " words") << ", "
       << inst.bits() << " bits used)\n\n"
       << "| bits | field | encoding |\n|---|---|---|\n";
    for (const LayoutRow &row : layoutOf(inst)) {
      std::string range = row.bits == 1
                              ? std::to_string(row.offset)
                              : std::to_string(row.offset) + "-" +
                                    std::to_string(row.offset + row.bits - 1);
      std::string kind = row.kind;
      if (kind == "uint" || kind == "sint" || kind == "pow2" || kind == "flag")
        kind += " " + std::to_string(row.bits);
      os << "| " << range << " | `" << row.name << "` | " << kind << " |\n";
    }
    os << "\n";
  }
}

//===----------------------------------------------------------------------===//
// Driver
//===----------------------------------------------------------------------===//

enum class Action { Decls, Defs, Glue, FbsEnums, Layout };

cl::opt<Action> action(
    cl::desc("what to generate"),
    cl::values(
        clEnumValN(Action::Decls, "gen-isa-encoding-decls",
                   "plain C++ instruction records and encoder declarations"),
        clEnumValN(Action::Defs, "gen-isa-encoding-defs",
                   "encoder and decoder definitions"),
        clEnumValN(Action::Glue, "gen-isa-mlir-glue",
                   "conversions between hcgs_isa ops and records"),
        clEnumValN(Action::FbsEnums, "gen-isa-fbs-enums",
                   "FlatBuffers enums of ODS enums (-fbs-enum)"),
        clEnumValN(Action::Layout, "print-isa-layout",
                   "the instruction layout table of docs/ISA.md")));

bool run(raw_ostream &os, const RecordKeeper &records) {
  if (action == Action::FbsEnums) {
    emitFbsEnums(records, os);
    return false;
  }
  Model model(records);
  if (model.insts.empty())
    PrintFatalError("no ISA_Inst records");
  switch (action) {
  case Action::Decls:
    emitDecls(model, os);
    break;
  case Action::Defs:
    DefsEmitter(model, os).emit();
    break;
  case Action::Glue:
    GlueEmitter(model, os).emit();
    break;
  case Action::Layout:
    printLayout(model, os);
    break;
  case Action::FbsEnums:
    break;
  }
  return false;
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "hcgs ISA encoding generator\n");
  return TableGenMain(argv[0], &run);
}
