//===- DataMovementOps.cpp - constants, shapes and data movement ----------===//
//
// Constant, Identity, Shape, Cast, ConstantOfShape (and the legacy
// ConstantFill), Expand, Gather, Squeeze, Unsqueeze, Reshape, Flatten,
// Transpose, Concat, Slice and Split. Each works out the result's shape and
// where its elements come from once; on known tensors that folds, on run-time
// values it builds hcgs.reshape / transpose / slice / concat.
//
//===----------------------------------------------------------------------===//

#include "GraphImporter.h"
#include "TensorReader.h"

#include "hcgs/Dialect/HCGS/HCGSOps.h"

#include "onnx/onnx_pb.h"

using namespace mlir;

namespace hcgs::onnximport {
namespace {

using HostPtr = std::shared_ptr<const KnownTensor>;

ImportedValue hostValue(KnownTensor tensor) {
  return {std::make_shared<const KnownTensor>(std::move(tensor)), {}};
}

ImportedValue runtimeValue(Value value) { return {nullptr, value}; }

/// Normalizes an axis in [-rank, rank) (or [-rank, rank] when
/// `inclusive`) to [0, rank).
Expected<int64_t> normalizeAxis(int64_t axis, int64_t rank, StringRef what,
                                bool inclusive = false) {
  int64_t limit = inclusive ? rank + 1 : rank;
  if (axis < -rank || axis >= limit)
    return makeError(what + " " + Twine(axis) + " is out of range for rank " +
                     Twine(rank));
  return axis < 0 ? axis + rank : axis;
}

/// Normalizes a list of distinct axes.
Expected<SmallVector<int64_t>> normalizeAxes(ArrayRef<int64_t> axes,
                                             int64_t rank, StringRef what) {
  SmallVector<int64_t> result;
  for (int64_t axis : axes) {
    Expected<int64_t> normalized = normalizeAxis(axis, rank, what);
    if (!normalized)
      return normalized.takeError();
    if (llvm::is_contained(result, *normalized))
      return makeError(what + " " + Twine(axis) + " appears twice");
    result.push_back(*normalized);
  }
  return result;
}

bool isStatic(ArrayRef<int64_t> shape) {
  return llvm::none_of(shape, [](int64_t dim) { return dim == kDynamic; });
}

/// Gives `input` the shape `newShape` (same elements in row-major order).
Expected<ImportedValue> reshapeValue(GraphImporter &importer, const Node &node,
                                     const ImportedValue &input,
                                     ArrayRef<int64_t> newShape) {
  if (input.isHost())
    return hostValue(input.host->reshaped(newShape));
  if (input.getShape() == newShape)
    return input;
  if (llvm::count(newShape, kDynamic) > 1)
    return makeError("the result " + formatShape(newShape) +
                     " has more than one dynamic dimension, which "
                     "hcgs.reshape cannot express; give the graph inputs' "
                     "symbolic dimensions sizes (hcgs-translate --dim "
                     "NAME=SIZE)");
  auto type = importer.getTensorType(newShape, input.getKind());
  Expected<ReshapeOp> op = importer.create<ReshapeOp>(node, type, input.value);
  if (!op)
    return op.takeError();
  return runtimeValue(op->getResult());
}

/// The strided window of `input` that starts at `starts`, has `counts`
/// elements in each dimension and steps by `steps` (negative steps only on
/// known tensors). Dimensions of a splat that are not sliced may be dynamic.
Expected<ImportedValue> sliceValue(GraphImporter &importer, const Node &node,
                                   const ImportedValue &input,
                                   ArrayRef<int64_t> starts,
                                   ArrayRef<int64_t> counts,
                                   ArrayRef<int64_t> steps) {
  ArrayRef<int64_t> shape = input.getShape();
  bool isIdentity =
      shape == counts &&
      llvm::all_of(starts, [](int64_t start) { return start == 0; }) &&
      llvm::all_of(steps, [](int64_t step) { return step == 1; });
  if (isIdentity)
    return input;
  if (input.isHost()) {
    Expected<KnownTensor> result =
        input.host->remap(counts, [&](std::vector<int64_t> &indices) {
          SmallVector<int64_t> rowStrides = getRowMajorStrides(shape);
          int64_t offset = 0;
          SmallVector<int64_t> strides;
          for (size_t d = 0; d < shape.size(); ++d) {
            offset += starts[d] * rowStrides[d];
            strides.push_back(steps[d] * rowStrides[d]);
          }
          fillStridedIndices(indices, offset, counts, strides);
        });
    if (!result)
      return result.takeError();
    return hostValue(std::move(*result));
  }
  if (llvm::any_of(steps, [](int64_t step) { return step <= 0; }))
    return makeError("a negative step (reversing a run-time tensor) is not "
                     "supported: hcgs.slice steps forward only");
  auto type = importer.getTensorType(counts, input.getKind());
  Expected<SliceOp> op = importer.create<SliceOp>(
      node, type, input.value,
      importer.getBuilder().getDenseI64ArrayAttr(starts),
      importer.getBuilder().getDenseI64ArrayAttr(steps));
  if (!op)
    return op.takeError();
  return runtimeValue(op->getResult());
}

/// The axes of Squeeze and Unsqueeze: an attribute before opset 13, an
/// optional input from then on. std::nullopt when absent.
Expected<std::optional<SmallVector<int64_t>>>
getAxesAttrOrInput(GraphImporter &importer, const Node &node) {
  if (node.getOpset() < 13) {
    if (Error error = node.checkArity(1, 1, 1))
      return std::move(error);
    if (Error error = node.checkAttributes({"axes"}))
      return std::move(error);
    return node.getInts("axes");
  }
  if (Error error = node.checkArity(1, 2, 1))
    return std::move(error);
  if (Error error = node.checkAttributes({}))
    return std::move(error);
  if (!node.hasInput(1))
    return std::nullopt;
  Expected<std::vector<int64_t>> axes =
      importer.getKnownInts(node, 1, "the axes");
  if (!axes)
    return axes.takeError();
  return SmallVector<int64_t>(axes->begin(), axes->end());
}

//===----------------------------------------------------------------------===//
// Constants and shapes
//===----------------------------------------------------------------------===//

Error importConstant(GraphImporter &importer, const Node &node) {
  if (Error error = node.checkArity(0, 0, 1))
    return error;
  static constexpr StringRef kValueAttributes[] = {
      "value",      "value_float",  "value_floats", "value_int",
      "value_ints", "sparse_value", "value_string", "value_strings"};
  if (Error error = node.checkAttributes(kValueAttributes))
    return error;
  if (node.getProto().attribute_size() != 1)
    return makeError("needs exactly one value attribute");
  StringRef name = node.getProto().attribute(0).name();
  std::optional<KnownTensor> result;
  if (name == "value") {
    Expected<const onnx::TensorProto *> tensor = node.getTensor(name);
    if (!tensor)
      return tensor.takeError();
    Expected<KnownTensor> value = importer.readTensor(**tensor);
    if (!value)
      return value.takeError();
    result = std::move(*value);
  } else if (name == "value_float") {
    Expected<float> value = node.getFloat(name, std::nullopt);
    if (!value)
      return value.takeError();
    result = KnownTensor::getFloats({}, {*value});
  } else if (name == "value_floats") {
    Expected<std::optional<SmallVector<float>>> values = node.getFloats(name);
    if (!values)
      return values.takeError();
    result = KnownTensor::getFloats(
        {static_cast<int64_t>((*values)->size())},
        std::vector<float>((*values)->begin(), (*values)->end()));
  } else if (name == "value_int") {
    Expected<int64_t> value = node.getInt(name, std::nullopt);
    if (!value)
      return value.takeError();
    result = KnownTensor::getInts(ElementKind::I64, {}, {*value});
  } else if (name == "value_ints") {
    Expected<std::optional<SmallVector<int64_t>>> values = node.getInts(name);
    if (!values)
      return values.takeError();
    result = KnownTensor::getInts(
        ElementKind::I64, {static_cast<int64_t>((*values)->size())},
        std::vector<int64_t>((*values)->begin(), (*values)->end()));
  } else {
    return makeError("the attribute " + quote(name) +
                     " is not supported (sparse and string constants)");
  }
  return importer.setOutput(node, 0, hostValue(std::move(*result)));
}

Error importIdentity(GraphImporter &importer, const Node &node) {
  if (Error error = node.checkArity(1, 1, 1))
    return error;
  if (Error error = node.checkAttributes({}))
    return error;
  Expected<ImportedValue> input = importer.getInput(node, 0);
  if (!input)
    return input.takeError();
  return importer.setOutput(node, 0, *input);
}

Error importShape(GraphImporter &importer, const Node &node) {
  if (Error error = node.checkArity(1, 1, 1))
    return error;
  bool hasRange = node.getOpset() >= 15;
  if (Error error = hasRange ? node.checkAttributes({"start", "end"})
                             : node.checkAttributes({}))
    return error;
  Expected<ImportedValue> input = importer.getInput(node, 0);
  if (!input)
    return input.takeError();
  ArrayRef<int64_t> shape = input->getShape();
  int64_t rank = shape.size();
  Expected<int64_t> start = node.getInt("start", 0);
  if (!start)
    return start.takeError();
  Expected<int64_t> end = node.getInt("end", rank);
  if (!end)
    return end.takeError();
  // Shape clamps its range instead of failing.
  auto clampIndex = [&](int64_t index) {
    if (index < 0)
      index = std::max<int64_t>(index + rank, 0);
    return std::min(index, rank);
  };
  int64_t first = clampIndex(*start), last = clampIndex(*end);
  ArrayRef<int64_t> dims =
      shape.slice(first, std::max<int64_t>(last - first, 0));
  StringRef inputName = node.getInputName(0);
  KnownTensor result = KnownTensor::getShapeOf(dims, [&](size_t index) {
    return "dimension " + std::to_string(first + index) + " of " +
           quote(inputName) + " is dynamic";
  });
  return importer.setOutput(node, 0, hostValue(std::move(result)));
}

/// The element kind an ONNX Cast or ConstantFill target type gives.
Expected<ElementKind> getCastTarget(int64_t onnxType) {
  std::optional<ElementKind> kind = getElementKind(static_cast<int>(onnxType));
  if (!kind)
    return makeError("casting to " +
                     getDataTypeName(static_cast<int>(onnxType)) +
                     " is not supported");
  return *kind;
}

Error importCast(GraphImporter &importer, const Node &node) {
  if (Error error = node.checkArity(1, 1, 1))
    return error;
  if (Error error = node.checkAttributes({"to", "saturate"}))
    return error;
  Expected<int64_t> to = node.getInt("to", std::nullopt);
  if (!to)
    return to.takeError();
  Expected<ElementKind> kind = getCastTarget(*to);
  if (!kind)
    return kind.takeError();
  Expected<ImportedValue> input = importer.getInput(node, 0);
  if (!input)
    return input.takeError();
  if (input->isHost()) {
    Expected<KnownTensor> result = input->host->castTo(*kind);
    if (!result)
      return result.takeError();
    return importer.setOutput(node, 0, hostValue(std::move(*result)));
  }
  if (input->getKind() != *kind)
    return makeError(std::string("casting a run-time tensor from ") +
                     getElementKindName(input->getKind()) + " to " +
                     getElementKindName(*kind) + " is not supported");
  return importer.setOutput(node, 0, *input);
}

/// The shape given by a known 1-D integer tensor whose unknown entries
/// become dynamic dimensions.
Expected<SmallVector<int64_t>> getShapeOperand(const KnownTensor &shape) {
  if (!isInteger(shape.getKind()) || shape.getRank() != 1 ||
      !shape.hasStaticShape())
    return makeError("the shape must be a 1-D integer tensor");
  SmallVector<int64_t> dims;
  for (int64_t i = 0, e = shape.getNumElements(); i < e; ++i)
    dims.push_back(shape.isKnownAt(i) ? shape.getInt(i) : kDynamic);
  if (Error error = checkShapeSize(dims))
    return std::move(error);
  return dims;
}

Error importConstantOfShape(GraphImporter &importer, const Node &node) {
  if (Error error = node.checkArity(1, 1, 1))
    return error;
  if (Error error = node.checkAttributes({"value"}))
    return error;
  Expected<HostPtr> shapeInput = importer.getHostInput(node, 0, "the shape");
  if (!shapeInput)
    return shapeInput.takeError();
  Expected<SmallVector<int64_t>> shape = getShapeOperand(**shapeInput);
  if (!shape)
    return shape.takeError();
  KnownTensor element = KnownTensor::getFloats({1}, {0.0f});
  Expected<const onnx::TensorProto *> value = node.getTensor("value");
  if (!value)
    return value.takeError();
  if (*value) {
    Expected<KnownTensor> tensor = importer.readTensor(**value);
    if (!tensor)
      return tensor.takeError();
    if (!tensor->hasStaticShape() || tensor->getNumElements() != 1)
      return makeError("the value attribute must have one element");
    element = std::move(*tensor);
  }
  return importer.setOutput(node, 0,
                            hostValue(KnownTensor::getSplat(element, *shape)));
}

/// ConstantFill: an experimental op of early ONNX that PyTorch still emits
/// at opsets 7 and 8 for zero initial states; only its ConstantOfShape form
/// (input_as_shape = 1) is taken.
Error importConstantFill(GraphImporter &importer, const Node &node) {
  if (Error error = node.checkArity(1, 1, 1))
    return error;
  if (Error error = node.checkAttributes(
          {"dtype", "input_as_shape", "value", "extra_shape", "shape"}))
    return error;
  Expected<int64_t> asShape = node.getInt("input_as_shape", 0);
  if (!asShape)
    return asShape.takeError();
  if (*asShape != 1 || node.hasAttribute("extra_shape") ||
      node.hasAttribute("shape"))
    return makeError("only the form input_as_shape = 1 without extra_shape "
                     "or shape is supported");
  Expected<int64_t> dtype = node.getInt("dtype", onnx::TensorProto::FLOAT);
  if (!dtype)
    return dtype.takeError();
  Expected<ElementKind> kind = getCastTarget(*dtype);
  if (!kind)
    return kind.takeError();
  Expected<float> value = node.getFloat("value", 0.0f);
  if (!value)
    return value.takeError();
  Expected<HostPtr> shapeInput = importer.getHostInput(node, 0, "the shape");
  if (!shapeInput)
    return shapeInput.takeError();
  Expected<SmallVector<int64_t>> shape = getShapeOperand(**shapeInput);
  if (!shape)
    return shape.takeError();
  Expected<KnownTensor> element =
      KnownTensor::getFloats({1}, {*value}).castTo(*kind);
  if (!element)
    return element.takeError();
  return importer.setOutput(node, 0,
                            hostValue(KnownTensor::getSplat(*element, *shape)));
}

Error importExpand(GraphImporter &importer, const Node &node) {
  if (Error error = node.checkArity(2, 2, 1))
    return error;
  if (Error error = node.checkAttributes({}))
    return error;
  Expected<ImportedValue> input = importer.getInput(node, 0);
  if (!input)
    return input.takeError();
  Expected<HostPtr> shapeInput = importer.getHostInput(node, 1, "the shape");
  if (!shapeInput)
    return shapeInput.takeError();
  Expected<SmallVector<int64_t>> target = getShapeOperand(**shapeInput);
  if (!target)
    return target.takeError();

  // Numpy broadcasting of the input's shape and the target shape; an
  // unknown target entry keeps the input's dimension, or is dynamic where
  // the input's is 1.
  ArrayRef<int64_t> inShape = input->getShape();
  int64_t rank = std::max<int64_t>(inShape.size(), target->size());
  int64_t inPad = rank - inShape.size(), targetPad = rank - target->size();
  SmallVector<int64_t> outShape;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t in = d < inPad ? 1 : inShape[d - inPad];
    int64_t want = d < targetPad ? 1 : (*target)[d - targetPad];
    if (in == 1)
      outShape.push_back(want);
    else if (want == kDynamic || want == 1 || want == in)
      outShape.push_back(in);
    else
      return makeError("cannot broadcast the shape " + formatShape(inShape) +
                       " to " + formatShape(*target));
  }
  if (Error error = checkShapeSize(outShape))
    return error;

