//===- ProgramFuzzer.cpp - program files as hcgs-run loads and runs them --===//
//
// Bytes -> loadProgram; a program that loads writes back to a file that
// loads to the same program, and runs briefly (T = 1, zero inputs) in the
// simulator, with and without SIMD kernels, to the same outputs.
//
//===----------------------------------------------------------------------===//

#include "hcgs/Runtime/Program/ProgramFile.h"
#include "hcgs/Runtime/Simulator/Simulator.h"

#include <cstddef>
#include <cstdint>
#include <optional>

using namespace hcgs;

namespace {

/// Zero inputs of the program's shapes with T = 1.
std::vector<sim::HostTensor> zeroInputs(const mc::ProgramDesc &desc) {
  std::vector<sim::HostTensor> inputs;
  for (const mc::TensorDesc &tensor : desc.inputs) {
    sim::HostTensor &host = inputs.emplace_back();
    int64_t count = 1;
    for (int64_t dim : tensor.shape) {
      host.shape.push_back(dim == mc::TensorDesc::kSeqDim ? 1 : dim);
      count *= host.shape.back();
    }
    if (tensor.isLengths)
      host.lengths.assign(count, 0);
    else
      host.data.assign(count, 0.0f);
  }
  return inputs;
}

/// Runs the program; returns its outputs, or nothing if it fails cleanly.
std::optional<std::vector<sim::HostTensor>>
run(const program::Program &program, bool vectorKernels) {
  sim::SimulatorOptions options;
  options.vectorKernels = vectorKernels;
  options.decodeBudgetBytes = 64 << 20;
  // A mutated loop or max_seq_len can ask for minutes: each input must run
  // in milliseconds, and the refusal is a path worth fuzzing too.
  options.maxRunCycles = 1 << 20;
  llvm::Expected<std::unique_ptr<sim::Simulator>> simulator =
      sim::Simulator::create(program, options);
  if (!simulator) {
    llvm::consumeError(simulator.takeError());
    return std::nullopt;
  }
  llvm::Expected<sim::RunResult> result =
      (*simulator)->run(zeroInputs(program.desc));
  if (!result) {
    llvm::consumeError(result.takeError());
    return std::nullopt;
  }
  return std::move(result->outputs);
}

bool sameOutputs(const std::vector<sim::HostTensor> &a,
                 const std::vector<sim::HostTensor> &b) {
  if (a.size() != b.size())
    return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].shape != b[i].shape || a[i].data != b[i].data ||
        a[i].lengths != b[i].lengths)
      return false;
  return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::Expected<program::Program> program =
      program::loadProgram(llvm::ArrayRef<uint8_t>(data, size));
  if (!program) {
    llvm::consumeError(program.takeError());
    return 0;
  }
  llvm::Expected<std::vector<uint8_t>> written =
      program::writeProgram(program->target, program->desc, program->name,
                            program->symbols);
  if (!written)
    __builtin_trap(); // a loaded program is valid
  llvm::Expected<program::Program> again = program::loadProgram(*written);
  if (!again || again->desc.words != program->desc.words ||
      again->target != program->target)
    __builtin_trap();

  // Run only what finishes quickly: the cost model counts the work.
  mc::Cost cost =
      mc::getProgramCost(program->instructions, program->target, 1);
  if (cost.macs + cost.actWrites + cost.accWrites + cost.ioWrites +
          cost.ioReads + cost.actReads + cost.accReads >
      (int64_t(1) << 22))
    return 0;
  std::optional<std::vector<sim::HostTensor>> vector = run(*program, true);
  std::optional<std::vector<sim::HostTensor>> scalar = run(*program, false);
  if (vector.has_value() != scalar.has_value() ||
      (vector && !sameOutputs(*vector, *scalar)))
    __builtin_trap();
  return 0;
}
