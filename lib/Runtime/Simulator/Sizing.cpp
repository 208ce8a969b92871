//===- Sizing.cpp - how far each memory reaches ---------------------------===//

#include "Machine.h"

using namespace hcgs;
using namespace hcgs::sim;
using hcgs::mc::quoteTensorName;

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