  if (!input->isHost()) {
    if (ArrayRef<int64_t>(outShape) != inShape)
      return makeError("broadcasting a run-time tensor (" +
                       formatShape(inShape) + " to " + formatShape(outShape) +
                       ") is not supported");
    return importer.setOutput(node, 0, *input);
  }
  const KnownTensor &host = *input->host;
  if (host.isSplat() || (host.hasStaticShape() && host.getNumElements() == 1))
    return importer.setOutput(
        node, 0, hostValue(KnownTensor::getSplat(host.reshaped({1}), outShape)));
  if (!isStatic(outShape))
    return makeError("the result shape " + formatShape(outShape) +
                     " depends on a dynamic dimension");
  // Broadcast dimensions read the same element again: stride 0.
  SmallVector<int64_t> inStrides = getRowMajorStrides(inShape);
  SmallVector<int64_t> strides(rank, 0);
  for (int64_t d = inPad; d < rank; ++d)
    if (inShape[d - inPad] != 1)
      strides[d] = inStrides[d - inPad];
  Expected<KnownTensor> result =
      host.remap(outShape, [&](std::vector<int64_t> &indices) {
        fillStridedIndices(indices, 0, outShape, strides);
      });
  if (!result)
    return result.takeError();
  return importer.setOutput(node, 0, hostValue(std::move(*result)));
}

//===----------------------------------------------------------------------===//
// Gather
//===----------------------------------------------------------------------===//

Error importGather(GraphImporter &importer, const Node &node) {
  if (Error error = node.checkArity(2, 2, 1))
    return error;
  if (Error error = node.checkAttributes({"axis"}))
    return error;
  Expected<ImportedValue> data = importer.getInput(node, 0);
  if (!data)
    return data.takeError();
  Expected<HostPtr> indicesInput =
      importer.getHostInput(node, 1, "the indices");
  if (!indicesInput)
    return indicesInput.takeError();
  Expected<std::vector<int64_t>> indices =
      importer.getKnownInts(node, 1, "the indices");
  if (!indices)
    return indices.takeError();
  ArrayRef<int64_t> indicesShape = (*indicesInput)->getShape();

  ArrayRef<int64_t> shape = data->getShape();
  int64_t rank = shape.size();
  Expected<int64_t> attrAxis = node.getInt("axis", 0);
  if (!attrAxis)
    return attrAxis.takeError();
  Expected<int64_t> axis = normalizeAxis(*attrAxis, rank, "the axis");
  if (!axis)
    return axis.takeError();
  int64_t size = shape[*axis];
  if (size == kDynamic)
    return makeError("gathering along the dynamic dimension " + Twine(*axis) +
                     " is not supported");
  for (int64_t &index : *indices) {
    if (index < -size || index >= size)
      return makeError("the index " + Twine(index) +
                       " is out of range for a dimension of size " +
                       Twine(size));
    if (index < 0)
      index += size;
  }

  SmallVector<int64_t> outShape(shape.begin(), shape.begin() + *axis);
  outShape.append(indicesShape.begin(), indicesShape.end());
  outShape.append(shape.begin() + *axis + 1, shape.end());

  if (data->isHost()) {
    const KnownTensor &host = *data->host;
    if (!host.isSplat() && !host.hasStaticShape())
      return makeError("the data has the non-static shape " +
                       formatShape(shape));
    Expected<KnownTensor> result =
        host.remap(outShape, [&](std::vector<int64_t> &sources) {
          int64_t outer = *getNumElements(shape.take_front(*axis));
          int64_t inner = *getNumElements(shape.drop_front(*axis + 1));
          sources.clear();
          for (int64_t o = 0; o < outer; ++o)
            for (int64_t index : *indices)
              for (int64_t i = 0; i < inner; ++i)
                sources.push_back((o * size + index) * inner + i);
        });
    if (!result)
      return result.takeError();
    return importer.setOutput(node, 0, hostValue(std::move(*result)));
  }

  // At run time: a scalar index or an increasing arithmetic sequence of
  // indices is a slice.
  if (indicesShape.size() > 1)
    return makeError("gathering a run-time tensor with indices of rank " +
                     Twine(indicesShape.size()) + " is not supported");
  int64_t step = indices->size() > 1 ? (*indices)[1] - (*indices)[0] : 1;
  for (size_t i = 1; i < indices->size(); ++i)
    if ((*indices)[i] - (*indices)[i - 1] != step || step <= 0)
      return makeError("gathering a run-time tensor is supported for "
                       "increasing, evenly spaced indices only");
  if (indices->empty())
    return makeError("gathering no elements of a run-time tensor is not "
                     "supported");
  SmallVector<int64_t> starts(rank, 0), steps(rank, 1);
  SmallVector<int64_t> counts(shape.begin(), shape.end());
  starts[*axis] = indices->front();
  steps[*axis] = step;
  counts[*axis] = indices->size();
  Expected<ImportedValue> slice =
      sliceValue(importer, node, *data, starts, counts, steps);
  if (!slice)
    return slice.takeError();
  Expected<ImportedValue> result =
      reshapeValue(importer, node, *slice, outShape);
  if (!result)
    return result.takeError();
  return importer.setOutput(node, 0, *result);
}

//===----------------------------------------------------------------------===//
// Reshapes
//===----------------------------------------------------------------------===//

Error importUnsqueeze(GraphImporter &importer, const Node &node) {
  Expected<std::optional<SmallVector<int64_t>>> axes =
      getAxesAttrOrInput(importer, node);
  if (!axes)
    return axes.takeError();
  if (!*axes)
    return makeError("needs the axes");
  Expected<ImportedValue> input = importer.getInput(node, 0);
  if (!input)
    return input.takeError();
  ArrayRef<int64_t> shape = input->getShape();
  int64_t outRank = shape.size() + (*axes)->size();
  if (outRank > kMaxRank)
    return makeError("the result would have rank " + Twine(outRank) +
                     ", more than " + Twine(kMaxRank));
  Expected<SmallVector<int64_t>> normalized =
      normalizeAxes(**axes, outRank, "the axis");
  if (!normalized)
    return normalized.takeError();
  SmallVector<int64_t> outShape;
  const int64_t *next = shape.begin();
  for (int64_t d = 0; d < outRank; ++d)
    outShape.push_back(llvm::is_contained(*normalized, d) ? 1 : *next++);
  Expected<ImportedValue> result =
      reshapeValue(importer, node, *input, outShape);
  if (!result)
    return result.takeError();
  return importer.setOutput(node, 0, *result);
}

Error importSqueeze(GraphImporter &importer, const Node &node) {
  Expected<std::optional<SmallVector<int64_t>>> axes =
      getAxesAttrOrInput(importer, node);
  if (!axes)
    return axes.takeError();
  Expected<ImportedValue> input = importer.getInput(node, 0);
  if (!input)
    return input.takeError();
  ArrayRef<int64_t> shape = input->getShape();
  int64_t rank = shape.size();
  SmallVector<int64_t> squeezed;
  if (*axes) {
    Expected<SmallVector<int64_t>> normalized =
        normalizeAxes(**axes, rank, "the axis");
    if (!normalized)
      return normalized.takeError();
    for (int64_t axis : *normalized)
      if (shape[axis] != 1)
        return makeError("dimension " + Twine(axis) + " of " +
                         formatShape(shape) + " is not 1" +
                         (shape[axis] == kDynamic ? " (it is dynamic)" : ""));
    squeezed = std::move(*normalized);
  } else {
    if (!isStatic(shape))
      return makeError("squeezing every dimension of size 1 needs a static "
                       "shape, got " +
                       formatShape(shape));
    for (int64_t d = 0; d < rank; ++d)
      if (shape[d] == 1)
        squeezed.push_back(d);
  }
  SmallVector<int64_t> outShape;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(squeezed, d))
      outShape.push_back(shape[d]);
  Expected<ImportedValue> result =
      reshapeValue(importer, node, *input, outShape);
  if (!result)
    return result.takeError();
  return importer.setOutput(node, 0, *result);
}

