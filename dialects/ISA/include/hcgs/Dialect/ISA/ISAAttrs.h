//===- ISAAttrs.h - hcgs_isa operands and program attributes ----*- C++ -*-===//

#ifndef HCGS_DIALECT_ISA_ISAATTRS_H
#define HCGS_DIALECT_ISA_ISAATTRS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectImplementation.h"

#include "hcgs/Dialect/HCGS/HCGSAttrs.h"

#include "hcgs/Dialect/ISA/ISAEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "hcgs/Dialect/ISA/ISAAttrs.h.inc"

namespace hcgs::isa {
/// Whether `attr` can be a memory image: a 1-D tensor of 8-bit integers,
/// dense or dense_resource.
bool isMemoryImage(mlir::ElementsAttr attr);
} // namespace hcgs::isa

#endif // HCGS_DIALECT_ISA_ISAATTRS_H
