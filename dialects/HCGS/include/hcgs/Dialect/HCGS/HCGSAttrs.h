//===- HCGSAttrs.h - hcgs attributes ----------------------------*- C++ -*-===//

#ifndef HCGS_DIALECT_HCGS_HCGSATTRS_H
#define HCGS_DIALECT_HCGS_HCGSATTRS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectImplementation.h"

#include <optional>
#include <vector>

#include "hcgs/Dialect/HCGS/HCGSEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "hcgs/Dialect/HCGS/HCGSAttrs.h.inc"

#endif // HCGS_DIALECT_HCGS_HCGSATTRS_H
