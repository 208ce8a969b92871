//===- Simulator.cpp - the bit-exact golden model of the machine ----------===//
//
// Memories hold plain integers: AMEM and IOM words as int32, ACC words as
// int64. Every write goes through ovf as docs/ISA.md says, so a word always
// holds a value of its width; IOM words read by data paths are cut to their
// low act_bits bits. The parameter memory is read in place, field by field.
//
// Each memory is allocated only as far as the program can reach (the
// verifier bounds every address by the target's memory sizes), and IOM,
// whose reach follows max_seq_len (tensors are laid out for the longest
// sequence), from zero pages the system maps as a run first touches them:
// a program costs what a run uses.
//
//===----------------------------------------------------------------------===//

#include "hcgs/Runtime/Simulator/Simulator.h"

#include "CellStage.h"
#include "MvmKernel.h"
#include "WorkerTeam.h"
#include "RowStage.h"
#include "hcgs/Runtime/Simulator/Arithmetic.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemAlloc.h"

#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <tuple>

using namespace hcgs;
using namespace hcgs::sim;
namespace enc = hcgs::mc::enc;
using hcgs::mc::quoteTensorName;
using llvm::Expected;

namespace {

llvm::Error fail(const llvm::Twine &message) {
  return llvm::createStringError(message);
}

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

/// Row-major strides of a tensor in IOM, the sequence dimension at
/// `maxSeqLen` (docs/ISA.md 10).
std::vector<int64_t> getIOStrides(const mc::TensorDesc &desc,
                                  int64_t maxSeqLen) {
  std::vector<int64_t> strides(desc.shape.size(), 1);
  for (size_t dim = desc.shape.size(); dim-- > 1;)
    strides[dim - 1] =
        strides[dim] * (desc.shape[dim] == mc::TensorDesc::kSeqDim
                            ? maxSeqLen
                            : desc.shape[dim]);
  return strides;
}

/// Calls `visit(flatIndex, ioOffset)` for every element of `shape` (the
/// tensor at the run's T) in row-major order.
template <typename Fn>
void forEachElement(const std::vector<int64_t> &shape,
                    const std::vector<int64_t> &strides, Fn visit) {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  // The usual case, a tensor laid out as it is in memory (the sequence
  // dimension first, or T = max_seq_len): offsets are the flat indices.
  bool contiguous = true;
  for (size_t dim = shape.size(), stride = 1; dim-- > 0;) {
    contiguous &= shape[dim] == 1 || strides[dim] == int64_t(stride);
    stride *= shape[dim];
  }
  if (contiguous) {
    for (int64_t flat = 0; flat < count; ++flat)
      visit(flat, flat);
    return;
  }
  std::vector<int64_t> index(shape.size(), 0);
  int64_t offset = 0;
  for (int64_t flat = 0; flat < count; ++flat) {
    visit(flat, offset);
    for (size_t dim = shape.size(); dim-- > 0;) {
      offset += strides[dim];
      if (++index[dim] < shape[dim])
        break;
      offset -= strides[dim] * shape[dim];
      index[dim] = 0;
    }
  }
}

/// Words that read as zero until written. calloc gets large blocks from the
/// system as zero pages, mapped when first touched, so a run pays for the
/// words it uses rather than for the whole memory.
class ZeroedWords {
public:
  void reset(size_t count) {
    memory.reset(static_cast<int32_t *>(
        llvm::safe_calloc(std::max<size_t>(count, 1), sizeof(int32_t))));
  }
  int32_t *data() const { return memory.get(); }
  int32_t &operator[](int64_t index) const { return memory.get()[index]; }

private:
  struct Free {
    void operator()(int32_t *words) const { std::free(words); }
  };
  std::unique_ptr<int32_t, Free> memory;
};

} // namespace

