//===- GlueEmitter.cpp - hcgs_isa ops <-> instruction records -------------===//
//
// -gen-isa-mlir-glue: the MLIR side's conversions between ops and records.
//
//===----------------------------------------------------------------------===//

#include "Model.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/TableGen/Error.h"
#include "llvm/TableGen/Record.h"

namespace hcgs::isagen {

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
           << " = static_cast<mc::enc::" << field.enumType->name << ">("
           << getter << ");\n";
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

  os << "std::optional<mc::enc::Instruction> "
        "toInstructionRecord(::mlir::Operation "
        "*op) {\n";
  for (const InstModel &inst : model.insts)
    os << "  if (auto typed = ::llvm::dyn_cast<" << inst.mlirOp << ">(op))\n"
       << "    return mc::enc::Instruction(toRecord(typed));\n";
  os << "  return std::nullopt;\n}\n\n";

  os << "::mlir::Operation *buildInstructionOp(::mlir::OpBuilder &builder,\n"
        "                                     ::mlir::Location loc,\n"
        "                                     const mc::enc::Instruction "
        "&record) "
        "{\n"
        "  return std::visit(\n"
        "      [&](const auto &value) { return buildOp(builder, loc, value); "
        "},\n"
        "      record);\n}\n\n";
  os << "} // namespace hcgs::isa\n";
}

} // namespace hcgs::isagen

void hcgs::isagen::emitMLIRGlue(const Model &model, raw_ostream &os) {
  GlueEmitter(model, os).emit();
}
