//===- Machine.h - the simulator's state and its parts ---------*- C++ -*-===//
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
// Simulator::Impl is split by job: Sizing.cpp (how far each memory reaches),
// Decoding.cpp (each instruction made ready once: matrices, parameters),
// Execution.cpp (docs/ISA.md section 6), HostIO.cpp (section 10) and
// Simulator.cpp (the run loop and the public API).
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_RUNTIME_SIMULATOR_MACHINE_H
#define HCGS_LIB_RUNTIME_SIMULATOR_MACHINE_H

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

namespace hcgs::sim {

namespace enc = hcgs::mc::enc;
using llvm::Expected;

inline llvm::Error fail(const llvm::Twine &message) {
  return llvm::createStringError(message);
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
  /// Writes ovfAct(map(x)) for each element x of an act or move's src to
  /// the same element of its dst.
  template <typename ElementwiseInst, typename Map>
  void mapElements(const ElementwiseInst &inst, Map map);
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


} // namespace hcgs::sim

#endif // HCGS_LIB_RUNTIME_SIMULATOR_MACHINE_H