/// quantize with `scale` = 2^fracBits, computed once per tensor.
static int64_t quantizeScaled(float value, double scale, int32_t fracBits,
                              unsigned bits, Rounding rounding,
                              Overflow overflow) {
  assert(!std::isnan(value) && "NaN has no code");
  int64_t high = (int64_t(1) << (bits - 1)) - 1;
  if (std::isinf(value))
    return value > 0 ? high : -high - 1;
  // Usually value * 2^fracBits is exact in a double (a float times a power
  // of two within range) and below 2^52, where the FPU rounds it to an
  // integer exactly: nearbyint ties to even (the default rounding mode),
  // round away from zero.
  double scaled = static_cast<double>(value) * scale;
  if (std::fabs(scaled) < 0x1p52)
    return ovf(static_cast<int64_t>(rounding == Rounding::NearestEven
                                        ? std::nearbyint(scaled)
                                        : std::round(scaled)),
               bits, overflow);
  // Otherwise, exactly: value = mantissa * 2^exponent, |mantissa| < 2^24.
  int exponent;
  float fraction = std::frexp(value, &exponent);
  int64_t mantissa = static_cast<int64_t>(std::ldexp(fraction, 24));
  int64_t shift = int64_t(exponent) - 24 + fracBits;
  // shift >= 0 here. A multiple of 2^bits wraps to 0, anything else is
  // below 2^40; saturation only needs shl's clamp to keep the sign.
  int64_t code =
      overflow == Overflow::Wrap && shift >= bits
          ? 0
          : shl(mantissa, static_cast<int>(std::min<int64_t>(shift, 62)),
                rounding);
  return ovf(code, bits, overflow);
}

int64_t sim::quantize(float value, int32_t fracBits, unsigned bits,
                      Rounding rounding, Overflow overflow) {
  return quantizeScaled(value, std::ldexp(1.0, fracBits), fracBits, bits,
                        rounding, overflow);
}

//===----------------------------------------------------------------------===//
// The machine
//===----------------------------------------------------------------------===//

class Simulator::Impl {
public:
  Impl(program::Program program, SimulatorOptions options)
      : program(std::move(program)), target(this->program.target),
        desc(this->program.desc), options(options) {}

  llvm::Error prepare();
  /// The run's sequence length T (docs/ISA.md 10): the extent of the
  /// inputs' sequence dimensions, which must agree, or max_seq_len if no
  /// input has one; 1 to max_seq_len.
  Expected<int64_t> getSeqLen(const std::vector<HostTensor> &inputs) const;
  Expected<RunResult> run(const std::vector<HostTensor> &inputs,
                          const TraceFn &trace);

  program::Program program;
  const Target &target;
  const mc::ProgramDesc &desc;
  SimulatorOptions options;

private:
  /// One instruction ready to execute.
  struct Step {
    const enc::Instruction *instruction;
    /// mvm: its decoded matrix.
    const MvmKernel *kernel = nullptr;
    /// mvm: its row shifts, decoded.
    const int32_t *shifts = nullptr;
    /// mvm: each row's bias scaled by the bias's shift; empty without bias.
    std::vector<int64_t> biasTerms;
    /// mvm: whether its rows go through the vector RowStage, and whether
    /// all its shifts are plain left shifts there.
    bool vectorRows = false, rowsShiftLeft = false;
    /// lstm_cell: everything but its operands; act: its table is cell.f.
    CellConfig cell;
    /// lstm_cell: whether its cells go through updateCells (operands without
    /// chunks).
    bool vectorCells = false;
    /// How the work of an mvm (its groups) or of an lstm_cell with
    /// vectorCells (its cells) is shared among the worker team: part p takes
    /// [cuts[p], cuts[p + 1]). Empty when one thread does all.
    std::vector<int64_t> cuts;
  };

  // Addressing (docs/ISA.md 4.1).
  int64_t timeStep(const enc::VecRef &ref, int64_t batchEntry) const {
    switch (ref.time) {
    case enc::TimeMode::None:
      return 0;
    case enc::TimeMode::Forward:
      return iteration;
    case enc::TimeMode::Reverse:
      return iteration < len[batchEntry] ? len[batchEntry] - 1 - iteration
                                         : iteration;
    }
    return 0;
  }
  /// The address of element 0 of batch entry i (= b - batchStart).
  int64_t rowBase(const enc::VecRef &ref, int64_t i, int64_t b) const {
    return int64_t(ref.base) + i * ref.batchStride +
           timeStep(ref, b) * ref.timeStride;
  }
  static int64_t chunked(const enc::VecRef &ref, int64_t j) {
    if (!ref.chunk)
      return j;
    return (j / ref.chunk) * ref.chunkStride + j % ref.chunk;
  }

