//===- EncodingEmitters.cpp - records, encoder and decoder in plain C++ ---===//
//
// -gen-isa-encoding-decls and -gen-isa-encoding-defs: what the runtime
// (namespace hcgs::mc::enc) needs to turn instructions into words and back.
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
// -gen-isa-encoding-decls
//===----------------------------------------------------------------------===//

void emitEncodingDecls(const Model &model, raw_ostream &os) {
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
  // The message of an integer field, signed or not, out of its range.
  auto doesNotFit = [&] {
    return formatv(
               "\" = \" + std::to_string({0}) + \" does not fit in {1} bits\"",
               value, field.bits)
        .str();
  };
  switch (field.kind) {
  case FieldModel::Kind::UInt:
    if (field.bits < 64)
      fail(formatv("uint64_t({0}) > {1}u", value,
                   (uint64_t(1) << field.bits) - 1)
               .str(),
           doesNotFit());
    return;
  case FieldModel::Kind::SInt:
    if (field.bits < 64)
      fail(formatv("int64_t({0}) < -{1}ll || int64_t({0}) > {2}ll", value,
                   uint64_t(1) << (field.bits - 1),
                   (uint64_t(1) << (field.bits - 1)) - 1)
               .str(),
           doesNotFit());
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

} // namespace hcgs::isagen

void hcgs::isagen::emitEncodingDefs(const Model &model, raw_ostream &os) {
  DefsEmitter(model, os).emit();
}