/// The product of `dims`, or kDynamic when one is dynamic.
int64_t productOrDynamic(ArrayRef<int64_t> dims) {
  if (!isStatic(dims))
    return kDynamic;
  return *getNumElements(dims);
}

Error importReshape(GraphImporter &importer, const Node &node) {
  if (Error error = node.checkArity(2, 2, 1))
    return error;
  bool hasAllowZero = node.getOpset() >= 14;
  if (Error error = hasAllowZero ? node.checkAttributes({"allowzero"})
                                 : node.checkAttributes({}))
    return error;
  Expected<int64_t> allowZero = node.getInt("allowzero", 0);
  if (!allowZero)
    return allowZero.takeError();
  Expected<ImportedValue> input = importer.getInput(node, 0);
  if (!input)
    return input.takeError();
  Expected<std::vector<int64_t>> requested =
      importer.getKnownInts(node, 1, "the shape");
  if (!requested)
    return requested.takeError();

  ArrayRef<int64_t> shape = input->getShape();
  SmallVector<int64_t> outShape;
  std::optional<size_t> inferred;
  // Dimensions copied with 0 are the same factor on both sides: leaving
  // them out lets -1 be inferred next to copied dynamic dimensions.
  SmallVector<bool> copied(shape.size(), false);
  for (auto [index, dim] : llvm::enumerate(*requested)) {
    if (dim == -1) {
      if (inferred)
        return makeError("the shape has more than one -1");
      inferred = index;
      outShape.push_back(kDynamic);
    } else if (dim == 0 && !*allowZero) {
      if (index >= shape.size())
        return makeError("the shape copies dimension " + Twine(index) +
                         " (0), which the input of rank " +
                         Twine(shape.size()) + " does not have");
      outShape.push_back(shape[index]);
      copied[index] = true;
    } else if (dim < 0) {
      return makeError("the shape has the invalid dimension " + Twine(dim));
    } else {
      outShape.push_back(dim);
    }
  }
  if (Error error = checkShapeSize(outShape))
    return error;
  SmallVector<int64_t> inRest, outRest;
  for (auto [index, dim] : llvm::enumerate(shape))
    if (!copied[index])
      inRest.push_back(dim);
  for (auto [index, dim] : llvm::enumerate(outShape))
    if (index != inferred && !(index < copied.size() && copied[index]))
      outRest.push_back(dim);
  int64_t total = productOrDynamic(inRest);
  int64_t known = productOrDynamic(outRest);
  if (inferred && total != kDynamic && known != kDynamic) {
    if (known == 0 || total % known)
      return makeError("cannot reshape " + formatShape(shape) + " into " +
                       formatShape(*requested));
    outShape[*inferred] = total / known;
  } else if (!inferred && total != kDynamic && known != kDynamic &&
             total != known) {
    return makeError("cannot reshape " + formatShape(shape) + " into " +
                     formatShape(outShape) + ": the element counts differ");
  }
  if (input->isHost() && !input->host->isSplat() && !isStatic(outShape))
    return makeError("the result shape " + formatShape(outShape) +
                     " is not static");
  Expected<ImportedValue> result =
      reshapeValue(importer, node, *input, outShape);
  if (!result)
    return result.takeError();
  return importer.setOutput(node, 0, *result);
}