  int64_t read(enc::MemSpace space, int64_t address) const {
    switch (space) {
    case enc::MemSpace::IO:
      return signExtend(static_cast<uint32_t>(io[address]), actBits);
    case enc::MemSpace::Act:
      return act[address];
    case enc::MemSpace::Acc:
      return acc[address];
    }
    return 0;
  }
  /// Writes an act_bits value to IOM or AMEM.
  void writeAct(enc::MemSpace space, int64_t address, int64_t value) {
    (space == enc::MemSpace::IO ? io.data() : act.data())[address] =
        static_cast<int32_t>(value);
  }
  int64_t ovfAct(int64_t value) const { return ovf(value, actBits, overflow); }
  int64_t shift(int64_t value, int by) const {
    return shl(value, by, rounding);
  }
  bool isActive(int64_t batchEntry) const {
    return iteration < 0 || iteration < len[batchEntry];
  }
  /// Whether an entry has an empty sequence: its states become zero.
  bool isEmpty(int64_t batchEntry) const {
    return iteration >= 0 && len[batchEntry] == 0;
  }
  llvm::Error sizeMemories();
  /// `count` signed fields of `bits` bits from PMEM byte `address`,
  /// decoded once and shared; null if the decode budget is spent.
  const int32_t *getParamFields(uint64_t address, unsigned bits, int64_t count);
  Expected<LutTable> getLutTable(const enc::Lut &lut);
  llvm::Error resolveParams(Step &step);
  llvm::Error compile();

  bool execute(const Step &step);
  /// Calls work(begin, end) for ranges that together cover [0, size),
  /// shared among the worker team as step.cuts says.
  template <typename Work>
  void forEachRange(const Step &step, int64_t size, Work work) {
    if (step.cuts.empty())
      return work(0, size);
    team->run(
        [&](unsigned part) { work(step.cuts[part], step.cuts[part + 1]); });
  }
  bool execute(const enc::LoopInst &, const Step &) { return true; }
  bool execute(const enc::SetLenInst &inst, const Step &);
  bool execute(const enc::MvmInst &inst, const Step &step);
  bool execute(const enc::LstmCellInst &inst, const Step &step);
  template <typename N>
  bool executeMvm(const enc::MvmInst &inst, const Step &step);
  template <typename N>
  bool executeLstmCell(const enc::LstmCellInst &inst, const Step &step);
  bool execute(const enc::ActInst &inst, const Step &);
  bool execute(const enc::MoveInst &inst, const Step &);
  bool execute(const enc::FillInst &inst, const Step &);

  llvm::Error writeInputs(const std::vector<HostTensor> &inputs);
  std::vector<HostTensor> readOutputs() const;

  Rounding rounding = Rounding::NearestEven;
  Overflow overflow = Overflow::Saturate;
  unsigned actBits = 0, accBits = 0;

  std::vector<Step> steps;
  std::vector<std::unique_ptr<MvmKernel>> kernels;
  std::map<std::tuple<uint64_t, unsigned, int64_t>, std::vector<int32_t>>
      paramFields;
  /// Bytes of decoded matrices and parameter fields so far.
  int64_t decodedBytes = 0;
  std::vector<uint8_t> pmem;
  int64_t ioWords = 1, actWords = 1, accWords = 1;

  // State of a run.
  ZeroedWords io;
  std::vector<int32_t> act;
  std::vector<int64_t> acc;
  std::vector<int64_t> len;
  int64_t seqLen = 0, iteration = -1;
  std::string error;
  // Scratch of mvm: the gathered input, the partial sums, the sums in row
  // order.
  std::vector<int16_t> inputScratch;
  std::vector<int32_t> sums32, rowSums;
  // Scratch of lstm_cell: new cell and hidden states of one batch entry.
  std::vector<int32_t> cellScratch;
  std::vector<int64_t> sums64;
  RowStage rowStage{};
  /// With options.threads > 1.
  std::unique_ptr<WorkerTeam> team;
};

