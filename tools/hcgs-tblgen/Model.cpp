//===- Model.cpp - the ISA's instructions as hcgs-tblgen sees them --------===//

#include "Model.h"

#include "mlir/TableGen/AttrOrTypeDef.h"
#include "mlir/TableGen/Attribute.h"
#include "mlir/TableGen/EnumInfo.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/TableGen/Error.h"
#include "llvm/TableGen/Record.h"

#include <set>

namespace hcgs::isagen {

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

std::string cppType(const FieldModel &field, bool withOptional) {
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

static void flattenField(const FieldModel &field, const std::string &prefix,
                         unsigned &offset, std::vector<LayoutRow> &rows);

static void flattenStruct(const StructModel &type, const std::string &prefix,
                          unsigned &offset, std::vector<LayoutRow> &rows) {
  for (const FieldModel &field : type.fields)
    flattenField(field, prefix, offset, rows);
}

static void flattenField(const FieldModel &field, const std::string &prefix,
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
    rows.push_back(
        {name, kind, offset, field.payloadBits(),
         field.kind == FieldModel::Kind::Enum ? field.enumType : nullptr});
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

void emitFileHeader(raw_ostream &os, StringRef what) {
  os << "// " << what << "\n// Generated by hcgs-tblgen from "
     << "dialects/ISA/include/hcgs/Dialect/ISA/ISAOps.td: do not edit.\n\n";
}

} // namespace hcgs::isagen
