//===- Simulator.h - the bit-exact golden model of the machine --*- C++ -*-===//
//
// Runs a loaded program (hcgs/Runtime/Program/ProgramFile.h) exactly as docs/ISA.md
// defines it: the host side of section 10 (quantizing inputs, dequantizing
// outputs), every instruction of section 6 and the counters of section 9.
// Plain C++: no MLIR and none of the compiler's code, so that a compiler bug
// cannot hide in code the two share.
//
// Creating a simulator decodes each mvm's HCGS index and weight stream once
// into a compact per-block form (lib/Runtime/Simulator/MvmKernel.h); running does
// no allocation per instruction.
//
// Example:
//   Expected<program::Program> program = program::loadProgramFile(path);
//   Expected<std::unique_ptr<Simulator>> sim = Simulator::create(*program);
//   Expected<RunResult> result = (*sim)->run(inputs);
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_RUNTIME_SIMULATOR_SIMULATOR_H
#define HCGS_RUNTIME_SIMULATOR_SIMULATOR_H

#include "hcgs/Runtime/MachineCode/Program.h"
#include "hcgs/Runtime/Program/ProgramFile.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace hcgs::sim {

/// A tensor as the host holds it (docs/ISA.md section 10), row-major: the
/// float32 values of a data tensor, or the int32 values of a lengths tensor.
/// A sequence dimension has the run's extent T.
struct HostTensor {
  std::vector<int64_t> shape;
  std::vector<float> data;
  std::vector<int32_t> lengths;
};

/// Called before each executed instruction with its position in the decoded
/// stream and the loop iteration k (-1 outside loops).
using TraceFn = std::function<void(size_t index, int64_t iteration)>;

struct RunResult {
  /// The sequence length T of the run.
  int64_t seqLen = 0;
  /// The program's outputs, in its order.
  std::vector<HostTensor> outputs;
  /// What the run executed: each instruction's runs and each loop's
  /// iterations.
  mc::ExecutionCounts executed;
  /// What that cost by the cost model (docs/ISA.md 9).
  mc::Cost cost;
};

struct SimulatorOptions {
  /// Run the SIMD forms of the kernels this machine has; without, only the
  /// scalar definitions run (tests compare the two).
  bool vectorKernels = true;
  /// The most memory the decoded matrices and parameters of a program may
  /// take. The TIMIT program of docs/ISA.md 11.5 needs about 1 MB; a 16 MB
  /// weight memory filled with 4x4 blocks of 6-bit weights about 75 MB.
  int64_t decodeBudgetBytes = int64_t(256) << 20;
  /// Threads that share each large mvm's rows and lstm_cell's cells (1: the
  /// calling thread only). Results are the same for any count: every row's
  /// sum and every cell is computed by one thread, in the same order.
  unsigned threads = 1;
  /// The fewest weights an mvm, and cells an lstm_cell, must have for their
  /// work to be shared: below, handing it over costs more than it saves.
  int64_t minParallelWeights = int64_t(1) << 14;
  int64_t minParallelCells = 256;
  /// The largest run, by estimateRunCycles at the run's sequence length: a
  /// larger one is refused before it starts, so that a small program file
  /// cannot ask for days of simulation.
  int64_t maxRunCycles = kDefaultMaxRunCycles;
  /// Whether a large target (checkTargetNotLarge) may be simulated.
  bool allowLargeTarget = false;
};

/// What running `instructions` with sequence length `seqLen` costs, in
/// cycles: the cost model's cycles, or if more, its operations (MACs and
/// the words read and written) over the default preset's mac_lanes, so that
/// a target with many lanes cannot make a long simulation look short.
/// Saturates at INT64_MAX.
int64_t estimateRunCycles(const std::vector<mc::enc::Instruction> &instructions,
                          const Target &target, int64_t seqLen);

class Simulator {
public:
  /// Prepares a verified program to run. Fails (one line) only for a program
  /// whose decoded weights and parameters would take more memory than
  /// options.decodeBudgetBytes, and for a large target unless
  /// options.allowLargeTarget.
  static llvm::Expected<std::unique_ptr<Simulator>>
  create(program::Program program, SimulatorOptions options = {});
  ~Simulator();

  const program::Program &getProgram() const;

  /// Runs the program on `inputs` (one per program input, in its order,
  /// data tensors in `data`, lengths tensors in `lengths`). Checks their
  /// shapes and values; fails for a NaN input, for a run larger than
  /// options.maxRunCycles and for a sequence length setlen finds outside
  /// [0, T].
  llvm::Expected<RunResult> run(const std::vector<HostTensor> &inputs,
                                const TraceFn &trace = nullptr);

private:
  class Impl;
  explicit Simulator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

/// The code of `value` in a signed fixed-point format of `bits` bits with
/// `fracBits` fraction bits: ovf(round(value * 2^fracBits)) with the target's
/// rounding and overflow rules, computed exactly (docs/ISA.md 10).
/// Infinities saturate; `value` must not be NaN.
int64_t quantize(float value, int32_t fracBits, unsigned bits,
                 Rounding rounding, Overflow overflow);

} // namespace hcgs::sim

#endif // HCGS_RUNTIME_SIMULATOR_SIMULATOR_H
