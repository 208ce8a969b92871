//===- Kernels.cpp - fc and the data-movement ops -------------------------===//

#include "Kernels.h"

#include "hcgs/Runtime/Tensor/TensorSpec.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/MathExtras.h"

#include <cstring>

using namespace hcgs;
using namespace hcgs::reference;
using llvm::Error;
using llvm::Expected;

void KernelContext::quantizeRows(llvm::MutableArrayRef<float> matrix,
                                 int64_t cols, FixedPointAttr format,
                                 int64_t firstRow) const {
  if (!format)
    return;
  for (size_t i = 0; i < matrix.size(); ++i)
    matrix[i] = static_cast<float>(
        quantize(matrix[i], format, firstRow + static_cast<int64_t>(i) / cols));
}

Expected<Tensor> KernelContext::create(ElementType type,
                                       llvm::ArrayRef<int64_t> shape) const {
  Expected<int64_t> bytes = getCheckedByteSize(type, shape);
  if (!bytes)
    return bytes.takeError();
  if (*bytes > maxBytes)
    return llvm::createStringError(
        "its result of shape " + formatShape(shape) + " would take " +
        llvm::Twine(*bytes) + " bytes, more than the executor's limit of " +
        llvm::Twine(maxBytes));
  return Tensor(type, shape);
}

double reference::dot(const float *a, const float *b, int64_t n) {
  // A product of two floats is exact in double. Four partial sums let the
  // additions overlap instead of waiting on one another.
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  int64_t k = 0;
  for (; k + 4 <= n; k += 4) {
    s0 += double(a[k]) * double(b[k]);
    s1 += double(a[k + 1]) * double(b[k + 1]);
    s2 += double(a[k + 2]) * double(b[k + 2]);
    s3 += double(a[k + 3]) * double(b[k + 3]);
  }
  for (; k < n; ++k)
    s0 += double(a[k]) * double(b[k]);
  return (s0 + s1) + (s2 + s3);
}

Error reference::applyMask(BlockMaskAttr mask,
                           llvm::MutableArrayRef<float> matrix, int64_t rows,
                           int64_t cols) {
  int64_t maskRows = mask.getRows(), maskCols = mask.getCols();
  if (maskCols != cols || rows % maskRows != 0)
    return llvm::createStringError(
        "its mask is " + llvm::Twine(maskRows) + "x" + llvm::Twine(maskCols) +
        ", which does not fit the " + llvm::Twine(rows) + "x" +
        llvm::Twine(cols) + " weight matrix");
  std::vector<bool> kept = mask.toBitmap();
  for (int64_t row = 0; row < rows; ++row) {
    int64_t maskRow = row % maskRows;
    for (int64_t col = 0; col < cols; ++col)
      if (!kept[maskRow * cols + col])
        matrix[row * cols + col] = 0.0f;
  }
  return Error::success();
}

Error reference::checkShape(llvm::StringRef what, const Tensor &tensor,
                            llvm::ArrayRef<int64_t> expected,
                            llvm::StringRef meaning) {
  if (tensor.getShape() == expected)
    return Error::success();
  return llvm::createStringError(
      what + " has shape " + formatShape(tensor.getShape()) + ", expected " +
      formatShape(expected) + " (" + meaning + ")");
}

/// The row-major strides of `shape`.
static llvm::SmallVector<int64_t> getStrides(llvm::ArrayRef<int64_t> shape) {
  llvm::SmallVector<int64_t> strides(shape.size());
  int64_t stride = 1;
  for (int64_t d = shape.size() - 1; d >= 0; --d) {
    strides[d] = stride;
    stride *= shape[d];
  }
  return strides;
}

/// Fills `output`, of shape `shape`, in row-major order with the elements of
/// `input` at `base + sum_d index[d] * strides[d]`: a transpose or a slice.
static void gatherStrided(const float *input, int64_t base,
                          llvm::ArrayRef<int64_t> shape,
                          llvm::ArrayRef<int64_t> strides,
                          llvm::MutableArrayRef<float> output) {
  int64_t rank = shape.size();
  llvm::SmallVector<int64_t> index(rank, 0);
  int64_t offset = base;
  for (float &value : output) {
    value = input[offset];
    for (int64_t d = rank - 1; d >= 0; --d) {
      offset += strides[d];
      if (++index[d] < shape[d])
        break;
      offset -= strides[d] * shape[d];
      index[d] = 0;
    }
  }
}

