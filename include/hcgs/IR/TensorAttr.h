//===- TensorAttr.h - tensor files as MLIR constants ------------*- C++ -*-===//

#ifndef HCGS_IR_TENSORATTR_H
#define HCGS_IR_TENSORATTR_H

#include "hcgs/Runtime/Tensor/Tensor.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/Support/Error.h"

namespace hcgs {

/// The values of a tensor as a DenseElementsAttr of its shape: float32
/// tensors as f32, int32 tensors as i32 (sequence lengths); other element
/// types are refused.
llvm::Expected<mlir::DenseElementsAttr>
tensorToElementsAttr(const Tensor &tensor, mlir::MLIRContext *context);

/// Reads a .npy or ONNX TensorProto .pb file (see readTensorFile) as a
/// DenseElementsAttr; errors start with the path.
llvm::Expected<mlir::DenseElementsAttr>
readTensorFileAsAttr(llvm::StringRef path, mlir::MLIRContext *context);

} // namespace hcgs

#endif // HCGS_IR_TENSORATTR_H
