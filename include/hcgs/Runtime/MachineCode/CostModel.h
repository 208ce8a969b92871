//===- CostModel.h - what executing instructions costs ----------*- C++ -*-===//
//
// The cycle and traffic model of docs/ISA.md section 9: the one count of
// cost, for the compiler's remarks and reports and for what a simulator run
// executed.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_RUNTIME_MACHINECODE_COSTMODEL_H
#define HCGS_RUNTIME_MACHINECODE_COSTMODEL_H

#include "hcgs/Runtime/MachineCode/Encoding.h"
#include "hcgs/Runtime/Target/Target.h"

#include <cstdint>
#include <vector>

namespace hcgs::mc {

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

} // namespace hcgs::mc

#endif // HCGS_RUNTIME_MACHINECODE_COSTMODEL_H
