//===- Constants.h - read and write constant weight tensors -----*- C++ -*-===//

#ifndef HCGS_IR_CONSTANTS_H
#define HCGS_IR_CONSTANTS_H

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace hcgs {

/// The elements of a constant f32 tensor, row-major: `value` must be
/// produced by an arith.constant holding a dense or dense_resource
/// attribute. Fails, saying why, for anything else (a function argument, an
/// elided resource, another element type).
llvm::Expected<std::vector<float>> readConstantFloats(mlir::Value value);

/// The same elements without copying a dense_resource blob: a view of the
/// blob (alive as long as the context), or of `storage`, which receives the
/// elements of an inline constant.
llvm::Expected<llvm::ArrayRef<float>>
viewConstantFloats(mlir::Value value, std::vector<float> &storage);

/// Constants up to this many elements are written inline (dense<...>),
/// larger ones as dense_resource blobs, so the IR stays readable.
constexpr size_t kMaxInlineConstantElements = 256;

/// A resource blob that takes `values`' storage over instead of copying it.
template <typename T>
mlir::AsmResourceBlob makeOwningBlob(std::vector<T> values) {
  auto *owned = new std::vector<T>(std::move(values));
  return mlir::AsmResourceBlob(
      llvm::ArrayRef<T>(*owned),
      [owned](void *, size_t, size_t) { delete owned; },
      /*dataIsMutable=*/true);
}

/// Creates an arith.constant of `type` holding `values`: inline when small,
/// otherwise as a dense_resource blob named after `name` (made unique if
/// taken), which takes the vector's storage over rather than copying it.
mlir::Value createConstantFloats(mlir::OpBuilder &builder, mlir::Location loc,
                                 mlir::RankedTensorType type,
                                 std::vector<float> values,
                                 llvm::StringRef name);
mlir::Value createConstantFloats(mlir::OpBuilder &builder, mlir::Location loc,
                                 mlir::RankedTensorType type,
                                 llvm::ArrayRef<float> values,
                                 llvm::StringRef name);

/// Makes operand `index` of `op`, a constant, a new constant holding
/// `values` (see createConstantFloats), and erases the old constant if
/// nothing else uses it.
void replaceConstantOperand(mlir::Operation *op, unsigned index,
                            std::vector<float> values, llvm::StringRef name);

} // namespace hcgs

#endif // HCGS_IR_CONSTANTS_H
