//===- SetTarget.cpp - choose the target a module is compiled for ---------===//

#include "hcgs/Transforms/Passes.h"
#include "hcgs/IR/ModuleTarget.h"

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
    llvm::Expected<Target> target = selectTarget(
        {targetName, targetConfig, getTargetOverride(weightBits),
         getTargetOverride(actBits), getTargetOverride(memoryKB)});
    if (!target) {
      getOperation().emitError() << llvm::toString(target.takeError());
      return signalPassFailure();
    }
    setModuleTarget(getOperation(), *target);
  }
};
} // namespace
