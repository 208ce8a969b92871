//===- Checks.cpp - the checks a program must pass (docs/ISA.md 12) -------===//

#include "hcgs/Runtime/MachineCode/Checks.h"

#include "hcgs/Runtime/MachineCode/MvmShape.h"
#include "Sizes.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <set>

using namespace hcgs;
using namespace hcgs::mc;
using namespace hcgs::mc::detail;
using llvm::enumerate;

namespace {

using enc::MemSpace;
using enc::TimeMode;

//===----------------------------------------------------------------------===//
// Operands
//===----------------------------------------------------------------------===//

unsigned bit(MemSpace space) { return 1u << static_cast<unsigned>(space); }
constexpr unsigned kIO = 1u << 0, kAct = 1u << 1, kAcc = 1u << 2;

std::string describeSpaces(unsigned allowed) {
  std::string text;
  for (MemSpace space : {MemSpace::IO, MemSpace::Act, MemSpace::Acc})
    if (allowed & bit(space))
      text += (text.empty() ? "" : " or ") + std::string(enc::stringify(space));
  return text;
}

std::string checkVecRef(const char *name, const enc::VecRef &ref,
                        unsigned allowed, bool inLoop) {
  if (!(allowed & bit(ref.space)))
    return std::string(name) + " must be in " + describeSpaces(allowed) +
           " memory, not " + enc::stringify(ref.space);
  if (ref.time != TimeMode::None) {
    if (!inLoop)
      return std::string(name) + " uses time addressing outside a loop";
    if (ref.space == MemSpace::Acc)
      return std::string(name) + " is in acc memory, which has no time steps";
  } else if (ref.timeStride != 0) {
    return std::string(name) + " has a time stride but no time addressing";
  }
  if (ref.chunk == 0 && ref.chunkStride != 0)
    return std::string(name) + " has a chunk step but no chunks";
  return "";
}

std::string checkLut(const char *name, const enc::Lut &lut) {
  if (lut.segments < 2)
    return std::string(name) + " needs at least 2 segments";
  if (lut.shift + enc::log2OfPowerOfTwo(lut.segments) > 62)
    return std::string(name) + " covers more than 2^62 inputs";
  return "";
}

std::string checkBatch(uint32_t count) {
  return count == 0 ? "batch_count must be at least 1" : "";
}

std::string checkCount(uint32_t count) {
  return count == 0 ? "count must be at least 1" : "";
}

/// The first non-empty message.
std::string firstProblem(std::initializer_list<std::string> problems) {
  for (const std::string &problem : problems)
    if (!problem.empty())
      return problem;
  return "";
}

//===----------------------------------------------------------------------===//
// Target-independent checks
//===----------------------------------------------------------------------===//

std::string checkOne(const enc::LoopInst &, bool inLoop) {
  return inLoop ? "loops cannot be nested" : "";
}

std::string checkOne(const enc::SetLenInst &inst, bool) {
  if (inst.source == enc::SetLenSource::Seq && inst.address != 0)
    return "setlen seq takes no address";
  return checkBatch(inst.batchCount);
}

std::string checkOne(const enc::MvmInst &inst, bool inLoop) {
  if (std::string problem =
          firstProblem({checkVecRef("x", inst.x, kIO | kAct, inLoop),
                        checkVecRef("acc", inst.acc, kAcc, inLoop),
                        checkBatch(inst.batchCount)});
      !problem.empty())
    return problem;
  if (inst.gates < 1 || inst.gates > 4)
    return "gates must be 1 to 4, got " + str(inst.gates);
  MvmShape shape;
  if (std::string problem = getMvmShape(inst, shape); !problem.empty())
    return problem;
  if (inst.rows < 1 || inst.rows > shape.rows)
    return "rows must be 1 to the matrix's " + str(shape.rows) + ", got " +
           str(inst.rows);
  if (inst.xLen > shape.cols)
    return "len " + str(inst.xLen) + " is longer than the matrix's " +
           str(shape.cols) + " columns";
  return "";
}

std::string checkOne(const enc::LstmCellInst &inst, bool inLoop) {
  if (inst.hidden == 0)
    return "hidden must be at least 1";
  return firstProblem(
      {checkVecRef("gates", inst.gates, kAcc, inLoop),
       checkVecRef("c", inst.c, kAct, inLoop),
       checkVecRef("h", inst.h, kAct, inLoop),
       inst.y ? checkVecRef("y", *inst.y, kIO | kAct, inLoop) : "",
       checkLut("lut_f", inst.lutF), checkLut("lut_g", inst.lutG),
       checkLut("lut_h", inst.lutH), checkBatch(inst.batchCount)});
}

std::string checkOne(const enc::ActInst &inst, bool inLoop) {
  return firstProblem({checkVecRef("src", inst.src, kIO | kAct | kAcc, inLoop),
                       checkVecRef("dst", inst.dst, kIO | kAct, inLoop),
                       checkLut("lut", inst.lut), checkCount(inst.count),
                       checkBatch(inst.batchCount)});
}

std::string checkOne(const enc::MoveInst &inst, bool inLoop) {
  return firstProblem({checkVecRef("src", inst.src, kIO | kAct | kAcc, inLoop),
                       checkVecRef("dst", inst.dst, kIO | kAct, inLoop),
                       checkCount(inst.count), checkBatch(inst.batchCount)});
}

std::string checkOne(const enc::FillInst &inst, bool inLoop) {
  return firstProblem({checkVecRef("dst", inst.dst, kIO | kAct, inLoop),
                       checkCount(inst.count), checkBatch(inst.batchCount)});
}

//===----------------------------------------------------------------------===//
// Target checks
//===----------------------------------------------------------------------===//

class TargetChecker {
public:
  TargetChecker(const Target &target, int64_t maxSeqLen)
      : target(target), maxSeqLen(maxSeqLen) {}