Error importFlatten(GraphImporter &importer, const Node &node) {
  if (Error error = node.checkArity(1, 1, 1))
    return error;
  if (Error error = node.checkAttributes({"axis"}))
    return error;
  Expected<ImportedValue> input = importer.getInput(node, 0);
  if (!input)
    return input.takeError();
  ArrayRef<int64_t> shape = input->getShape();
  Expected<int64_t> attrAxis = node.getInt("axis", 1);
  if (!attrAxis)
    return attrAxis.takeError();
  Expected<int64_t> axis =
      normalizeAxis(*attrAxis, shape.size(), "the axis", /*inclusive=*/true);
  if (!axis)
    return axis.takeError();
  SmallVector<int64_t> outShape{productOrDynamic(shape.take_front(*axis)),
                                productOrDynamic(shape.drop_front(*axis))};
  Expected<ImportedValue> result =
      reshapeValue(importer, node, *input, outShape);
  if (!result)
    return result.takeError();
  return importer.setOutput(node, 0, *result);
}

//===----------------------------------------------------------------------===//
// Transpose, Concat, Slice, Split
//===----------------------------------------------------------------------===//

Error importTranspose(GraphImporter &importer, const Node &node) {
  if (Error error = node.checkArity(1, 1, 1))
    return error;
  if (Error error = node.checkAttributes({"perm"}))
    return error;
  Expected<ImportedValue> input = importer.getInput(node, 0);
  if (!input)
    return input.takeError();
  ArrayRef<int64_t> shape = input->getShape();
  int64_t rank = shape.size();
  Expected<std::optional<SmallVector<int64_t>>> attrPerm = node.getInts("perm");
  if (!attrPerm)
    return attrPerm.takeError();
  SmallVector<int64_t> perm;
  if (*attrPerm)
    perm = **attrPerm;
  else
    for (int64_t d = rank - 1; d >= 0; --d)
      perm.push_back(d);
  SmallVector<bool> seen(rank, false);
  if (static_cast<int64_t>(perm.size()) != rank ||
      llvm::any_of(perm, [&](int64_t d) {
        return d < 0 || d >= rank || std::exchange(seen[d], true);
      }))
    return makeError("perm " + formatShape(perm) +
                     " is not a permutation of the " + Twine(rank) +
                     " dimensions");
  SmallVector<int64_t> outShape;
  for (int64_t d : perm)
    outShape.push_back(shape[d]);
  if (llvm::equal(perm, llvm::seq<int64_t>(0, rank)))
    return importer.setOutput(node, 0, *input);

  if (input->isHost()) {
    Expected<KnownTensor> result =
        input->host->remap(outShape, [&](std::vector<int64_t> &indices) {
          SmallVector<int64_t> inStrides = getRowMajorStrides(shape), strides;
          for (int64_t d : perm)
            strides.push_back(inStrides[d]);
          fillStridedIndices(indices, 0, outShape, strides);
        });
    if (!result)
      return result.takeError();
    return importer.setOutput(node, 0, hostValue(std::move(*result)));
  }
  Expected<TransposeOp> op = importer.create<TransposeOp>(
      node, importer.getTensorType(outShape, input->getKind()), input->value,
      importer.getBuilder().getDenseI64ArrayAttr(perm));
  if (!op)
    return op.takeError();
  return importer.setOutput(node, 0, runtimeValue(op->getResult()));
}

