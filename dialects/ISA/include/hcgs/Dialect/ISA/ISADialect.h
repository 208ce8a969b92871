//===- ISADialect.h - the accelerator's instruction set ---------*- C++ -*-===//

#ifndef HCGS_DIALECT_ISA_ISADIALECT_H
#define HCGS_DIALECT_ISA_ISADIALECT_H

#include "mlir/IR/Dialect.h"

#include "hcgs/Dialect/ISA/ISADialect.h.inc"

#endif // HCGS_DIALECT_ISA_ISADIALECT_H