  std::string operator()(const enc::LoopInst &) { return ""; }

  std::string operator()(const enc::SetLenInst &inst) {
    if (std::string problem = batch(inst.batchStart, inst.batchCount);
        !problem.empty())
      return problem;
    switch (inst.source) {
    case enc::SetLenSource::Seq:
      return "";
    case enc::SetLenSource::IO:
      return wordRange("address", inst.address, inst.batchCount,
                       target.ioMemWords, "io_mem_words");
    case enc::SetLenSource::Param:
      return byteRange("address", inst.address,
                       packedBytes(inst.batchCount, 16), target.paramMemBytes,
                       "param_mem_bytes");
    }
    return "";
  }

  std::string operator()(const enc::MvmInst &inst) {
    MvmShape shape;
    getMvmShape(inst, shape);
    if (static_cast<int64_t>(inst.levels.size()) > target.hcgsMaxLevels)
      return str(inst.levels.size()) +
             " HCGS levels, the target's "
             "hcgs_max_levels is " +
             str(target.hcgsMaxLevels);
    for (const auto &[index, level] : enumerate(inst.levels))
      for (uint32_t edge : {level.rows, level.cols})
        if (!target.supportsBlockSize(edge))
          return "level " + str(index) + " uses " + str(level.rows) + "x" +
                 str(level.cols) +
                 " blocks; the target's hcgs_block_sizes "
                 "has no " +
                 str(edge);
    int64_t gateRows = int64_t(inst.gates) * inst.rows;
    return firstProblem(
        {batch(inst.batchStart, inst.batchCount),
         vector("x", inst.x, inst.batchCount, inst.xLen),
         vector("acc", inst.acc, inst.batchCount, gateRows),
         byteRange("weights", inst.weights,
                   packedBytes(mulCapped(inst.gates, shape.weightsPerGate),
                               target.weightBits),
                   target.weightMemBytes, "weight_mem_bytes"),
         byteRange("index", inst.index, shape.indexBytes, target.indexMemBytes,
                   "index_mem_bytes"),
         byteRange("shifts", inst.shifts,
                   packedBytes(gateRows, target.shiftBits),
                   target.paramMemBytes, "param_mem_bytes"),
         inst.bias ? byteRange("bias", inst.bias->address,
                               packedBytes(gateRows, target.biasBits),
                               target.paramMemBytes, "param_mem_bytes")
                   : ""});
  }

  std::string operator()(const enc::LstmCellInst &inst) {
    int64_t hidden = inst.hidden;
    return firstProblem(
        {batch(inst.batchStart, inst.batchCount),
         vector("gates", inst.gates, inst.batchCount, 4 * hidden),
         vector("c", inst.c, inst.batchCount, hidden),
         vector("h", inst.h, inst.batchCount, hidden),
         inst.y ? vector("y", *inst.y, inst.batchCount, hidden) : "",
         lut("lut_f", inst.lutF), lut("lut_g", inst.lutG),
         lut("lut_h", inst.lutH),
         inst.peepholes ? byteRange("peepholes", inst.peepholes->address,
                                    packedBytes(3 * hidden, target.actBits),
                                    target.paramMemBytes, "param_mem_bytes")
                        : "",
         inst.inputForget && *inst.inputForget > (uint32_t(1) << target.actBits)
             ? "input_forget " + str(*inst.inputForget) +
                   " is above 2^act_bits (" +
                   str(int64_t(1) << target.actBits) + ")"
             : ""});
  }

