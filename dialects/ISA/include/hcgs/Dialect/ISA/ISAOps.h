//===- ISAOps.h - hcgs_isa instructions and programs ------------*- C++ -*-===//

#ifndef HCGS_DIALECT_ISA_ISAOPS_H
#define HCGS_DIALECT_ISA_ISAOPS_H

// MLIR 22's generated op classes need Builders.h before the rest.
#include "mlir/IR/Builders.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"

#include "hcgs/Dialect/ISA/ISAAttrs.h"
#include "hcgs/Dialect/ISA/ISADialect.h"

#define GET_OP_CLASSES
#include "hcgs/Dialect/ISA/ISAOps.h.inc"

#endif // HCGS_DIALECT_ISA_ISAOPS_H
