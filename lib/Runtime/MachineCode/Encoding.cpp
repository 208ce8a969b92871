//===- Encoding.cpp - instruction records and their binary form -----------===//

#include "hcgs/Runtime/MachineCode/Encoding.h"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <type_traits>

#include "ISAEncoding.cpp.inc"

using namespace hcgs::mc;

std::string enc::decodeStream(const std::vector<uint32_t> &words,
                              std::vector<Instruction> &instructions) {
  instructions.clear();
  // Instructions still to come in the body of the open loop, if any.
  std::optional<uint64_t> loopRemaining;
  for (size_t pos = 0; pos < words.size();) {
    size_t start = pos;
    Instruction instruction;
    if (std::string error =
            decode(words.data(), words.size(), pos, instruction);
        !error.empty())
      return error;
    if (loopRemaining)
      --*loopRemaining;
    if (const auto *loop = std::get_if<LoopInst>(&instruction)) {
      if (loopRemaining)
        return "loop at word " + std::to_string(start) +
               " is nested in another loop";
      if (loop->body)
        loopRemaining = loop->body;
    }
    if (loopRemaining && *loopRemaining == 0)
      loopRemaining.reset();
    instructions.push_back(std::move(instruction));
  }
  if (loopRemaining)
    return "the last loop's body runs past the end of the stream (" +
           std::to_string(*loopRemaining) + " instructions missing)";
  return "";
}

std::string enc::encodeStream(const std::vector<Instruction> &instructions,
                              std::vector<uint32_t> &words) {
  for (size_t index = 0; index < instructions.size(); ++index) {
    const Instruction &instruction = instructions[index];
    if (std::string problem = checkFieldRanges(instruction); !problem.empty())
      return "instruction " + std::to_string(index) + " (" +
             getMnemonic(getOpcode(instruction)) + "): " + problem;
    encode(instruction, words);
  }
  return "";
}

std::string enc::formatFields(const Instruction &instruction) {
  Opcode opcode = getOpcode(instruction);
  std::vector<uint32_t> words;
  encode(instruction, words);
  unsigned numFields = 0;
  const FieldLayout *layout = getLayout(opcode, numFields);
  std::string text = getMnemonic(opcode);
  // Fields under this prefix belong to an absent optional field or unused
  // array slots, and are skipped.
  std::vector<std::string> skipped;
  for (unsigned index = 1; index < numFields; ++index) {
    const FieldLayout &field = layout[index];
    std::string name = field.name;
    if (std::any_of(skipped.begin(), skipped.end(),
                    [&](const std::string &prefix) {
                      return name.compare(0, prefix.size(), prefix) == 0;
                    }))
      continue;
    BitReader reader(words.data(), static_cast<unsigned>(words.size()));
    reader.skip(field.offset);
    uint64_t raw = reader.readUnsigned(field.bits);
    std::string kind = field.kind;
    std::string_view view(name);
    if (kind == "flag") {
      bool presence =
          view.size() > 8 && view.substr(view.size() - 8) == ".present";
      if (presence)
        name.resize(name.size() - 8);
      if (raw)
        text += " " + name;
      else if (presence)
        skipped.push_back(name + ".");
      continue;
    }
    if (view.size() > 6 && view.substr(view.size() - 6) == ".count") {
      // Array slots from `raw` on are unused.
      std::string base = name.substr(0, name.size() - 6);
      for (uint64_t slot = raw; slot < 8; ++slot)
        skipped.push_back(base + "[" + std::to_string(slot) + "].");
    }
    if (kind == "enum") {
      const char *spelling = field.enumName ? field.enumName(raw) : nullptr;
      text += " " + name + "=" + (spelling ? spelling : std::to_string(raw));
    } else if (kind == "pow2") {
      text += " " + name + "=" + std::to_string(uint64_t(1) << raw);
    } else if (raw != 0) {
      BitReader signedReader(words.data(), static_cast<unsigned>(words.size()));
      signedReader.skip(field.offset);
      text +=
          " " + name + "=" +
          (kind == "sint" ? std::to_string(signedReader.readSigned(field.bits))
                          : std::to_string(raw));
    }
  }
  return text;
}