Expected<Tensor> reference::runFC(FCOp op, ValueLookup valueOf,
                                  const KernelContext &context) {
  const Tensor &input = valueOf(op.getInput());
  const Tensor &weight = valueOf(op.getWeight());
  int64_t in = input.getShape().back();
  int64_t out = weight.getDimSize(0);
  if (Error err = checkShape("weight", weight, {out, in},
                             "[out_features, in_features], in_features from "
                             "the input's last dimension"))
    return std::move(err);
  FCQuantAttr quant = op.getQuantAttr();
  std::vector<double> bias(out, 0.0);
  if (op.getBias()) {
    const Tensor &biasTensor = valueOf(op.getBias());
    if (Error err = checkShape("bias", biasTensor, {out}, "[out_features]"))
      return std::move(err);
    for (auto [o, value] : llvm::enumerate(biasTensor.getValues<float>()))
      bias[o] = context.quantize(value, quant ? quant.getBias() : nullptr);
  }
  std::vector<float> weights(weight.getValues<float>().begin(),
                             weight.getValues<float>().end());
  if (BlockMaskAttr mask = op.getMaskAttr())
    if (Error err = applyMask(mask, weights, out, in))
      return std::move(err);
  context.quantizeRows(weights, in, quant ? quant.getWeights() : nullptr);

  llvm::SmallVector<int64_t> shape(input.getShape());
  shape.back() = out;
  Expected<Tensor> output = context.create(ElementType::Float32, shape);
  if (!output)
    return output.takeError();
  int64_t rows = 1;
  for (int64_t dim : input.getShape().drop_back())
    rows *= dim;
  const float *x = input.getValues<float>().data();
  float *y = output->getMutableValues<float>().data();
  for (int64_t row = 0; row < rows; ++row)
    for (int64_t o = 0; o < out; ++o) {
      double sum = bias[o] + dot(weights.data() + o * in, x + row * in, in);
      if (quant)
        sum = context.quantize(context.quantize(sum, quant.getAcc()),
                               quant.getOutput());
      y[row * out + o] = static_cast<float>(sum);
    }
  return output;
}

Expected<Tensor> reference::runTranspose(TransposeOp op, ValueLookup valueOf,
                                         const KernelContext &context) {
  const Tensor &input = valueOf(op.getInput());
  llvm::SmallVector<int64_t> inputStrides = getStrides(input.getShape());
  llvm::SmallVector<int64_t> shape, strides;
  for (int64_t dim : op.getPermutation()) {
    shape.push_back(input.getDimSize(dim));
    strides.push_back(inputStrides[dim]);
  }
  Expected<Tensor> output = context.create(ElementType::Float32, shape);
  if (!output)
    return output.takeError();
  gatherStrided(input.getValues<float>().data(), 0, shape, strides,
                output->getMutableValues<float>());
  return output;
}

Expected<Tensor> reference::runReshape(ReshapeOp op, ValueLookup valueOf,
                                       const KernelContext &context) {
  const Tensor &input = valueOf(op.getInput());
  auto resultType = mlir::cast<mlir::RankedTensorType>(op.getType());
  llvm::SmallVector<int64_t> shape;
  std::optional<size_t> unknown;
  int64_t known = 1;
  for (int64_t dim : resultType.getShape()) {
    if (mlir::ShapedType::isDynamic(dim)) {
      unknown = shape.size();
      shape.push_back(kDynamicDim);
    } else {
      shape.push_back(dim);
      if (llvm::MulOverflow(known, dim, known))
        return llvm::createStringError("result shape " + formatShape(shape) +
                                       " overflows");
    }
  }
  int64_t count = input.getNumElements();
  if (unknown) {
    // The verifier allows one unknown result dimension, sized at run time.
    if (known == 0 || count % known != 0)
      return llvm::createStringError(
          "cannot reshape " + llvm::Twine(count) + " elements " +
          formatShape(input.getShape()) + " into " + formatShape(shape));
    shape[*unknown] = count / known;
  } else if (known != count) {
    return llvm::createStringError(
        "cannot reshape " + llvm::Twine(count) + " elements " +
        formatShape(input.getShape()) + " into " + formatShape(shape));
  }
  Expected<Tensor> output = context.create(ElementType::Float32, shape);
  if (!output)
    return output.takeError();
  llvm::copy(input.getBytes(), output->getMutableBytes().begin());
  return output;
}

