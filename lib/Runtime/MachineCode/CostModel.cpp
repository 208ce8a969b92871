//===- CostModel.cpp - what executing instructions costs (docs/ISA.md 9) --===//

#include "hcgs/Runtime/MachineCode/CostModel.h"

#include "hcgs/Runtime/MachineCode/MvmShape.h"

#include "Sizes.h"

#include "llvm/ADT/STLExtras.h"

using namespace hcgs;
using namespace hcgs::mc;
using namespace hcgs::mc::detail;
using enc::MemSpace;

namespace {

void addReads(Cost &cost, MemSpace space, int64_t words) {
  (space == MemSpace::IO    ? cost.ioReads
   : space == MemSpace::Act ? cost.actReads
                            : cost.accReads) += words;
}

void addWrites(Cost &cost, MemSpace space, int64_t words) {
  (space == MemSpace::IO    ? cost.ioWrites
   : space == MemSpace::Act ? cost.actWrites
                            : cost.accWrites) += words;
}

class CostModel {
public:
  CostModel(const Target &target, int64_t seqLen) : t(target), seqLen(seqLen) {}

  Cost operator()(const enc::LoopInst &) {
    Cost cost = start();
    cost.cycles = t.loopOverheadCycles * seqLen;
    return cost;
  }

  Cost operator()(const enc::SetLenInst &inst) {
    Cost cost = start();
    cost.cycles = t.controlCycles;
    if (inst.source == enc::SetLenSource::IO)
      cost.ioReads = inst.batchCount;
    else if (inst.source == enc::SetLenSource::Param)
      cost.paramBits = 16 * int64_t(inst.batchCount);
    return cost;
  }

  Cost operator()(const enc::MvmInst &inst) {
    MvmShape shape;
    getMvmShape(inst, shape);
    Cost cost = start();
    int64_t batch = inst.batchCount, gates = inst.gates;
    int64_t gateRows = gates * inst.rows;
    cost.macs = gates * shape.weightsPerGate * batch;
    cost.cycles = t.mvmOverheadCycles + ceilDiv(cost.macs, t.macLanes);
    cost.weightBits = gates * shape.weightsPerGate * t.weightBits;
    cost.indexBits = shape.indexBits;
    cost.paramBits = gateRows * (t.shiftBits + (inst.bias ? t.biasBits : 0));
    addReads(cost, inst.x.space,
             shape.numBlocks * shape.levels.back().blockCols * batch);
    cost.accWrites = gateRows * batch;
    if (inst.accumulate)
      cost.accReads = gateRows * batch;
    return cost;
  }

  Cost operator()(const enc::LstmCellInst &inst) {
    Cost cost = start();
    int64_t cells = int64_t(inst.hidden) * inst.batchCount;
    cost.cycles = t.vectorOverheadCycles +
                  t.cellCyclesPerGroup * ceilDiv(cells, t.vectorLanes);
    addReads(cost, inst.gates.space, 4 * cells);
    addReads(cost, inst.c.space, cells);
    addWrites(cost, inst.c.space, cells);
    addWrites(cost, inst.h.space, cells);
    if (inst.y)
      addWrites(cost, inst.y->space, cells);
    int64_t lookups = (inst.inputForget ? 4 : 5) * cells;
    cost.paramBits = lookups * 2 * t.lutEntryBits;
    if (inst.peepholes)
      cost.paramBits += 3 * cells * t.actBits;
    return cost;
  }

  Cost operator()(const enc::ActInst &inst) {
    Cost cost = elementwise(inst.src, &inst.dst, inst.count, inst.batchCount);
    cost.paramBits = int64_t(inst.count) * inst.batchCount * 2 * t.lutEntryBits;
    return cost;
  }

  Cost operator()(const enc::MoveInst &inst) {
    return elementwise(inst.src, &inst.dst, inst.count, inst.batchCount);
  }

  Cost operator()(const enc::FillInst &inst) {
    Cost cost = start();
    int64_t elements = int64_t(inst.count) * inst.batchCount;
    cost.cycles = t.vectorOverheadCycles + ceilDiv(elements, t.vectorLanes);
    addWrites(cost, inst.dst.space, elements);
    return cost;
  }

private:
  Cost start() {
    Cost cost;
    cost.instructions = 1;
    return cost;
  }

  Cost elementwise(const enc::VecRef &src, const enc::VecRef *dst,
                   int64_t count, int64_t batch) {
    Cost cost = start();
    int64_t elements = count * batch;
    cost.cycles = t.vectorOverheadCycles + ceilDiv(elements, t.vectorLanes);
    addReads(cost, src.space, elements);
    addWrites(cost, dst->space, elements);
    return cost;
  }

  const Target &t;
  int64_t seqLen;
};

} // namespace

/// Every counter of a Cost: the arithmetic on costs treats them alike, and
/// a counter added to Cost is added here once.
static constexpr int64_t Cost::*kCostCounters[] = {
    &Cost::cycles,    &Cost::macs,      &Cost::instructions, &Cost::weightBits,
    &Cost::indexBits, &Cost::paramBits, &Cost::actReads,     &Cost::actWrites,
    &Cost::accReads,  &Cost::accWrites, &Cost::ioReads,      &Cost::ioWrites};

Cost &Cost::operator+=(const Cost &other) {
  for (int64_t Cost::*counter : kCostCounters)
    this->*counter += other.*counter;
  return *this;
}

Cost Cost::operator*(int64_t times) const {
  Cost scaled = *this;
  for (int64_t Cost::*counter : kCostCounters)
    scaled.*counter *= times;
  return scaled;
}

double Cost::getEnergyPJ(const Target &t) const {
  return macs * t.energyMacPJ + weightBits * t.energyWeightPJPerBit +
         indexBits * t.energyIndexPJPerBit + paramBits * t.energyParamPJPerBit +
         double(actReads + actWrites) * t.actBits * t.energyActPJPerBit +
         double(accReads + accWrites) * t.accBits * t.energyAccPJPerBit +
         double(ioReads + ioWrites) * t.energyIOPJPerWord +
         instructions * t.energyInstructionPJ +
         t.staticPowerMW * double(cycles) / t.clockMHz * 1000.0;
}

double Cost::getMacUtilization(const Target &t) const {
  return cycles ? double(macs) / (double(t.macLanes) * double(cycles)) : 0.0;
}

Cost mc::getInstructionCost(const enc::Instruction &instruction,
                             const Target &target, int64_t seqLen) {
  return std::visit(CostModel(target, seqLen), instruction);
}

ExecutionCounts
mc::getExecutionCounts(const std::vector<enc::Instruction> &instructions,
                       int64_t seqLen) {
  ExecutionCounts counts;
  forEachWithLoopFlag(instructions, [&](const enc::Instruction &instruction,
                                        bool inLoop) {
    counts.runs.push_back(inLoop ? seqLen : 1);
    counts.iterations.push_back(
        std::holds_alternative<enc::LoopInst>(instruction) ? seqLen : 0);
  });
  return counts;
}

Cost mc::getExecutedCost(const std::vector<enc::Instruction> &instructions,
                         const ExecutionCounts &counts, const Target &target) {
  Cost total;
  for (const auto &[instruction, runs, iterations] :
       llvm::zip_equal(instructions, counts.runs, counts.iterations))
    if (runs)
      total += getInstructionCost(instruction, target, iterations) * runs;
  return total;
}

Cost mc::getProgramCost(const std::vector<enc::Instruction> &instructions,
                         const Target &target, int64_t seqLen) {
  return getExecutedCost(instructions,
                         getExecutionCounts(instructions, seqLen), target);
}