  std::string operator()(const enc::ActInst &inst) {
    return firstProblem({batch(inst.batchStart, inst.batchCount),
                         vector("src", inst.src, inst.batchCount, inst.count),
                         vector("dst", inst.dst, inst.batchCount, inst.count),
                         lut("lut", inst.lut)});
  }

  std::string operator()(const enc::MoveInst &inst) {
    return firstProblem({batch(inst.batchStart, inst.batchCount),
                         vector("src", inst.src, inst.batchCount, inst.count),
                         vector("dst", inst.dst, inst.batchCount, inst.count)});
  }

  std::string operator()(const enc::FillInst &inst) {
    return firstProblem({batch(inst.batchStart, inst.batchCount),
                         vector("dst", inst.dst, inst.batchCount, inst.count)});
  }

private:
  std::string batch(uint32_t start, uint32_t count) {
    if (int64_t(start) + count > target.maxBatch)
      return "batch entries " + str(start) + " to " +
             str(int64_t(start) + count - 1) +
             " exceed the target's max_batch " + str(target.maxBatch);
    return "";
  }

  /// Checks the words `ref` addresses for `batchCount` entries of
  /// `elements` elements, over every time step.
  std::string vector(const char *name, const enc::VecRef &ref,
                     int64_t batchCount, int64_t elements) {
    int64_t maxAddress = getLastAddress(ref, batchCount, elements, maxSeqLen);
    int64_t size = 0;
    const char *sizeName = "";
    switch (ref.space) {
    case MemSpace::IO:
      size = target.ioMemWords, sizeName = "io_mem_words";
      break;
    case MemSpace::Act:
      size = target.actMemWords, sizeName = "act_mem_words";
      break;
    case MemSpace::Acc:
      size = target.accWords, sizeName = "acc_words";
      break;
    }
    if (maxAddress >= size)
      return std::string(name) + " reaches " + enc::stringify(ref.space) +
             " word " + str(maxAddress) + ", past the target's " + sizeName +
             " " + str(size);
    return "";
  }

  /// Whether `count` `units` ("words" or "bytes") from `address` fit in a
  /// memory of `size` of them.
  std::string range(const char *name, const char *units, int64_t address,
                    int64_t count, int64_t size, const char *sizeName) {
    if (address + count > size)
      return std::string(name) + ": " + units + " " + str(address) + " to " +
             str(address + count - 1) + " are past the target's " + sizeName +
             " " + str(size);
    return "";
  }

  std::string wordRange(const char *name, int64_t address, int64_t count,
                        int64_t size, const char *sizeName) {
    return range(name, "words", address, count, size, sizeName);
  }

  std::string byteRange(const char *name, int64_t address, int64_t bytes,
                        int64_t size, const char *sizeName) {
    return range(name, "bytes", address, bytes, size, sizeName);
  }

  std::string lut(const char *name, const enc::Lut &table) {
    if (table.segments > target.lutMaxSegments)
      return std::string(name) + " has " + str(table.segments) +
             " segments, the target's lut_max_segments is " +
             str(target.lutMaxSegments);
    // Keeps rise * f inside 64 bits (docs/ISA.md 4.2).
    if (table.shift + target.lutEntryBits > 62)
      return std::string(name) + " shift " + str(table.shift) +
             " plus the target's lut_entry_bits " + str(target.lutEntryBits) +
             " exceeds 62";
    return byteRange(
        name, table.table,
        packedBytes(2 * int64_t(table.segments), target.lutEntryBits),
        target.paramMemBytes, "param_mem_bytes");
  }

  const Target &target;
  int64_t maxSeqLen;
};

} // namespace

//===----------------------------------------------------------------------===//
// Public API
//===----------------------------------------------------------------------===//

int64_t mc::getLastAddress(const enc::VecRef &ref, int64_t batchCount,
                            int64_t elements, int64_t maxSeqLen) {
  int64_t last = elements - 1;
  int64_t chunked = last;
  if (ref.chunk) {
    // The last element is not always the farthest: with a step shorter than
    // the chunk, the previous chunk's end can lie beyond it.
    int64_t chunk = ref.chunk, quotient = last / chunk;
    chunked = quotient * ref.chunkStride + (last - quotient * chunk);
    if (quotient > 0)
      chunked = std::max(chunked, (quotient - 1) * ref.chunkStride + chunk - 1);
  }
  int64_t steps = ref.time == TimeMode::None ? 1 : maxSeqLen;
  return int64_t(ref.base) + (batchCount - 1) * ref.batchStride +
         (steps - 1) * ref.timeStride + chunked;
}

