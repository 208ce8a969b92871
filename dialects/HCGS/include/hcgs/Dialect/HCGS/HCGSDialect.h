//===- HCGSDialect.h - the model-level hcgs dialect -------------*- C++ -*-===//

#ifndef HCGS_DIALECT_HCGS_HCGSDIALECT_H
#define HCGS_DIALECT_HCGS_HCGSDIALECT_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Dialect.h"

#include "hcgs/Dialect/HCGS/HCGSDialect.h.inc"

namespace hcgs {
/// The graph name of a model input or output: a string attribute on each
/// argument and result of @main.
constexpr llvm::StringLiteral kNameAttrName = "hcgs.name";
/// The fixed-point format of a model input (a #hcgs.fixed on an argument of
/// @main), set by quantization.
constexpr llvm::StringLiteral kFormatAttrName = "hcgs.format";
} // namespace hcgs

#endif // HCGS_DIALECT_HCGS_HCGSDIALECT_H
