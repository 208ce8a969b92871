//===- Encoding.cpp - instruction records and their binary form -----------===//

#include "hcgs/ISA/Encoding.h"

#include <iterator>
#include <type_traits>

#include "ISAEncoding.cpp.inc"

using namespace hcgs::isa;

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
