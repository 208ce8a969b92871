//===- Constants.cpp - read and write constant weight tensors -------------===//

#include "hcgs/IR/Constants.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

using namespace mlir;

static llvm::Error constantError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Expected<ArrayRef<float>>
hcgs::viewConstantFloats(Value value, std::vector<float> &storage) {
  auto constant = value.getDefiningOp<arith::ConstantOp>();
  if (!constant)
    return constantError("is not a constant");
  auto type = dyn_cast<RankedTensorType>(constant.getType());
  if (!type || !type.getElementType().isF32() || !type.hasStaticShape())
    return constantError("is not a static f32 tensor constant");
  Attribute attr = constant.getValue();
  if (auto dense = dyn_cast<DenseFPElementsAttr>(attr)) {
    storage.clear();
    storage.reserve(type.getNumElements());
    for (float v : dense.getValues<float>())
      storage.push_back(v);
    return ArrayRef<float>(storage);
  }
  if (auto resource = dyn_cast<DenseF32ResourceElementsAttr>(attr)) {
    std::optional<ArrayRef<float>> data = resource.tryGetAsArrayRef();
    if (!data)
      return constantError("holds a dense_resource whose data is missing "
                           "(elided when the IR was printed?)");
    if (static_cast<int64_t>(data->size()) != type.getNumElements())
      return constantError("holds " + llvm::Twine(data->size()) +
                           " values for a tensor of " +
                           llvm::Twine(type.getNumElements()));
    return *data;
  }
  return constantError("holds an attribute that is not a dense f32 tensor");
}

llvm::Expected<std::vector<float>> hcgs::readConstantFloats(Value value) {
  std::vector<float> storage;
  llvm::Expected<ArrayRef<float>> view = viewConstantFloats(value, storage);
  if (!view)
    return view.takeError();
  if (view->data() == storage.data())
    return storage;
  return std::vector<float>(view->begin(), view->end());
}

Value hcgs::createConstantFloats(OpBuilder &builder, Location loc,
                                 RankedTensorType type,
                                 std::vector<float> values, StringRef name) {
  TypedAttr attr;
  if (values.size() <= kMaxInlineConstantElements) {
    attr = DenseElementsAttr::get(type, ArrayRef<float>(values));
  } else {
    // Weights are not copied.
    attr = cast<TypedAttr>(DenseF32ResourceElementsAttr::get(
        type, name, makeOwningBlob(std::move(values))));
  }
  return arith::ConstantOp::create(builder, loc, type, attr);
}

Value hcgs::createConstantFloats(OpBuilder &builder, Location loc,
                                 RankedTensorType type, ArrayRef<float> values,
                                 StringRef name) {
  return createConstantFloats(builder, loc, type,
                              std::vector<float>(values.begin(), values.end()),
                              name);
}

void hcgs::replaceConstantOperand(Operation *op, unsigned index,
                                  std::vector<float> values, StringRef name) {
  Value old = op->getOperand(index);
  OpBuilder builder(op);
  op->setOperand(index, createConstantFloats(
                            builder, old.getLoc(),
                            cast<RankedTensorType>(old.getType()),
                            std::move(values), name));
  if (Operation *def = old.getDefiningOp(); def && def->use_empty())
    def->erase();
}