/// The extent each memory must have: one past the highest word any operand
/// or tensor can address.
llvm::Error Simulator::Impl::sizeMemories() {
  int64_t maxSeqLen = desc.maxSeqLen;
  auto reach = [&](const enc::VecRef &ref, int64_t batch, int64_t elements) {
    if (elements <= 0)
      return;
    int64_t end = mc::getLastAddress(ref, batch, elements, maxSeqLen) + 1;
    int64_t &words = ref.space == enc::MemSpace::IO    ? ioWords
                     : ref.space == enc::MemSpace::Act ? actWords
                                                       : accWords;
    words = std::max(words, end);
  };
  for (const enc::Instruction &instruction : program.instructions) {
    std::visit(
        llvm::makeVisitor(
            [&](const enc::LoopInst &) {},
            [&](const enc::SetLenInst &inst) {
              if (inst.source == enc::SetLenSource::IO)
                ioWords = std::max<int64_t>(ioWords, int64_t(inst.address) +
                                                         inst.batchCount);
            },
            [&](const enc::MvmInst &inst) {
              reach(inst.x, inst.batchCount, inst.xLen);
              reach(inst.acc, inst.batchCount, int64_t(inst.gates) * inst.rows);
            },
            [&](const enc::LstmCellInst &inst) {
              reach(inst.gates, inst.batchCount, 4 * int64_t(inst.hidden));
              reach(inst.c, inst.batchCount, inst.hidden);
              reach(inst.h, inst.batchCount, inst.hidden);
              if (inst.y)
                reach(*inst.y, inst.batchCount, inst.hidden);
            },
            [&](const enc::ActInst &inst) {
              reach(inst.src, inst.batchCount, inst.count);
              reach(inst.dst, inst.batchCount, inst.count);
            },
            [&](const enc::MoveInst &inst) {
              reach(inst.src, inst.batchCount, inst.count);
              reach(inst.dst, inst.batchCount, inst.count);
            },
            [&](const enc::FillInst &inst) {
              reach(inst.dst, inst.batchCount, inst.count);
            }),
        instruction);
  }
  for (const auto *tensors : {&desc.inputs, &desc.outputs})
    for (const mc::TensorDesc &tensor : *tensors)
      ioWords = std::max(ioWords, int64_t(tensor.ioAddress) +
                                      tensor.getNumWords(maxSeqLen));
  // The verifier bounds all of these; check rather than trust it with
  // memory safety.
  if (ioWords > target.ioMemWords || actWords > target.actMemWords ||
      accWords > target.accWords)
    return fail("internal error: the program reaches past a memory the "
                "verifier checked");
  return llvm::Error::success();
}

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

//===----------------------------------------------------------------------===//
// Instructions (docs/ISA.md section 6)
//===----------------------------------------------------------------------===//

bool Simulator::Impl::execute(const Step &step) {
  return std::visit([&](const auto &inst) { return execute(inst, step); },
                    *step.instruction);
}

bool Simulator::Impl::execute(const enc::SetLenInst &inst, const Step &) {
  for (int64_t i = 0; i < inst.batchCount; ++i) {
    int64_t value = seqLen;
    if (inst.source == enc::SetLenSource::IO)
      value = io[inst.address + i];
    else if (inst.source == enc::SetLenSource::Param)
      value = static_cast<int64_t>(
          readUField(pmem.data(), inst.address, 16, static_cast<uint64_t>(i)));
    if (value < 0 || value > seqLen) {
      error = "setlen: batch entry " + std::to_string(inst.batchStart + i) +
              " gets sequence length " + std::to_string(value) +
              ", outside 0 to the run's " + std::to_string(seqLen);
      return false;
    }
    len[inst.batchStart + i] = value;
  }
  return true;
}

bool Simulator::Impl::execute(const enc::MvmInst &inst, const Step &step) {
  return withNumerics(rounding, overflow, [&](auto numerics) {
    return executeMvm<decltype(numerics)>(inst, step);
  });
}

