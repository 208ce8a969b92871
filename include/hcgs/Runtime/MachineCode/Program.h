//===- Program.h - programs as the machine sees them ------------*- C++ -*-===//
//
// What the compiler's verifier and the program loader both need, in plain
// C++ (no MLIR): the shape an mvm's fields describe, the checks of
// docs/ISA.md section 12, and the cycle and traffic model of section 9.
// Every check returns "" or a one-line message without the instruction's
// name; callers add where the problem is.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_RUNTIME_MACHINECODE_PROGRAM_H
#define HCGS_RUNTIME_MACHINECODE_PROGRAM_H

#include "hcgs/Runtime/MachineCode/Encoding.h"
#include "hcgs/Runtime/Target/Target.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hcgs::mc {

/// The HCGS structure an mvm walks (docs/ISA.md 7.1).
struct MvmShape {
  struct Level {
    int64_t blockRows, blockCols, keep;
    int64_t choices;    // n_l: block columns a block-row chooses from
    int64_t fieldBits;  // w_l: bits per index entry
    int64_t numRows;    // NR_l: block-rows
    int64_t indexBits;  // this level's fields: NR_l * keep * w_l
    int64_t indexBytes; // this level's array, byte aligned
  };
  std::vector<Level> levels;
  int64_t rows = 0, cols = 0; // the padded matrix of one row-set
  int64_t numBlocks = 0;      // NB: kept finest blocks
  int64_t weightsPerGate = 0; // K
  int64_t indexBits = 0;      // all levels' fields: what an mvm reads
  int64_t indexBytes = 0;     // all levels' arrays: what the index takes
  /// IMEM byte offset of each level's array from the index address.
  std::vector<int64_t> levelOffsets;
};

/// Computes the shape; returns "" or why the fields describe none.
std::string getMvmShape(const enc::MvmInst &mvm, MvmShape &shape);

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

/// What executing instructions costs (docs/ISA.md section 9). Memory
/// traffic is in bits for WMEM, IMEM and PMEM and in words for the others.
struct Cost {
  int64_t cycles = 0, macs = 0, instructions = 0;
  int64_t weightBits = 0, indexBits = 0, paramBits = 0;
  int64_t actReads = 0, actWrites = 0, accReads = 0, accWrites = 0;
  int64_t ioReads = 0, ioWrites = 0;
  Cost &operator+=(const Cost &other);
  Cost operator*(int64_t times) const;
  /// The energy estimate in pJ.
  double getEnergyPJ(const Target &target) const;
  /// MACs / (mac_lanes * cycles).
  double getMacUtilization(const Target &target) const;
};

/// The cost of executing `instruction` once. A loop's own cost is its
/// per-iteration overhead times `seqLen`; its body is not included.
/// Assumes the instruction passed checkInstruction.
Cost getInstructionCost(const enc::Instruction &instruction,
                        const Target &target, int64_t seqLen);

/// What a run executed, per instruction of the decoded stream.
struct ExecutionCounts {
  /// How often each instruction ran.
  std::vector<int64_t> runs;
  /// A loop's iterations; 0 for the other instructions.
  std::vector<int64_t> iterations;
};

/// What a run with sequence length `seqLen` executes (docs/ISA.md 6.1):
/// every instruction outside loops once, each loop once with `seqLen`
/// iterations, and its body once per iteration.
ExecutionCounts getExecutionCounts(
    const std::vector<enc::Instruction> &instructions, int64_t seqLen);

/// The cost of what a run executed. Loops do not nest, so a loop runs at
/// most once and its overhead is per iteration.
Cost getExecutedCost(const std::vector<enc::Instruction> &instructions,
                     const ExecutionCounts &counts, const Target &target);

/// The cost of running a decoded stream with sequence length `seqLen`.
Cost getProgramCost(const std::vector<enc::Instruction> &instructions,
                    const Target &target, int64_t seqLen);

/// Bytes that `count` fields of `bits` bits take, packed (docs/ISA.md 2.2);
/// counts too large for int64 give a size past every memory.
int64_t packedBytes(int64_t count, int64_t bits);

/// A tensor name for a message, quoted, with its quotes, backslashes and
/// control bytes escaped so that the message stays one line.
std::string quoteTensorName(const std::string &name);

} // namespace hcgs::mc

#endif // HCGS_RUNTIME_MACHINECODE_PROGRAM_H
