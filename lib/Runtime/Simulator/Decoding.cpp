//===- Decoding.cpp - each instruction made ready once --------------------===//

#include "Machine.h"

using namespace hcgs;
using namespace hcgs::sim;
using hcgs::mc::quoteTensorName;

namespace {

/// Readable bytes past the end of WMEM, IMEM and PMEM copies: the field
/// readers load 8 bytes at a time.
constexpr size_t kFieldPadding = 8;

/// A memory image at its full target size plus padding; zero past the image.
std::vector<uint8_t> paddedMemory(const std::vector<uint8_t> &image,
                                  int64_t size) {
  std::vector<uint8_t> memory(static_cast<size_t>(size) + kFieldPadding, 0);
  std::copy(image.begin(), image.end(), memory.begin());
  return memory;
}

llvm::Error budgetError(int64_t budget) {
  return fail("decoding the program's weights and parameters would take "
              "more than the " +
              llvm::Twine(budget) + " bytes the simulator allows");
}

} // namespace

llvm::Error Simulator::Impl::compile() {
  std::vector<uint8_t> weightMemory =
      paddedMemory(desc.weights, target.weightMemBytes);
  std::vector<uint8_t> indexMemory =
      paddedMemory(desc.index, target.indexMemBytes);
  // mvms that read the same matrix share one decoded copy; all copies (and
  // decoded parameter fields) together stay within a budget, so that no
  // program, however hostile its target, makes the simulator allocate
  // without bound.
  // What decides an mvm's matrix: where its weights and index are, and the
  // fields that shape it (row-sets, grid, levels).
  using MatrixKey = std::vector<uint32_t>;
  std::map<MatrixKey, const MvmKernel *> matrices;
  int64_t inputSize = 0, numSums = 0, hidden = 0;

  for (const enc::Instruction &instruction : program.instructions) {
    Step &step = steps.emplace_back();
    step.instruction = &instruction;
    if (const auto *mvm = std::get_if<enc::MvmInst>(&instruction)) {
      MatrixKey key{mvm->weights, mvm->index, mvm->gates, mvm->rowBlocks,
                    mvm->colBlocks};
      for (const enc::Level &level : mvm->levels)
        key.insert(key.end(), {level.rows, level.cols, level.keep});
      auto found = matrices.find(key);
      if (found != matrices.end()) {
        step.kernel = found->second;
      } else {
        mc::MvmShape shape;
        if (std::string problem = mc::getMvmShape(*mvm, shape);
            !problem.empty())
          return fail("internal error: " + problem);
        int64_t size = MvmKernel::estimateBytes(*mvm, shape);
        if (decodedBytes + size > options.decodeBudgetBytes)
          return budgetError(options.decodeBudgetBytes);
        decodedBytes += size;
        kernels.push_back(std::make_unique<MvmKernel>(
            *mvm, shape, target, weightMemory.data(), indexMemory.data(),
            options.vectorKernels));
        step.kernel = matrices[key] = kernels.back().get();
      }
      inputSize = std::max(inputSize, step.kernel->getInputSize());
      numSums = std::max(numSums, step.kernel->getNumSums());
    }
    if (const auto *cell = std::get_if<enc::LstmCellInst>(&instruction))
      hidden = std::max<int64_t>(hidden, cell->hidden);
    if (llvm::Error error = resolveParams(step))
      return error;
  }
  inputScratch.assign(inputSize, 0);
  sums32.assign(numSums, 0);
  rowSums.assign(numSums, 0);
  cellScratch.assign(2 * hidden, 0);
  sums64.assign(numSums, 0);
  return llvm::Error::success();
}

const int32_t *Simulator::Impl::getParamFields(uint64_t address, unsigned bits,
                                               int64_t count) {
  auto key = std::make_tuple(address, bits, count);
  auto found = paramFields.find(key);
  if (found != paramFields.end())
    return found->second.data();
  int64_t bytes = count * int64_t(sizeof(int32_t));
  if (decodedBytes + bytes > options.decodeBudgetBytes)
    return nullptr;
  decodedBytes += bytes;
  std::vector<int32_t> &fields = paramFields[key];
  fields.resize(count);
  for (int64_t e = 0; e < count; ++e)
    fields[e] = static_cast<int32_t>(
        readSField(pmem.data(), address, bits, static_cast<uint64_t>(e)));
  return fields.data();
}

Expected<LutTable> Simulator::Impl::getLutTable(const enc::Lut &lut) {
  const int32_t *entries =
      getParamFields(lut.table, static_cast<unsigned>(target.lutEntryBits),
                     2 * int64_t(lut.segments));
  if (!entries)
    return budgetError(options.decodeBudgetBytes);
  return LutTable(entries, lut.segments, lut.shift,
                  static_cast<int64_t>(lut.clip));
}

