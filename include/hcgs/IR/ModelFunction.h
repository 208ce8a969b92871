//===- ModelFunction.h - the model's function @main -------------*- C++ -*-===//
//
// A model is the module's `func.func @main`: its arguments and results are
// the model's inputs and outputs. Every pass and tool finds it here, with
// the same message when it is missing.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_IR_MODELFUNCTION_H
#define HCGS_IR_MODELFUNCTION_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

namespace hcgs {

/// The model's @main, with a body, or an error saying what is missing.
llvm::Expected<mlir::func::FuncOp> getModelFunction(mlir::ModuleOp module);

/// getModelFunction for passes: a problem is emitted as an error on the
/// module.
mlir::FailureOr<mlir::func::FuncOp>
getModelFunctionOrEmit(mlir::ModuleOp module);

} // namespace hcgs

#endif // HCGS_IR_MODELFUNCTION_H
