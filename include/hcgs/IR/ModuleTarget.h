//===- ModuleTarget.h - targets as attributes -------------------*- C++ -*-===//
//
// A target travels in IR as a dictionary of its parameters by key
// (TargetParams.def): the module attribute `hcgs.target`, which the
// compiler's passes read (so compiled IR says what it was compiled for), and
// the `target` of an hcgs_isa.program. One writer and one reader serve both.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_IR_MODULETARGET_H
#define HCGS_IR_MODULETARGET_H

#include "hcgs/Runtime/Target/Target.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"

namespace hcgs {

constexpr llvm::StringLiteral kTargetAttrName = "hcgs.target";

/// A dictionary entry naming a preset that the other entries override
/// (`{preset = "jssc2020", mac_lanes = 128 : i64}`).
constexpr llvm::StringLiteral kTargetPresetKey = "preset";

/// Every parameter of `target` by its key, typed by its kind: strings and
/// enums as strings, integers as i64, reals as f64, lists as arrays of i64.
mlir::DictionaryAttr getTargetAttr(mlir::MLIRContext *context,
                                   const Target &target);

/// Whether a dictionary without a preset entry must give every parameter.
enum class MissingParameters { KeepDefault, AreErrors };

/// The target `dict` describes, validated: the preset it names (or the
/// default preset) with its other entries applied. The error names the
/// entry.
llvm::Expected<Target> parseTargetAttr(mlir::DictionaryAttr dict,
                                       MissingParameters missing);

/// Stores every parameter of `target` on `module` as `hcgs.target`.
void setModuleTarget(mlir::ModuleOp module, const Target &target);

/// The target `hcgs.target` describes, validated (missing parameters keep
/// the default preset's values); the default preset when the module has
/// none.
llvm::Expected<Target> getModuleTarget(mlir::ModuleOp module);

/// getModuleTarget for passes: a problem is emitted as an error on the
/// module.
mlir::FailureOr<Target> getModuleTargetOrEmit(mlir::ModuleOp module);

} // namespace hcgs

#endif // HCGS_IR_MODULETARGET_H