Error importConcat(GraphImporter &importer, const Node &node) {
  if (Error error = node.checkArity(1, node.getNumInputs(), 1))
    return error;
  if (Error error = node.checkAttributes({"axis"}))
    return error;
  SmallVector<ImportedValue> inputs;
  for (size_t i = 0; i < node.getNumInputs(); ++i) {
    Expected<ImportedValue> input = importer.getInput(node, i);
    if (!input)
      return input.takeError();
    inputs.push_back(*input);
  }
  ArrayRef<int64_t> first = inputs.front().getShape();
  int64_t rank = first.size();
  Expected<int64_t> attrAxis = node.getInt("axis", std::nullopt);
  if (!attrAxis)
    return attrAxis.takeError();
  Expected<int64_t> axis = normalizeAxis(*attrAxis, rank, "the axis");
  if (!axis)
    return axis.takeError();

  // The result's shape: dimensions other than the axis must agree.
  SmallVector<int64_t> outShape(first.begin(), first.end());
  outShape[*axis] = 0;
  for (const ImportedValue &input : inputs) {
    ArrayRef<int64_t> shape = input.getShape();
    if (static_cast<int64_t>(shape.size()) != rank ||
        input.getKind() != inputs.front().getKind())
      return makeError("the inputs have different ranks or element types");
    for (int64_t d = 0; d < rank; ++d) {
      if (d == *axis)
        continue;
      if (outShape[d] == kDynamic)
        outShape[d] = shape[d];
      else if (shape[d] != kDynamic && shape[d] != outShape[d])
        return makeError("input shapes " + formatShape(first) + " and " +
                         formatShape(shape) + " differ outside axis " +
                         Twine(*axis));
    }
    outShape[*axis] = outShape[*axis] == kDynamic || shape[*axis] == kDynamic
                          ? kDynamic
                          : outShape[*axis] + shape[*axis];
    if (Error error = checkShapeSize(outShape))
      return error;
  }

  bool allHost = llvm::all_of(
      inputs, [](const ImportedValue &input) { return input.isHost(); });
  if (allHost) {
    SmallVector<const KnownTensor *> parts;
    for (const ImportedValue &input : inputs)
      parts.push_back(input.host.get());
    Expected<KnownTensor> joined = KnownTensor::join(parts);
    if (!joined)
      return joined.takeError();
    // Output element (outer, a, inner) with a in input k comes from the
    // joined elements of input k.
    Expected<KnownTensor> result =
        joined->remap(outShape, [&](std::vector<int64_t> &sources) {
          int64_t outer = *getNumElements(first.take_front(*axis));
          int64_t inner = *getNumElements(first.drop_front(*axis + 1));
          sources.clear();
          for (int64_t o = 0; o < outer; ++o) {
            int64_t base = 0;
            for (const KnownTensor *part : parts) {
              int64_t size = part->getShape()[*axis];
              for (int64_t a = 0; a < size * inner; ++a)
                sources.push_back(base + o * size * inner + a);
              base += part->getNumElements();
            }
          }
        });
    if (!result)
      return result.takeError();
    return importer.setOutput(node, 0, hostValue(std::move(*result)));
  }

  SmallVector<Value> operands;
  for (size_t i = 0; i < inputs.size(); ++i) {
    Expected<Value> operand = importer.getValueInput(node, i);
    if (!operand)
      return operand.takeError();
    operands.push_back(*operand);
  }
  if (operands.size() == 1)
    return importer.setOutput(node, 0, runtimeValue(operands.front()));
  Expected<ConcatOp> op = importer.create<ConcatOp>(
      node, importer.getTensorType(outShape, inputs.front().getKind()),
      operands, importer.getBuilder().getI64IntegerAttr(*axis));
  if (!op)
    return op.takeError();
  return importer.setOutput(node, 0, runtimeValue(op->getResult()));
}

