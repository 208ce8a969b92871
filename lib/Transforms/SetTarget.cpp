//===- SetTarget.cpp - choose the target a module is compiled for ---------===//

#include "hcgs/Transforms/Passes.h"
#include "hcgs/Utils/ModuleTarget.h"

namespace hcgs {
#define GEN_PASS_DEF_SETTARGET
#include "hcgs/Transforms/Passes.h.inc"
} // namespace hcgs

using namespace mlir;
using namespace hcgs;

namespace {
struct SetTargetPass : hcgs::impl::SetTargetBase<SetTargetPass> {
  using SetTargetBase::SetTargetBase;

  void runOnOperation() override {
    llvm::Expected<Target> target = resolveTarget(targetName, targetConfig);
    llvm::Error error = target.takeError();
    if (!error && weightBits)
      target->weightBits = weightBits;
    if (!error && actBits)
      target->actBits = actBits;
    if (!error && memoryKB)
      error = setParameterMemoryKB(*target, memoryKB);
    if (!error)
      error = validateTarget(*target);
    if (error) {
      getOperation().emitError() << llvm::toString(std::move(error));
      return signalPassFailure();
    }
    setModuleTarget(getOperation(), *target);
  }
};
} // namespace
