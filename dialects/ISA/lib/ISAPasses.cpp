//===- ISAPasses.cpp - passes over hcgs_isa programs ----------------------===//

#include "hcgs/Dialect/ISA/ISAPasses.h"
#include "hcgs/Dialect/ISA/ISARecords.h"

#include "llvm/Support/Format.h"

namespace hcgs::isa {
#define GEN_PASS_DEF_ISAENCODINGROUNDTRIP
#include "hcgs/Dialect/ISA/ISAPasses.h.inc"
} // namespace hcgs::isa

using namespace mlir;
using namespace hcgs::isa;
using namespace hcgs::mc;

namespace {
struct EncodingRoundTripPass
    : hcgs::isa::impl::ISAEncodingRoundTripBase<EncodingRoundTripPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<ProgramOp> programs;
    getOperation().walk(
        [&](ProgramOp program) { programs.push_back(program); });
    for (ProgramOp program : programs) {
      if (printWords)
        printEncodings(program);
      FailureOr<std::vector<uint32_t>> words = encodeProgramBody(program);
      if (failed(words) || failed(decodeProgramBody(program, *words)))
        return signalPassFailure();
    }
  }

  void printEncodings(ProgramOp program) {
    program.getBody().walk<WalkOrder::PreOrder>([](Operation *op) {
      std::optional<enc::Instruction> record = toInstructionRecord(op);
      if (!record || !enc::checkFieldRanges(*record).empty())
        return;
      std::vector<uint32_t> words;
      enc::encode(*record, words);
      std::string text = "words";
      llvm::raw_string_ostream os(text);
      for (uint32_t word : words)
        os << ' ' << llvm::format_hex(word, 10);
      op->emitRemark(text);
    });
  }
};
} // namespace