std::string mc::checkInstruction(const enc::Instruction &instruction,
                                  bool inLoop) {
  if (std::string problem = enc::checkFieldRanges(instruction);
      !problem.empty())
    return problem;
  return std::visit([&](const auto &inst) { return checkOne(inst, inLoop); },
                    instruction);
}

std::string mc::checkInstructionForTarget(const enc::Instruction &instruction,
                                           const Target &target,
                                           int64_t maxSeqLen) {
  return std::visit(TargetChecker(target, maxSeqLen), instruction);
}

std::string mc::checkIndexContents(const enc::MvmInst &mvm,
                                    const uint8_t *image, size_t imageSize) {
  MvmShape shape;
  if (std::string problem = getMvmShape(mvm, shape); !problem.empty())
    return problem;
  auto readBits = [&](int64_t byteAddress, int64_t bitOffset, int64_t bits) {
    uint64_t value = 0;
    for (int64_t i = 0; i < bits; ++i) {
      int64_t position = bitOffset + i;
      size_t byte = static_cast<size_t>(byteAddress + position / 8);
      uint64_t bitValue =
          byte < imageSize ? (image[byte] >> (position % 8)) & 1 : 0;
      value |= bitValue << i;
    }
    return static_cast<int64_t>(value);
  };
  for (const auto &[index, level] : enumerate(shape.levels)) {
    int64_t base = int64_t(mvm.index) + shape.levelOffsets[index];
    int64_t field = 0;
    for (int64_t row = 0; row < level.numRows; ++row) {
      int64_t previous = -1;
      for (int64_t k = 0; k < level.keep; ++k, ++field) {
        int64_t column =
            readBits(base, field * level.fieldBits, level.fieldBits);
        if (column >= level.choices)
          return "index level " + str(index) + ", block-row " + str(row) +
                 ": column " + str(column) + " is not below " +
                 str(level.choices);
        if (column <= previous)
          return "index level " + str(index) + ", block-row " + str(row) +
                 ": columns " + str(previous) + " then " + str(column) +
                 " are not increasing";
        previous = column;
      }
    }
  }
  return "";
}

int64_t TensorDesc::getNumWords(int64_t maxSeqLen) const {
  int64_t words = 1;
  for (int64_t dim : shape)
    words = mulCapped(words, dim == kSeqDim ? maxSeqLen : dim);
  return words >= kTooLarge ? -1 : words;
}

std::string mc::checkTensors(const std::vector<TensorDesc> &inputs,
                              const std::vector<TensorDesc> &outputs) {
  std::vector<const TensorDesc *> all;
  for (const TensorDesc &tensor : inputs)
    all.push_back(&tensor);
  for (const TensorDesc &tensor : outputs)
    all.push_back(&tensor);
  // A set, not a scan of the earlier names: a file can hold 10^5 tensors.
  std::set<llvm::StringRef> names;
  for (const TensorDesc *tensor : all) {
    if (tensor->name.empty())
      return "a tensor has an empty name";
    if (!names.insert(tensor->name).second)
      return "tensor name " + quoteTensorName(tensor->name) +
             " is used twice";
    int64_t seqDims = 0;
    for (int64_t dim : tensor->shape) {
      if (dim == TensorDesc::kSeqDim)
        ++seqDims;
      else if (dim < 1)
        return "tensor " + quoteTensorName(tensor->name) + " has dimension " +
               str(dim) + "; dimensions are positive";
    }
    if (seqDims > 1)
      return "tensor " + quoteTensorName(tensor->name) +
             " has more than one sequence dimension";
    if (tensor->isLengths && (tensor->shape.size() != 1 || seqDims))
      return "lengths tensor " + quoteTensorName(tensor->name) +
             " must have one static dimension";
    if (!tensor->isLengths && (tensor->fracBits < -TensorDesc::kMaxFracBits ||
                               tensor->fracBits > TensorDesc::kMaxFracBits))
      return "tensor " + quoteTensorName(tensor->name) + " has " +
             str(tensor->fracBits) + " fraction bits; formats have -" +
             str(TensorDesc::kMaxFracBits) + " to " +
             str(TensorDesc::kMaxFracBits);
  }
  return "";
}