template <typename N>
bool Simulator::Impl::executeMvm(const enc::MvmInst &inst, const Step &step) {
  const MvmKernel &kernel = *step.kernel;
  int16_t *x = inputScratch.data();
  bool narrow = kernel.fitsInt32();
  int64_t gateRows = inst.rows;
  const int64_t *biasTerms =
      step.biasTerms.empty() ? nullptr : step.biasTerms.data();
  for (int64_t i = 0; i < inst.batchCount; ++i) {
    int64_t b = inst.batchStart + i;
    // Gather X(i, c); columns from x_len on are zero (docs/ISA.md 6.3).
    int64_t xBase = rowBase(inst.x, i, b);
    if (inst.x.space == enc::MemSpace::Act && !inst.x.chunk) {
      const int32_t *source = act.data() + xBase;
      for (int64_t c = 0; c < inst.xLen; ++c)
        x[c] = static_cast<int16_t>(source[c]);
    } else {
      for (int64_t c = 0; c < inst.xLen; ++c)
        x[c] = static_cast<int16_t>(
            read(inst.x.space, xBase + chunked(inst.x, c)));
    }
    std::fill(x + inst.xLen, x + kernel.getInputSize(), int16_t(0));

    int64_t accBase = rowBase(inst.acc, i, b);
    if (step.vectorRows) {
      forEachRange(step, kernel.getNumGroups(), [&](int64_t begin,
                                                     int64_t end) {
        MvmKernel::GroupRange groups{begin, end};
        kernel.multiplyRows(x, rowSums.data(), sums32.data(), groups);
        int64_t firstRow = groups.begin * kernel.getBlockRows();
        int64_t count =
            std::min(groups.end * kernel.getBlockRows(), gateRows) - firstRow;
        if (count <= 0)
          return;
        for (int64_t gate = 0; gate < inst.gates; ++gate) {
          int64_t row = gate * gateRows + firstRow;
          rowStage.run(rowSums.data() + gate * kernel.getNumRows() + firstRow,
                       step.shifts + row, biasTerms ? biasTerms + row : nullptr,
                       acc.data() + accBase + row, count, inst.accumulate,
                       step.rowsShiftLeft);
        }
      });
      continue;
    }
    forEachRange(step, kernel.getNumGroups(), [&](int64_t begin, int64_t end) {
      MvmKernel::GroupRange groups{begin, end};
      if (narrow)
        kernel.multiply(x, sums32.data(), groups);
      else
        kernel.multiply(x, sums64.data(), groups);
    });
    // Rows in order (docs/ISA.md 6.3): the sum of row r of row-set g is at
    // (r / BR) * segment + g * BR + r % BR.
    int64_t blockRows = kernel.getBlockRows(), segment = kernel.getSegment();
    for (int64_t gate = 0, element = 0; gate < inst.gates; ++gate) {
      int64_t groupStart = gate * blockRows, inBlock = 0;
      for (int64_t row = 0; row < gateRows; ++row, ++element) {
        int64_t sumIndex = groupStart + inBlock;
        if (++inBlock == blockRows) {
          inBlock = 0;
          groupStart += segment;
        }
        int64_t sum = narrow ? sums32[sumIndex] : sums64[sumIndex];
        int64_t value = N::shl(sum, step.shifts[element]);
        if (biasTerms)
          value += biasTerms[element];
        int64_t address = accBase + chunked(inst.acc, element);
        if (inst.accumulate)
          value += acc[address];
        acc[address] = N::ovf(value, accBits);
      }
    }
  }
  return true;
}

bool Simulator::Impl::execute(const enc::LstmCellInst &inst, const Step &step) {
  return withNumerics(rounding, overflow, [&](auto numerics) {
    return executeLstmCell<decltype(numerics)>(inst, step);
  });
}