Expected<Tensor> reference::runConcat(ConcatOp op, ValueLookup valueOf,
                                      const KernelContext &context) {
  int64_t axis = op.getAxis();
  llvm::SmallVector<const Tensor *> inputs;
  for (mlir::Value value : op.getInputs())
    inputs.push_back(&valueOf(value));
  llvm::SmallVector<int64_t> shape(inputs.front()->getShape());
  shape[axis] = 0;
  for (auto [index, input] : llvm::enumerate(inputs)) {
    for (int64_t d = 0, e = shape.size(); d < e; ++d)
      if (d != axis && input->getDimSize(d) != shape[d])
        return llvm::createStringError(
            "input " + llvm::Twine(index) + " has shape " +
            formatShape(input->getShape()) + ", which does not match input 0 " +
            formatShape(inputs.front()->getShape()) + " outside axis " +
            llvm::Twine(axis));
    shape[axis] += input->getDimSize(axis);
  }
  Expected<Tensor> output = context.create(ElementType::Float32, shape);
  if (!output)
    return output.takeError();
  int64_t outer = 1;
  for (int64_t dim : llvm::ArrayRef(shape).take_front(axis))
    outer *= dim;
  float *out = output->getMutableValues<float>().data();
  for (int64_t o = 0; o < outer; ++o) {
    for (const Tensor *input : inputs) {
      int64_t chunk = input->getNumElements() / outer;
      const float *in = input->getValues<float>().data() + o * chunk;
      out = std::copy(in, in + chunk, out);
    }
  }
  return output;
}

Expected<Tensor> reference::runSlice(SliceOp op, ValueLookup valueOf,
                                     const KernelContext &context) {
  const Tensor &input = valueOf(op.getInput());
  auto resultType = mlir::cast<mlir::RankedTensorType>(op.getType());
  llvm::ArrayRef<int64_t> offsets = op.getOffsets(), steps = op.getStrides();
  llvm::SmallVector<int64_t> inputStrides = getStrides(input.getShape());
  llvm::SmallVector<int64_t> shape, strides;
  int64_t base = 0;
  for (int64_t d = 0, e = input.getRank(); d < e; ++d) {
    int64_t size = input.getDimSize(d), offset = offsets[d], step = steps[d];
    int64_t count = resultType.getDimSize(d);
    // An unknown count takes every step that stays inside the input, as ONNX
    // Slice does with an end past the dimension.
    if (mlir::ShapedType::isDynamic(count))
      count = offset >= size ? 0 : (size - offset - 1) / step + 1;
    int64_t last;
    if (count > 0 && (llvm::MulOverflow(count - 1, step, last) ||
                      llvm::AddOverflow(last, offset, last) || last >= size))
      return llvm::createStringError(
          "dimension " + llvm::Twine(d) + " takes " + llvm::Twine(count) +
          " elements from offset " + llvm::Twine(offset) + " in steps of " +
          llvm::Twine(step) + ", past the input's size " + llvm::Twine(size));
    shape.push_back(count);
    // With two or more elements, the check above bounds step by size.
    strides.push_back(count > 1 ? inputStrides[d] * step : 0);
    if (count > 0)
      base += offset * inputStrides[d];
  }
  Expected<Tensor> output = context.create(ElementType::Float32, shape);
  if (!output)
    return output.takeError();
  gatherStrided(input.getValues<float>().data(), base, shape, strides,
                output->getMutableValues<float>());
  return output;
}