std::string mc::checkTensorsForTarget(const std::vector<TensorDesc> &inputs,
                                       const std::vector<TensorDesc> &outputs,
                                       const Target &target,
                                       int64_t maxSeqLen) {
  struct Extent {
    int64_t begin, end;
    const std::string *name;
  };
  std::vector<Extent> extents;
  for (const std::vector<TensorDesc> *list : {&inputs, &outputs}) {
    for (const TensorDesc &tensor : *list) {
      if (!tensor.isLengths) {
        if (!tensor.isSigned)
          return "tensor " + quoteTensorName(tensor.name) +
                 " has an unsigned format; activations are signed";
        if (tensor.bits != target.actBits)
          return "tensor " + quoteTensorName(tensor.name) + " has " +
                 str(tensor.bits) + "-bit codes, the target's act_bits is " +
                 str(target.actBits);
      }
      int64_t words = tensor.getNumWords(maxSeqLen);
      if (words < 0 || tensor.ioAddress + words > target.ioMemWords)
        return "tensor " + quoteTensorName(tensor.name) + " at io word " +
               str(tensor.ioAddress) +
               " does not fit in the target's io_mem_words " +
               str(target.ioMemWords);
      extents.push_back(
          {tensor.ioAddress, tensor.ioAddress + words, &tensor.name});
    }
  }
  std::sort(extents.begin(), extents.end(),
            [](const Extent &a, const Extent &b) { return a.begin < b.begin; });
  for (size_t i = 1; i < extents.size(); ++i)
    if (extents[i].begin < extents[i - 1].end)
      return "tensors " + quoteTensorName(*extents[i - 1].name) + " and " +
             quoteTensorName(*extents[i].name) + " overlap in io memory";
  return "";
}

ProgramProblem
mc::findProgramProblem(const ProgramDesc &program, const Target &target,
                       std::vector<enc::Instruction> &instructions) {
  if (program.maxSeqLen < 1 || program.maxSeqLen > target.maxSeqLen)
    return {"max_seq_len " + str(program.maxSeqLen) +
            " is outside 1 to the target's max_seq_len " +
            str(target.maxSeqLen)};
  struct Image {
    const char *name;
    size_t size;
    int64_t capacity;
    const char *capacityName;
  };
  for (const Image &image : {Image{"weight", program.weights.size(),
                                   target.weightMemBytes, "weight_mem_bytes"},
                             Image{"index", program.index.size(),
                                   target.indexMemBytes, "index_mem_bytes"},
                             Image{"param", program.params.size(),
                                   target.paramMemBytes, "param_mem_bytes"}})
    if (static_cast<int64_t>(image.size) > image.capacity)
      return {std::string("the ") + image.name + " image (" + str(image.size) +
              " bytes) is larger than the target's " + image.capacityName +
              " " + str(image.capacity)};
  if (static_cast<int64_t>(program.words.size()) > target.instrMemWords)
    return {"the instruction stream (" + str(program.words.size()) +
            " words) is longer than the target's instr_mem_words " +
            str(target.instrMemWords)};
  if (std::string problem = enc::decodeStream(program.words, instructions);
      !problem.empty())
    return {"instruction stream: " + problem};

  ProgramProblem found;
  size_t index = 0;
  forEachWithLoopFlag(instructions, [&](const enc::Instruction &instruction,
                                        bool inLoop) {
    if (!found.message.empty())
      return;
    std::string problem = checkInstruction(instruction, inLoop);
    if (problem.empty())
      problem =
          checkInstructionForTarget(instruction, target, program.maxSeqLen);
    if (problem.empty())
      if (const auto *mvm = std::get_if<enc::MvmInst>(&instruction))
        problem = checkIndexContents(*mvm, program.index.data(),
                                     program.index.size());
    if (!problem.empty())
      found = {problem, index};
    ++index;
  });
  if (!found.message.empty())
    return found;
  if (std::string tensors = checkTensors(program.inputs, program.outputs);
      !tensors.empty())
    return {tensors};
  return {checkTensorsForTarget(program.inputs, program.outputs, target,
                                program.maxSeqLen)};
}

std::string mc::verifyProgram(const ProgramDesc &program, const Target &target,
                               std::vector<enc::Instruction> &instructions) {
  ProgramProblem problem = findProgramProblem(program, target, instructions);
  if (!problem.instruction)
    return problem.message;
  return "instruction " + str(*problem.instruction) + " (" +
         enc::getMnemonic(enc::getOpcode(instructions[*problem.instruction])) +
         "): " + problem.message;
}

std::string mc::quoteTensorName(const std::string &name) {
  static const char digits[] = "0123456789abcdef";
  std::string text = "'";
  for (unsigned char c : name) {
    if (c == '\'' || c == '\\' || c < 0x20 || c == 0x7f) {
      text += "\\x";
      text += digits[c >> 4];
      text += digits[c & 15];
    } else {
      text += static_cast<char>(c);
    }
  }
  return text + "'";
}