template <typename N>
bool Simulator::Impl::executeLstmCell(const enc::LstmCellInst &inst,
                                      const Step &step) {
  const CellConfig &cell = step.cell;
  int64_t hidden = inst.hidden;
  for (int64_t i = 0; i < inst.batchCount; ++i) {
    int64_t b = inst.batchStart + i;
    int64_t gatesBase = rowBase(inst.gates, i, b);
    int64_t cBase = rowBase(inst.c, i, b), hBase = rowBase(inst.h, i, b);
    int64_t yBase = inst.y ? rowBase(*inst.y, i, b) : 0;
    bool active = isActive(b);
    // Cells one by one read what earlier cells wrote if c, h and y overlap;
    // the vector form computes them all first, so it needs them apart.
    auto apart = [&](int64_t first, int64_t second) {
      return first + hidden <= second || second + hidden <= first;
    };
    if (step.vectorCells && apart(cBase, hBase) &&
        (!inst.y || inst.y->space != enc::MemSpace::Act ||
         (apart(yBase, cBase) && apart(yBase, hBase)))) {
      int32_t *cT = cellScratch.data(), *hT = cT + hidden;
      forEachRange(step, hidden, [&](int64_t firstCell, int64_t endCell) {
        updateCells(cell, acc.data() + gatesBase, act.data() + cBase, cT, hT,
                    firstCell, endCell);
      });
      if (active) {
        std::copy_n(cT, hidden, act.data() + cBase);
        std::copy_n(hT, hidden, act.data() + hBase);
      } else if (isEmpty(b)) {
        std::fill_n(act.data() + cBase, hidden, 0);
        std::fill_n(act.data() + hBase, hidden, 0);
      }
      if (inst.y) {
        int32_t *y =
            inst.y->space == enc::MemSpace::IO ? io.data() : act.data();
        if (active)
          std::copy_n(hT, hidden, y + yBase);
        else
          std::fill_n(y + yBase, hidden, 0);
      }
      continue;
    }
    for (int64_t j = 0; j < hidden; ++j) {
      int64_t cAddress = cBase + chunked(inst.c, j);
      int64_t cT, hT;
      updateCell<N>(cell, j, acc[gatesBase + chunked(inst.gates, j)],
                    acc[gatesBase + chunked(inst.gates, hidden + j)],
                    acc[gatesBase + chunked(inst.gates, 2 * hidden + j)],
                    acc[gatesBase + chunked(inst.gates, 3 * hidden + j)],
                    act[cAddress], cT, hT);
      if (active) {
        act[cAddress] = static_cast<int32_t>(cT);
        act[hBase + chunked(inst.h, j)] = static_cast<int32_t>(hT);
        if (inst.y)
          writeAct(inst.y->space, yBase + chunked(*inst.y, j), hT);
      } else {
        if (isEmpty(b)) {
          act[cAddress] = 0;
          act[hBase + chunked(inst.h, j)] = 0;
        }
        if (inst.y)
          writeAct(inst.y->space, yBase + chunked(*inst.y, j), 0);
      }
    }
  }
  return true;
}

bool Simulator::Impl::execute(const enc::ActInst &inst, const Step &step) {
  const LutTable &table = step.cell.f;
  for (int64_t i = 0; i < inst.batchCount; ++i) {
    int64_t b = inst.batchStart + i;
    int64_t srcBase = rowBase(inst.src, i, b),
            dstBase = rowBase(inst.dst, i, b);
    for (int64_t j = 0; j < inst.count; ++j)
      writeAct(
          inst.dst.space, dstBase + chunked(inst.dst, j),
          ovfAct(table.lookup(
              read(inst.src.space, srcBase + chunked(inst.src, j)), rounding)));
  }
  return true;
}

bool Simulator::Impl::execute(const enc::MoveInst &inst, const Step &) {
  for (int64_t i = 0; i < inst.batchCount; ++i) {
    int64_t b = inst.batchStart + i;
    int64_t srcBase = rowBase(inst.src, i, b),
            dstBase = rowBase(inst.dst, i, b);
    for (int64_t j = 0; j < inst.count; ++j)
      writeAct(
          inst.dst.space, dstBase + chunked(inst.dst, j),
          ovfAct(shift(read(inst.src.space, srcBase + chunked(inst.src, j)),
                       inst.shift)));
  }
  return true;
}

bool Simulator::Impl::execute(const enc::FillInst &inst, const Step &) {
  int64_t value = ovfAct(inst.value);
  for (int64_t i = 0; i < inst.batchCount; ++i) {
    int64_t dstBase = rowBase(inst.dst, i, inst.batchStart + i);
    for (int64_t j = 0; j < inst.count; ++j)
      writeAct(inst.dst.space, dstBase + chunked(inst.dst, j), value);
  }
  return true;
}

//===----------------------------------------------------------------------===//
// The host side (docs/ISA.md section 10)
//===----------------------------------------------------------------------===//