llvm::Error Simulator::Impl::resolveParams(Step &step) {
  auto fields = [&](const int32_t *&out, uint64_t address, int64_t bits,
                    int64_t count) {
    out = getParamFields(address, static_cast<unsigned>(bits), count);
    return out != nullptr;
  };
  auto table = [&](LutTable &out, const enc::Lut &lut) {
    Expected<LutTable> resolved = getLutTable(lut);
    if (!resolved) {
      llvm::consumeError(resolved.takeError());
      return false;
    }
    out = *resolved;
    return true;
  };
  bool ok = true;
  if (const auto *inst = std::get_if<enc::MvmInst>(step.instruction)) {
    int64_t rows = int64_t(inst->gates) * inst->rows;
    const int32_t *bias = nullptr;
    ok = fields(step.shifts, inst->shifts, target.shiftBits, rows) &&
         (!inst->bias ||
          fields(bias, inst->bias->address, target.biasBits, rows));
    if (ok && bias) {
      decodedBytes += rows * int64_t(sizeof(int64_t));
      ok = decodedBytes <= options.decodeBudgetBytes;
      if (ok)
        for (int64_t row = 0; row < rows; ++row)
          step.biasTerms.push_back(
              shl(bias[row], inst->bias->shift, target.rounding));
    }
    step.vectorRows = ok && options.vectorKernels && RowStage::isAvailable() &&
                      step.kernel->fitsInt32() && inst->acc.chunk == 0 &&
                      RowStage::takesShifts(step.shifts, rows);
    step.rowsShiftLeft =
        step.vectorRows && RowStage::shiftsLeftOnly(step.shifts, rows);
    if (options.threads > 1 &&
        step.kernel->getNumWeights() >= options.minParallelWeights)
      step.cuts = step.kernel->splitGroups(options.threads);
  } else if (const auto *inst =
                 std::get_if<enc::LstmCellInst>(step.instruction)) {
    CellConfig &cell = step.cell;
    ok =
        table(cell.f, inst->lutF) && table(cell.g, inst->lutG) &&
        table(cell.h, inst->lutH) &&
        (!inst->peepholes || fields(cell.peepholes, inst->peepholes->address,
                                    target.actBits, 3 * int64_t(inst->hidden)));
    cell.peepholeShift = inst->peepholes ? inst->peepholes->shift : 0;
    cell.hasInputForget = inst->inputForget.has_value();
    cell.inputForget = inst->inputForget.value_or(0);
    cell.fcAlign = static_cast<int>(inst->fcAlign);
    cell.igAlign = static_cast<int>(inst->igAlign);
    cell.cShift = inst->cShift;
    cell.hShift = inst->hShift;
    cell.hidden = inst->hidden;
    cell.actBits = actBits;
    cell.accBits = accBits;
    cell.rounding = rounding;
    cell.overflow = overflow;
    step.vectorCells = options.vectorKernels && hasVectorCells() &&
                       !inst->gates.chunk && !inst->c.chunk && !inst->h.chunk &&
                       !(inst->y && inst->y->chunk);
    if (options.threads > 1 && step.vectorCells &&
        cell.hidden >= options.minParallelCells) {
      // Equal shares, in whole vectors of 8 cells.
      int64_t vectors = (cell.hidden + 7) / 8;
      for (unsigned part = 0; part <= options.threads; ++part)
        step.cuts.push_back(
            std::min(cell.hidden, vectors * part / options.threads * 8));
    }
  } else if (const auto *inst = std::get_if<enc::ActInst>(step.instruction)) {
    ok = table(step.cell.f, inst->lut);
  }
  return ok ? llvm::Error::success() : budgetError(options.decodeBudgetBytes);
}

llvm::Error Simulator::Impl::prepare() {
  rounding = target.rounding;
  overflow = target.overflow;
  actBits = static_cast<unsigned>(target.actBits);
  accBits = static_cast<unsigned>(target.accBits);
  rowStage = RowStage{rounding, overflow, accBits};
  pmem = paddedMemory(desc.params, target.paramMemBytes);
  len.assign(target.maxBatch, 0);
  if (llvm::Error error = sizeMemories())
    return error;
  if (llvm::Error error = compile())
    return error;
  // Threads only for a program with work to share.
  if (llvm::any_of(steps, [](const Step &step) {
        return !step.cuts.empty();
      }))
    team = std::make_unique<WorkerTeam>(options.threads);
  return llvm::Error::success();
}