/// One sliced dimension, normalized as ONNX Slice defines it.
struct SliceRange {
  int64_t start, count, step;
};

SliceRange normalizeSliceRange(int64_t start, int64_t end, int64_t step,
                               int64_t size) {
  if (size == 0)
    return {0, 0, 1};
  // A step longer than the dimension takes at most one element; bounding
  // it keeps the arithmetic below (and the strides built from it) small.
  step = std::clamp<int64_t>(step, -size, size);
  if (start < 0)
    start += size;
  if (end < 0)
    end += size;
  int64_t count;
  if (step > 0) {
    start = std::clamp<int64_t>(start, 0, size);
    end = std::clamp<int64_t>(end, 0, size);
    count = end > start ? (end - start - 1) / step + 1 : 0;
  } else {
    start = std::clamp<int64_t>(start, 0, size - 1);
    end = std::clamp<int64_t>(end, -1, size - 1);
    count = start > end ? (start - end - 1) / -step + 1 : 0;
  }
  return {start, count, step};
}

Error importSlice(GraphImporter &importer, const Node &node) {
  std::vector<int64_t> starts, ends, axes, steps;
  if (node.getOpset() < 10) {
    if (Error error = node.checkArity(1, 1, 1))
      return error;
    if (Error error = node.checkAttributes({"starts", "ends", "axes"}))
      return error;
    for (auto [name, out] :
         {std::pair{"starts", &starts}, std::pair{"ends", &ends},
          std::pair{"axes", &axes}}) {
      Expected<std::optional<SmallVector<int64_t>>> values = node.getInts(name);
      if (!values)
        return values.takeError();
      if (*values)
        out->assign((*values)->begin(), (*values)->end());
      else if (out != &axes)
        return makeError("needs the attribute " + quote(name));
    }
  } else {
    if (Error error = node.checkArity(3, 5, 1))
      return error;
    if (Error error = node.checkAttributes({}))
      return error;
    for (auto [index, role, out] :
         {std::tuple{1, "the starts", &starts},
          std::tuple{2, "the ends", &ends}, std::tuple{3, "the axes", &axes},
          std::tuple{4, "the steps", &steps}}) {
      if (!node.hasInput(index))
        continue;
      Expected<std::vector<int64_t>> values =
          importer.getKnownInts(node, index, role);
      if (!values)
        return values.takeError();
      *out = std::move(*values);
    }
  }
  Expected<ImportedValue> input = importer.getInput(node, 0);
  if (!input)
    return input.takeError();
  ArrayRef<int64_t> shape = input->getShape();
  int64_t rank = shape.size();
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i)
      axes.push_back(i);
  if (steps.empty())
    steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() ||
      steps.size() != starts.size())
    return makeError("starts, ends, axes and steps have different lengths");
  Expected<SmallVector<int64_t>> normalized =
      normalizeAxes(axes, rank, "the axis");
  if (!normalized)
    return normalized.takeError();

  SmallVector<int64_t> outStarts(rank, 0), counts(shape.begin(), shape.end()),
      outSteps(rank, 1);
  for (auto [i, axis] : llvm::enumerate(*normalized)) {
    if (steps[i] == 0)
      return makeError("a step is 0");
    if (shape[axis] == kDynamic)
      return makeError("slicing the dynamic dimension " + Twine(axis) +
                       " is not supported");
    SliceRange range =
        normalizeSliceRange(starts[i], ends[i], steps[i], shape[axis]);
    outStarts[axis] = range.start;
    counts[axis] = range.count;
    outSteps[axis] = range.step;
  }
  Expected<ImportedValue> result =
      sliceValue(importer, node, *input, outStarts, counts, outSteps);
  if (!result)
    return result.takeError();
  return importer.setOutput(node, 0, *result);
}

