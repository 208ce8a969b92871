//===- Passes.h - passes over the hcgs dialect ------------------*- C++ -*-===//

#ifndef HCGS_TRANSFORMS_PASSES_H
#define HCGS_TRANSFORMS_PASSES_H

#include "hcgs/Runtime/Target/Target.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

#include <memory>

namespace hcgs {

#define GEN_PASS_DECL
#include "hcgs/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "hcgs/Transforms/Passes.h.inc"

} // namespace hcgs

#endif // HCGS_TRANSFORMS_PASSES_H
