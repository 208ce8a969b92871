//===- TensorAttr.cpp - tensor files as MLIR constants --------------------===//

#include "hcgs/IR/TensorAttr.h"

#include "hcgs/Runtime/Tensor/TensorIO.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace hcgs;

llvm::Expected<DenseElementsAttr>
hcgs::tensorToElementsAttr(const Tensor &tensor, MLIRContext *context) {
  Builder builder(context);
  switch (tensor.getElementType()) {
  case ElementType::Float32:
    return DenseElementsAttr::get(
        RankedTensorType::get(tensor.getShape(), builder.getF32Type()),
        tensor.getValues<float>());
  case ElementType::Int32:
    return DenseElementsAttr::get(
        RankedTensorType::get(tensor.getShape(), builder.getI32Type()),
        tensor.getValues<int32_t>());
  default:
    return llvm::createStringError(
        "has element type " + getElementTypeName(tensor.getElementType()) +
        ", expected f32 (or i32 for sequence lengths)");
  }
}

llvm::Expected<DenseElementsAttr>
hcgs::readTensorFileAsAttr(llvm::StringRef path, MLIRContext *context) {
  llvm::Expected<Tensor> tensor = readTensorFile(path);
  if (!tensor)
    return tensor.takeError();
  llvm::Expected<DenseElementsAttr> attr =
      tensorToElementsAttr(*tensor, context);
  if (!attr)
    return llvm::createStringError(path + ": " +
                                   llvm::toString(attr.takeError()));
  return attr;
}
