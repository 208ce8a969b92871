//===- Simulator.cpp - the bit-exact golden model of the machine ----------===//
//
// The run loop and the public API; Machine.h says where the other parts are.
//
//===----------------------------------------------------------------------===//

#include "Machine.h"

#include "llvm/Support/MathExtras.h"

using namespace hcgs;
using namespace hcgs::sim;

Expected<RunResult> Simulator::Impl::run(const std::vector<HostTensor> &inputs,
                                         const TraceFn &trace) {
  Expected<int64_t> length = getSeqLen(inputs);
  if (!length)
    return length.takeError();
  // Once per run, before it: the loops below stay as they are.
  if (options.maxRunCycles) {
    int64_t estimate = estimateRunCycles(program.instructions, target, *length);
    if (estimate > options.maxRunCycles)
      return fail("the run would take about " + llvm::Twine(estimate) +
                  " cycles, more than the budget of " +
                  llvm::Twine(options.maxRunCycles) +
                  " (hcgs-run --max-cycles raises it)");
  }
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

int64_t sim::estimateRunCycles(const std::vector<enc::Instruction> &instructions,
                               const Target &target, int64_t seqLen) {
  const int64_t referenceLanes = Target().macLanes;
  mc::ExecutionCounts counts = mc::getExecutionCounts(instructions, seqLen);
  // A hostile program's total can overflow: saturate.
  uint64_t cycles = 0, operations = 0;
  bool overflow = false;
  for (const auto &[instruction, runs, iterations] :
       llvm::zip_equal(instructions, counts.runs, counts.iterations)) {
    mc::Cost cost = mc::getInstructionCost(instruction, target, iterations);
    uint64_t words = cost.macs + cost.actReads + cost.actWrites +
                     cost.accReads + cost.accWrites + cost.ioReads +
                     cost.ioWrites;
    cycles = llvm::SaturatingMultiplyAdd(uint64_t(cost.cycles), uint64_t(runs),
                                         cycles, &overflow);
    operations = llvm::SaturatingMultiplyAdd(words, uint64_t(runs), operations,
                                             &overflow);
  }
  uint64_t estimate = std::max(cycles, operations / referenceLanes);
  return int64_t(std::min<uint64_t>(estimate, INT64_MAX));
}

Simulator::Simulator(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
Simulator::~Simulator() = default;

Expected<std::unique_ptr<Simulator>>
Simulator::create(program::Program program, SimulatorOptions options) {
  if (!options.allowLargeTarget)
    if (llvm::Error error = checkTargetNotLarge(program.target))
      return llvm::createStringError(llvm::toString(std::move(error)) +
                                     " (hcgs-run --allow-large-target allows "
                                     "it)");
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
