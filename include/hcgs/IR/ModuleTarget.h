//===- ModuleTarget.h - the target a module is compiled for -----*- C++ -*-===//
//
// The compiler's passes read the target from the module they work on: the
// attribute `hcgs.target` holds every parameter (as targetToJSON writes
// them), so compiled IR says what it was compiled for.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_IR_MODULETARGET_H
#define HCGS_IR_MODULETARGET_H

#include "hcgs/Runtime/Target/Target.h"

#include "mlir/IR/BuiltinOps.h"

namespace hcgs {

constexpr llvm::StringLiteral kTargetAttrName = "hcgs.target";

/// Stores every parameter of `target` on `module` as `hcgs.target`.
void setModuleTarget(mlir::ModuleOp module, const Target &target);

/// The target `hcgs.target` describes, validated; the default preset when
/// the module has none.
llvm::Expected<Target> getModuleTarget(mlir::ModuleOp module);

/// getModuleTarget for passes: a problem is emitted as an error on the
/// module.
mlir::FailureOr<Target> getModuleTargetOrEmit(mlir::ModuleOp module);

/// The JSON form of a target parameter's attribute (an integer, float,
/// string or array of them), as applyTargetOverrides reads it; std::nullopt
/// for any other attribute.
std::optional<llvm::json::Value> targetParamToJSON(mlir::Attribute attr);

} // namespace hcgs

#endif // HCGS_IR_MODULETARGET_H
