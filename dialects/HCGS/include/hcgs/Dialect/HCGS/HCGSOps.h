//===- HCGSOps.h - hcgs operations ------------------------------*- C++ -*-===//

#ifndef HCGS_DIALECT_HCGS_HCGSOPS_H
#define HCGS_DIALECT_HCGS_HCGSOPS_H

#include "mlir/IR/Builders.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "hcgs/Dialect/HCGS/HCGSAttrs.h"
#include "hcgs/Dialect/HCGS/HCGSDialect.h"

#define GET_OP_CLASSES
#include "hcgs/Dialect/HCGS/HCGSOps.h.inc"

#endif // HCGS_DIALECT_HCGS_HCGSOPS_H
