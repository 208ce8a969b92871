//===- ModelFunction.cpp - the model's function @main ---------------------===//

#include "hcgs/IR/ModelFunction.h"

using namespace mlir;

llvm::Expected<func::FuncOp> hcgs::getModelFunction(ModuleOp module) {
  auto main = module.lookupSymbol<func::FuncOp>("main");
  if (!main)
    return llvm::createStringError("the model has no function @main");
  if (main.isExternal())
    return llvm::createStringError("@main has no body");
  return main;
}

FailureOr<func::FuncOp> hcgs::getModelFunctionOrEmit(ModuleOp module) {
  llvm::Expected<func::FuncOp> main = getModelFunction(module);
  if (!main) {
    module.emitError() << llvm::toString(main.takeError());
    return failure();
  }
  return *main;
}