Expected<int64_t>
Simulator::Impl::getSeqLen(const std::vector<HostTensor> &inputs) const {
  if (inputs.size() != desc.inputs.size())
    return fail("the program has " + llvm::Twine(desc.inputs.size()) +
                " inputs, got " + llvm::Twine(inputs.size()));
  std::optional<int64_t> found;
  const std::string *foundName = nullptr;
  for (auto [tensorDesc, tensor] : llvm::zip(desc.inputs, inputs)) {
    if (tensor.shape.size() != tensorDesc.shape.size())
      return fail("input " + quoteTensorName(tensorDesc.name) + " has rank " +
                  llvm::Twine(tensor.shape.size()) + ", the program's has " +
                  llvm::Twine(tensorDesc.shape.size()));
    for (auto [dim, extent] : llvm::zip(tensorDesc.shape, tensor.shape)) {
      if (dim != mc::TensorDesc::kSeqDim)
        continue;
      if (found && *found != extent)
        return fail("inputs " + quoteTensorName(*foundName) + " and " +
                    quoteTensorName(tensorDesc.name) +
                    " disagree on the sequence length: " + llvm::Twine(*found) +
                    " and " + llvm::Twine(extent));
      found = extent;
      foundName = &tensorDesc.name;
    }
  }
  int64_t length = found.value_or(desc.maxSeqLen);
  if (length < 1 || length > desc.maxSeqLen)
    return fail("sequence length " + llvm::Twine(length) +
                " is outside 1 to the program's max_seq_len " +
                llvm::Twine(desc.maxSeqLen));
  return length;
}

llvm::Error
Simulator::Impl::writeInputs(const std::vector<HostTensor> &inputs) {
  for (auto [tensorDesc, tensor] : llvm::zip(desc.inputs, inputs)) {
    std::string name = quoteTensorName(tensorDesc.name);
    int64_t count = 1;
    for (auto [dim, extent] : llvm::zip(tensorDesc.shape, tensor.shape)) {
      if (dim != mc::TensorDesc::kSeqDim && dim != extent)
        return fail("input " + name + " has shape dimension " +
                    llvm::Twine(extent) + " where the program has " +
                    llvm::Twine(dim));
      count *= extent;
    }
    size_t given =
        tensorDesc.isLengths ? tensor.lengths.size() : tensor.data.size();
    if (given != static_cast<size_t>(count))
      return fail("input " + name + " holds " + llvm::Twine(given) +
                  " values, its shape needs " + llvm::Twine(count));
    std::vector<int64_t> strides = getIOStrides(tensorDesc, desc.maxSeqLen);
    int32_t *base = io.data() + tensorDesc.ioAddress;
    if (tensorDesc.isLengths) {
      forEachElement(tensor.shape, strides, [&](int64_t flat, int64_t offset) {
        base[offset] = tensor.lengths[flat];
      });
      continue;
    }
    for (size_t flat = 0; flat < tensor.data.size(); ++flat)
      if (std::isnan(tensor.data[flat]))
        return fail("input " + name + " element " + llvm::Twine(flat) +
                    " is NaN");
    double scale = std::ldexp(1.0, tensorDesc.fracBits);
    forEachElement(tensor.shape, strides, [&](int64_t flat, int64_t offset) {
      base[offset] = static_cast<int32_t>(
          quantizeScaled(tensor.data[flat], scale, tensorDesc.fracBits, actBits,
                         rounding, overflow));
    });
  }
  return llvm::Error::success();
}

std::vector<HostTensor> Simulator::Impl::readOutputs() const {
  std::vector<HostTensor> outputs;
  for (const mc::TensorDesc &tensorDesc : desc.outputs) {
    HostTensor &tensor = outputs.emplace_back();
    tensor.shape = tensorDesc.shape;
    int64_t count = 1;
    for (int64_t &dim : tensor.shape) {
      if (dim == mc::TensorDesc::kSeqDim)
        dim = seqLen;
      count *= dim;
    }
    std::vector<int64_t> strides = getIOStrides(tensorDesc, desc.maxSeqLen);
    const int32_t *base = io.data() + tensorDesc.ioAddress;
    if (tensorDesc.isLengths) {
      tensor.lengths.resize(count);
      forEachElement(tensor.shape, strides, [&](int64_t flat, int64_t offset) {
        tensor.lengths[flat] = base[offset];
      });
      continue;
    }
    tensor.data.resize(count);
    // code * 2^-f is exact in a float: codes have at most 16 bits and
    // 2^-f, |f| <= 64, is a normal float.
    float scale = std::ldexp(1.0f, -tensorDesc.fracBits);
    forEachElement(tensor.shape, strides, [&](int64_t flat, int64_t offset) {
      int64_t code = signExtend(static_cast<uint32_t>(base[offset]), actBits);
      tensor.data[flat] = static_cast<float>(code) * scale;
    });
  }
  return outputs;
}

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
