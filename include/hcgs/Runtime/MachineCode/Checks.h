//===- Checks.h - the checks a program must pass ----------------*- C++ -*-===//
//
// The checks of docs/ISA.md section 12, for the compiler's verifier and the
// program loader alike. Every check returns "" or a one-line message without
// the instruction's name; callers add where the problem is.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_RUNTIME_MACHINECODE_CHECKS_H
#define HCGS_RUNTIME_MACHINECODE_CHECKS_H

#include "hcgs/Runtime/MachineCode/Encoding.h"
#include "hcgs/Runtime/Target/Target.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hcgs::mc {

/// The highest word `ref` addresses (docs/ISA.md 4.1) for `batchCount`
/// batch entries of `elements` elements (both at least 1), over every time
/// step `t < maxSeqLen` if it follows the loop. All addresses lie in
/// [ref.base, this]. The fields' widths keep it far below 2^62.
int64_t getLastAddress(const enc::VecRef &ref, int64_t batchCount,
                       int64_t elements, int64_t maxSeqLen);

/// Target-independent checks: field ranges and structure (operand memories,
/// time addressing only inside loops, mvm shapes, counts). `inLoop` says
/// whether the instruction is in a loop body.
std::string checkInstruction(const enc::Instruction &instruction, bool inLoop);

/// Checks against the target: limits, and every address the instruction
/// can form for any sequence length up to `maxSeqLen` inside its memory.
/// Assumes checkInstruction passed.
std::string checkInstructionForTarget(const enc::Instruction &instruction,
                                      const Target &target, int64_t maxSeqLen);

/// Checks an mvm's index in the index memory image (docs/ISA.md 7.5): every
/// column below its level's choices and strictly increasing in its
/// block-row. Memory past the image reads as zero. Assumes the instruction
/// passed checkInstruction and checkInstructionForTarget.
std::string checkIndexContents(const enc::MvmInst &mvm, const uint8_t *image,
                               size_t imageSize);

/// A program's input or output tensor (docs/ISA.md section 10).
struct TensorDesc {
  static constexpr int64_t kSeqDim = -1; // the dynamic dimension in `shape`
  std::string name;
  std::vector<int64_t> shape;
  uint32_t ioAddress = 0;
  bool isLengths = false;
  // Data tensors: the fixed-point format (#hcgs.fixed: fraction bits in
  // [-kMaxFracBits, kMaxFracBits]).
  static constexpr int32_t kMaxFracBits = 64;
  unsigned bits = 0;
  bool isSigned = true;
  int32_t fracBits = 0;

  /// Words the tensor takes in IOM with the sequence dimension at
  /// `maxSeqLen`, or -1 if that overflows.
  int64_t getNumWords(int64_t maxSeqLen) const;
};

/// Tensors on their own: names non-empty and unique, dimensions positive,
/// at most one sequence dimension, lengths tensors one-dimensional, fraction
/// bits in range.
std::string checkTensors(const std::vector<TensorDesc> &inputs,
                         const std::vector<TensorDesc> &outputs);
/// Tensors against the target: data formats signed with act_bits bits,
/// inside IOM, not overlapping. Assumes checkTensors passed.
std::string checkTensorsForTarget(const std::vector<TensorDesc> &inputs,
                                  const std::vector<TensorDesc> &outputs,
                                  const Target &target, int64_t maxSeqLen);

/// A whole program as the loader reads it.
struct ProgramDesc {
  int64_t maxSeqLen = 1;
  std::vector<TensorDesc> inputs, outputs;
  std::vector<uint8_t> weights, index, params; // memory images
  std::vector<uint32_t> words;                 // the instruction stream
};

/// The first problem the checks of a program find, and where.
struct ProgramProblem {
  /// "" if there is none. Without the instruction's name; tensor problems
  /// name the tensor.
  std::string message;
  /// The instruction it is at, by its position in the decoded stream.
  std::optional<size_t> instruction;
};

/// Every check of docs/ISA.md section 12, the one checker of the loader and
/// the compiler. On success `instructions` holds the decoded stream.
ProgramProblem findProgramProblem(const ProgramDesc &program,
                                  const Target &target,
                                  std::vector<enc::Instruction> &instructions);

/// findProgramProblem as one line that names the instruction ("instruction
/// 3 (mvm): ...") if the problem is at one; "" if there is none.
std::string verifyProgram(const ProgramDesc &program, const Target &target,
                          std::vector<enc::Instruction> &instructions);

/// A tensor name for a message, quoted, with its quotes, backslashes and
/// control bytes escaped so that the message stays one line.
std::string quoteTensorName(const std::string &name);

} // namespace hcgs::mc

#endif // HCGS_RUNTIME_MACHINECODE_CHECKS_H
