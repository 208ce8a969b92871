//===- LinearOps.cpp - Gemm, MatMul and bias Add to hcgs.fc ---------------===//
//
// Exporters write a fully connected layer as Gemm (2-D input) or as MatMul
// followed by Add (inputs of higher rank). Both become hcgs.fc, whose weight
// is [out, in]; an Add of a constant bias folds into the hcgs.fc before it.
//
//===----------------------------------------------------------------------===//

#include "GraphImporter.h"

#include "hcgs/Dialect/HCGS/HCGSOps.h"

using namespace mlir;

namespace hcgs::onnximport {
namespace {

/// A weight matrix for hcgs.fc ([out, in]) from a matrix `matrix` that is
/// [in, out] unless `isOutByIn`, scaled by `scale` (only for constants).
Expected<Value> getFCWeight(GraphImporter &importer, const Node &node,
                            size_t index, bool isOutByIn, float scale) {
  Expected<ImportedValue> matrix = importer.getInput(node, index);
  if (!matrix)
    return matrix.takeError();
  ArrayRef<int64_t> shape = matrix->getShape();
  if (shape.size() != 2)
    return makeError("the weight (input " + Twine(index) +
                     ") must be a matrix, got the shape " + formatShape(shape));
  if (!matrix->isHost()) {
    if (scale != 1.0f)
      return makeError("scaling a run-time weight (alpha = " +
                       formatFloat(scale) + ") is not supported");
    if (isOutByIn)
      return matrix->value;
    Expected<TransposeOp> op = importer.create<TransposeOp>(
        node, importer.getTensorType({shape[1], shape[0]}, ElementKind::F32),
        matrix->value, importer.getBuilder().getDenseI64ArrayAttr({1, 0}));
    if (!op)
      return op.takeError();
    return op->getResult();
  }
  const KnownTensor &host = *matrix->host;
  if (host.getKind() != ElementKind::F32 || !host.hasStaticShape())
    return makeError("the weight (input " + Twine(index) +
                     ") must be a float32 matrix of static shape");
  if (isOutByIn && scale == 1.0f)
    return importer.getValueInput(node, index);
  // Transpose (and scale) on the host, so the IR holds the [out, in] weight.
  int64_t rows = isOutByIn ? shape[0] : shape[1];
  int64_t cols = isOutByIn ? shape[1] : shape[0];
  std::vector<float> values;
  values.reserve(rows * cols);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      values.push_back(
          scale * host.getFloats()[isOutByIn ? r * cols + c : c * rows + r]);
  return importer.createConstant(
      KnownTensor::getFloats({rows, cols}, std::move(values)),
      node.getInputName(index), importer.getLoc(node));
}

/// The bias [out] that `addend` (of a shape broadcastable to `outShape`
/// without changing it, and constant along every dimension but the last)
/// gives, times `scale`.
Expected<KnownTensor> getFCBias(const KnownTensor &addend,
                               ArrayRef<int64_t> outShape, float scale) {
  ArrayRef<int64_t> shape = addend.getShape();
  int64_t out = outShape.back();
  bool fits = addend.getKind() == ElementKind::F32 && addend.hasStaticShape() &&
              shape.size() <= outShape.size() &&
              (shape.empty() || shape.back() == 1 || shape.back() == out) &&
              llvm::all_of(shape.drop_back(), [](int64_t d) { return d == 1; });
  if (!fits)
    return makeError("the bias has the shape " + formatShape(shape) +
                     ", which is not one value per output feature of " +
                     formatShape(outShape));
  bool perFeature = !shape.empty() && shape.back() == out;
  std::vector<float> values;
  for (int64_t i = 0; i < out; ++i)
    values.push_back(scale *
                     static_cast<float>(addend.getDouble(perFeature ? i : 0)));
  return KnownTensor::getFloats({out}, std::move(values));
}

/// The fc result type: the input's shape with `out` last.
RankedTensorType getFCResultType(GraphImporter &importer, Value input,
                                 int64_t out) {
  SmallVector<int64_t> shape(
      cast<RankedTensorType>(input.getType()).getShape());
  shape.back() = out;
  return importer.getTensorType(shape, ElementKind::F32);
}

int64_t getRows(Value weight) {
  return cast<RankedTensorType>(weight.getType()).getDimSize(0);
}

Error importMatMul(GraphImporter &importer, const Node &node) {
  if (Error error = node.checkArity(2, 2, 1))
    return error;
  if (Error error = node.checkAttributes({}))
    return error;
  Expected<ImportedValue> a = importer.getInput(node, 0);
  if (!a)
    return a.takeError();
  if (a->isHost())
    return makeError("the first input is a constant; hcgs imports MatMul "
                     "as a layer applied to run-time data");
  if (a->getShape().empty())
    return makeError("the first input is a scalar");
  Expected<Value> weight =
      getFCWeight(importer, node, 1, /*isOutByIn=*/false, 1.0f);
  if (!weight)
    return weight.takeError();
  Expected<FCOp> fc = importer.create<FCOp>(
      node, getFCResultType(importer, a->value, getRows(*weight)), a->value,
      *weight, Value(), BlockMaskAttr(), FCQuantAttr());
  if (!fc)
    return fc.takeError();
  return importer.setOutput(node, 0, {nullptr, fc->getResult()});
}

Error importGemm(GraphImporter &importer, const Node &node) {
  bool hasOptionalC = node.getOpset() >= 11;
  if (Error error = node.checkArity(hasOptionalC ? 2 : 3, 3, 1))
    return error;
  if (Error error = node.checkAttributes({"alpha", "beta", "transA", "transB"}))
    return error;
  Expected<float> alpha = node.getFloat("alpha", 1.0f);
  if (!alpha)
    return alpha.takeError();
  Expected<float> beta = node.getFloat("beta", 1.0f);
  if (!beta)
    return beta.takeError();
  Expected<int64_t> transA = node.getInt("transA", 0);
  if (!transA)
    return transA.takeError();
  Expected<int64_t> transB = node.getInt("transB", 0);
  if (!transB)
    return transB.takeError();

  Expected<ImportedValue> a = importer.getInput(node, 0);
  if (!a)
    return a.takeError();
  if (a->isHost())
    return makeError("the first input is a constant; hcgs imports Gemm as a "
                     "layer applied to run-time data");
  ArrayRef<int64_t> aShape = a->getShape();
  if (aShape.size() != 2)
    return makeError("A must be a matrix, got the shape " +
                     formatShape(aShape));
  Value input = a->value;
  if (*transA) {
    Expected<TransposeOp> op = importer.create<TransposeOp>(
        node, importer.getTensorType({aShape[1], aShape[0]}, ElementKind::F32),
        input, importer.getBuilder().getDenseI64ArrayAttr({1, 0}));
    if (!op)
      return op.takeError();
    input = op->getResult();
  }
  Expected<Value> weight =
      getFCWeight(importer, node, 1, /*isOutByIn=*/*transB != 0, *alpha);
  if (!weight)
    return weight.takeError();
  RankedTensorType resultType =
      getFCResultType(importer, input, getRows(*weight));

  Value bias;
  if (node.hasInput(2) && *beta != 0.0f) {
    Expected<std::shared_ptr<const KnownTensor>> c =
        importer.getHostInput(node, 2, "C");
    if (!c)
      return c.takeError();
    Expected<KnownTensor> values = getFCBias(**c, resultType.getShape(), *beta);
    if (!values)
      return values.takeError();
    Expected<Value> constant = importer.createConstant(
        *values, node.getInputName(2), importer.getLoc(node));
    if (!constant)
      return constant.takeError();
    bias = *constant;
  }
  Expected<FCOp> fc = importer.create<FCOp>(node, resultType, input, *weight,
                                            bias, BlockMaskAttr(),
                                            FCQuantAttr());
  if (!fc)
    return fc.takeError();
  return importer.setOutput(node, 0, {nullptr, fc->getResult()});
}

/// Add: the bias of the hcgs.fc that computes the other operand. The
/// bias-less hcgs.fc stays for any other reader and is removed when dead.
Error importAdd(GraphImporter &importer, const Node &node) {
  if (Error error = node.checkArity(2, 2, 1))
    return error;
  if (Error error = node.checkAttributes({}))
    return error;
  for (size_t layer : {0, 1}) {
    ImportedValue *product = importer.lookup(node.getInputName(layer));
    ImportedValue *addend = importer.lookup(node.getInputName(1 - layer));
    if (product->isHost() || !addend->isHost())
      continue;
    auto fc = product->value.getDefiningOp<FCOp>();
    if (!fc || fc.getBias())
      continue;
    Expected<KnownTensor> values =
        getFCBias(*addend->host, fc.getType().getShape(), 1.0f);
    if (!values)
      return values.takeError();
    Expected<Value> bias = importer.createConstant(
        *values, node.getInputName(1 - layer), importer.getLoc(node));
    if (!bias)
      return bias.takeError();
    Expected<FCOp> fused =
        importer.create<FCOp>(node, fc.getType(), fc.getInput(), fc.getWeight(),
                              *bias, fc.getMaskAttr(), fc.getQuantAttr());
    if (!fused)
      return fused.takeError();
    return importer.setOutput(node, 0, {nullptr, fused->getResult()});
  }
  return makeError("only a constant bias added to the output of MatMul or "
                   "Gemm is supported");
}

} // namespace

void registerLinearOps(llvm::StringMap<NodeImportFn> &table) {
  table["MatMul"] = importMatMul;
  table["Gemm"] = importGemm;
  table["Add"] = importAdd;
}

} // namespace hcgs::onnximport