Error importSplit(GraphImporter &importer, const Node &node) {
  int64_t opset = node.getOpset();
  size_t numOutputs = node.getNumOutputs();
  if (Error error = node.checkArity(1, opset >= 13 ? 2 : 1, numOutputs))
    return error;
  SmallVector<StringRef> known{"axis"};
  if (opset < 13)
    known.push_back("split");
  if (opset >= 18)
    known.push_back("num_outputs");
  if (Error error = node.checkAttributes(known))
    return error;
  Expected<ImportedValue> input = importer.getInput(node, 0);
  if (!input)
    return input.takeError();
  ArrayRef<int64_t> shape = input->getShape();
  Expected<int64_t> attrAxis = node.getInt("axis", 0);
  if (!attrAxis)
    return attrAxis.takeError();
  Expected<int64_t> axis = normalizeAxis(*attrAxis, shape.size(), "the axis");
  if (!axis)
    return axis.takeError();
  int64_t size = shape[*axis];
  if (size == kDynamic)
    return makeError("splitting the dynamic dimension " + Twine(*axis) +
                     " is not supported");
  if (numOutputs == 0)
    return makeError("has no outputs");

  std::vector<int64_t> sizes;
  if (opset < 13) {
    Expected<std::optional<SmallVector<int64_t>>> split = node.getInts("split");
    if (!split)
      return split.takeError();
    if (*split)
      sizes.assign((*split)->begin(), (*split)->end());
  } else if (node.hasInput(1)) {
    Expected<std::vector<int64_t>> split =
        importer.getKnownInts(node, 1, "the split sizes");
    if (!split)
      return split.takeError();
    sizes = std::move(*split);
  }
  if (sizes.empty()) {
    // Equal parts; from opset 18 the last part may be smaller.
    int64_t parts = numOutputs;
    if (opset >= 18) {
      Expected<int64_t> attrParts = node.getInt("num_outputs", std::nullopt);
      if (!attrParts)
        return attrParts.takeError();
      if (*attrParts != parts)
        return makeError("num_outputs is " + Twine(*attrParts) +
                         ", but the node has " + Twine(parts) + " outputs");
    }
    int64_t chunk = (size + parts - 1) / parts;
    if (opset < 18 && size % parts)
      return makeError("cannot split a dimension of size " + Twine(size) +
                       " into " + Twine(parts) + " equal parts");
    for (int64_t i = 0, left = size; i < parts; ++i, left -= chunk)
      sizes.push_back(std::max<int64_t>(std::min(chunk, left), 0));
  } else if (node.hasAttribute("num_outputs")) {
    return makeError("takes either split sizes or num_outputs, not both");
  }
  if (sizes.size() != numOutputs)
    return makeError("has " + Twine(sizes.size()) + " split sizes for " +
                     Twine(numOutputs) + " outputs");
  int64_t total = 0;
  for (int64_t part : sizes) {
    if (part < 0 || part > size)
      return makeError("the split size " + Twine(part) + " is invalid");
    total += part;
  }
  if (total != size)
    return makeError("the split sizes add up to " + Twine(total) +
                     ", the dimension has " + Twine(size));

  SmallVector<int64_t> starts(shape.size(), 0), steps(shape.size(), 1);
  SmallVector<int64_t> counts(shape.begin(), shape.end());
  for (size_t i = 0; i < numOutputs; ++i) {
    counts[*axis] = sizes[i];
    if (node.hasOutput(i)) {
      Expected<ImportedValue> part =
          sliceValue(importer, node, *input, starts, counts, steps);
      if (!part)
        return part.takeError();
      if (Error error = importer.setOutput(node, i, *part))
        return error;
    }
    starts[*axis] += sizes[i];
  }
  return Error::success();
}

} // namespace

void registerDataMovementOps(llvm::StringMap<NodeImportFn> &table) {
  table["Constant"] = importConstant;
  table["Identity"] = importIdentity;
  table["Shape"] = importShape;
  table["Cast"] = importCast;
  table["ConstantOfShape"] = importConstantOfShape;
  table["ConstantFill"] = importConstantFill;
  table["Expand"] = importExpand;
  table["Gather"] = importGather;
  table["Unsqueeze"] = importUnsqueeze;
  table["Squeeze"] = importSqueeze;
  table["Reshape"] = importReshape;
  table["Flatten"] = importFlatten;
  table["Transpose"] = importTranspose;
  table["Concat"] = importConcat;
  table["Slice"] = importSlice;
  table["Split"] = importSplit;
}

} // namespace hcgs::onnximport
