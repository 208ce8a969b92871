//===- ISAPasses.h - passes over hcgs_isa programs --------------*- C++ -*-===//

#ifndef HCGS_DIALECT_ISA_ISAPASSES_H
#define HCGS_DIALECT_ISA_ISAPASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace hcgs::isa {

#define GEN_PASS_DECL
#include "hcgs/Dialect/ISA/ISAPasses.h.inc"

#define GEN_PASS_REGISTRATION
#include "hcgs/Dialect/ISA/ISAPasses.h.inc"

} // namespace hcgs::isa

#endif // HCGS_DIALECT_ISA_ISAPASSES_H
