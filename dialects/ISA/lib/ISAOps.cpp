//===- ISAOps.cpp - hcgs_isa instructions and programs --------------------===//

#include "hcgs/Dialect/ISA/ISAOps.h"
#include "hcgs/Dialect/ISA/ISARecords.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace hcgs;
using namespace hcgs::isa;
using namespace hcgs::mc;

#define GET_OP_CLASSES
#include "hcgs/Dialect/ISA/ISAOps.cpp.inc"

/// The checks an instruction can make alone: its values fit their fields and
/// describe something the machine can do (lib/Runtime/MachineCode, docs/ISA.md section 12).
static LogicalResult verifyInstruction(Operation *op) {
  std::optional<enc::Instruction> record = toInstructionRecord(op);
  assert(record && "not an instruction op");
  std::string problem =
      checkInstruction(*record, llvm::isa<LoopOp>(op->getParentOp()));
  if (!problem.empty())
    return op->emitOpError(problem);
  return success();
}

LogicalResult LoopOp::verify() {
  for (Operation &inner : getBody().front())
    if (!toInstructionRecord(&inner))
      return inner.emitOpError("cannot be in a loop: loop bodies hold "
                               "hcgs_isa instructions");
  return verifyInstruction(*this);
}
LogicalResult SetLenOp::verify() { return verifyInstruction(*this); }
LogicalResult MvmOp::verify() { return verifyInstruction(*this); }
LogicalResult LstmCellOp::verify() { return verifyInstruction(*this); }
LogicalResult ActOp::verify() { return verifyInstruction(*this); }
LogicalResult MoveOp::verify() { return verifyInstruction(*this); }
LogicalResult FillOp::verify() { return verifyInstruction(*this); }

LogicalResult ProgramOp::verify() {
  for (Operation &op : getBodyBlock())
    if (!toInstructionRecord(&op))
      return op.emitOpError("cannot be in a program: programs hold hcgs_isa "
                            "instructions");
  for (ArrayAttr tensors : {getInputs(), getOutputs()})
    for (Attribute tensor : tensors)
      if (!llvm::isa<TensorAttr>(tensor))
        return emitOpError("inputs and outputs must be #hcgs_isa.tensor");
  std::string problem =
      checkTensors(getTensorDescs(getInputs()), getTensorDescs(getOutputs()));
  if (!problem.empty())
    return emitOpError(problem);
  return success();
}

LogicalResult ProgramOp::verifyRegions() {
  // Everything the target decides: the program carries its target, so every
  // program the IR accepts is one the machine can load.
  FailureOr<Target> target = getProgramTarget(*this);
  if (failed(target))
    return failure();
  return verifyProgram(*this, *target);
}
