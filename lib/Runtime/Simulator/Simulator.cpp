//===- Simulator.cpp - the bit-exact golden model of the machine ----------===//
//
// The run loop and the public API; Machine.h says where the other parts are.
//
//===----------------------------------------------------------------------===//

#include "Machine.h"

using namespace hcgs;
using namespace hcgs::sim;

Expected<RunResult> Simulator::Impl::run(const std::vector<HostTensor> &inputs,
                                         const TraceFn &trace) {
  Expected<int64_t> length = getSeqLen(inputs);
  if (!length)
    return length.takeError();
  seqLen = *length;
  iteration = -1;
  io.reset(ioWords);
  act.assign(actWords, 0);
  acc.assign(accWords, 0);
  std::fill(len.begin(), len.end(), seqLen);
  if (llvm::Error error = writeInputs(inputs))
    return std::move(error);

  RunResult result;
  result.seqLen = seqLen;
  mc::ExecutionCounts &executed = result.executed;
  executed.runs.assign(steps.size(), 0);
  executed.iterations.assign(steps.size(), 0);
  auto runStep = [&](size_t index) {
    if (trace)
      trace(index, iteration);
    ++executed.runs[index];
    return execute(steps[index]);
  };
  for (size_t index = 0; index < steps.size();) {
    const auto *loop = std::get_if<enc::LoopInst>(steps[index].instruction);
    if (!loop) {
      if (!runStep(index))
        return fail(error);
      ++index;
      continue;
    }
    if (trace)
      trace(index, -1);
    ++executed.runs[index];
    for (iteration = 0; iteration < seqLen; ++iteration) {
      ++executed.iterations[index];
      for (size_t body = 1; body <= loop->body; ++body)
        if (!runStep(index + body))
          return fail(error);
    }
    iteration = -1;
    index += 1 + loop->body;
  }
  result.cost = mc::getExecutedCost(program.instructions, executed, target);
  result.outputs = readOutputs();
  return result;
}

//===----------------------------------------------------------------------===//
// Public API
//===----------------------------------------------------------------------===//

Simulator::Simulator(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
Simulator::~Simulator() = default;

Expected<std::unique_ptr<Simulator>>
Simulator::create(program::Program program, SimulatorOptions options) {
  auto impl = std::make_unique<Impl>(std::move(program), options);
  if (llvm::Error error = impl->prepare())
    return std::move(error);
  return std::unique_ptr<Simulator>(new Simulator(std::move(impl)));
}

const program::Program &Simulator::getProgram() const { return impl->program; }

Expected<RunResult> Simulator::run(const std::vector<HostTensor> &inputs,
                                   const TraceFn &trace) {
  return impl->run(inputs, trace);
}
