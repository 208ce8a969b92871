//===- HCGSDialect.h - the model-level hcgs dialect -------------*- C++ -*-===//

#ifndef HCGS_DIALECT_HCGS_HCGSDIALECT_H
#define HCGS_DIALECT_HCGS_HCGSDIALECT_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Dialect.h"

#include "HCGS/HCGSDialect.h.inc"

#endif // HCGS_DIALECT_HCGS_HCGSDIALECT_H
