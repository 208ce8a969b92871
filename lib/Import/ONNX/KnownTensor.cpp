//===- KnownTensor.cpp - tensors whose values the importer knows -----------===//

#include "KnownTensor.h"
#include "ImportError.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace llvm;

namespace hcgs::onnximport {

const char *getElementKindName(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return "float32";
  case ElementKind::I32:
    return "int32";
  case ElementKind::I64:
    return "int64";
  }
  llvm_unreachable("unknown element kind");
}

std::optional<int64_t> getNumElements(ArrayRef<int64_t> shape, int64_t limit) {
  int64_t count = 1;
  for (int64_t dim : shape) {
    if (dim < 0)
      return std::nullopt;
    if (dim == 0)
      count = 0;
    else if (count > limit / dim)
      return std::nullopt;
    else
      count *= dim;
  }
  return count;
}

Error checkShapeSize(ArrayRef<int64_t> shape) {
  if (static_cast<int64_t>(shape.size()) > kMaxRank)
    return makeError("the shape has rank " + Twine(shape.size()) +
                     ", more than " + Twine(kMaxRank));
  SmallVector<int64_t> staticDims;
  for (int64_t dim : shape)
    if (dim != kDynamic)
      staticDims.push_back(dim);
  if (!getNumElements(staticDims))
    return makeError("the shape " + formatShape(shape) +
                     " is invalid or has more than " + Twine(kMaxTypeElements) +
                     " elements");
  return Error::success();
}

std::string formatShape(ArrayRef<int64_t> shape) {
  std::string text = "[";
  raw_string_ostream os(text);
  interleaveComma(shape, os, [&](int64_t dim) {
    if (dim == kDynamic)
      os << '?';
    else
      os << dim;
  });
  os << ']';
  return text;
}

SmallVector<int64_t> getRowMajorStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

void fillStridedIndices(std::vector<int64_t> &indices, int64_t offset,
                        ArrayRef<int64_t> shape, ArrayRef<int64_t> strides) {
  std::optional<int64_t> count = getNumElements(shape);
  assert(count && "strided view of a non-static shape");
  indices.resize(*count);
  if (*count == 0)
    return;
  // An odometer over the output index, updating the source offset as it goes.
  SmallVector<int64_t> position(shape.size(), 0);
  int64_t source = offset;
  for (int64_t i = 0; i < *count; ++i) {
    indices[i] = source;
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++position[d] < shape[d]) {
        source += strides[d];
        break;
      }
      source -= (shape[d] - 1) * strides[d];
      position[d] = 0;
    }
  }
}

//===----------------------------------------------------------------------===//
// KnownTensor
//===----------------------------------------------------------------------===//

KnownTensor KnownTensor::getFloats(ArrayRef<int64_t> shape,
                                 std::vector<float> values) {
  KnownTensor tensor(ElementKind::F32, shape);
  assert(onnximport::getNumElements(shape) ==
         static_cast<int64_t>(values.size()));
  tensor.floats = std::make_shared<const std::vector<float>>(std::move(values));
  return tensor;
}

KnownTensor KnownTensor::getInts(ElementKind kind, ArrayRef<int64_t> shape,
                               std::vector<int64_t> values) {
  assert(isInteger(kind));
  KnownTensor tensor(kind, shape);
  assert(onnximport::getNumElements(shape) ==
         static_cast<int64_t>(values.size()));
  tensor.ints = std::move(values);
  return tensor;
}

KnownTensor KnownTensor::getSplat(const KnownTensor &element,
                                ArrayRef<int64_t> shape) {
  assert(element.getNumStored() == 1 && "a splat of more than one element");
  KnownTensor tensor = element;
  tensor.shape.assign(shape.begin(), shape.end());
  tensor.splat = true;
  return tensor;
}

KnownTensor KnownTensor::getShapeOf(ArrayRef<int64_t> dims,
                                  function_ref<std::string(size_t)> describe) {
  KnownTensor tensor(ElementKind::I64, {static_cast<int64_t>(dims.size())});
  for (auto [index, dim] : enumerate(dims)) {
    bool isDynamic = dim == kDynamic;
    tensor.ints.push_back(isDynamic ? 0 : dim);
    if (!isDynamic)
      continue;
    if (tensor.unknown.empty()) {
      tensor.unknown.assign(dims.size(), false);
      tensor.unknownReason = describe(index);
    }
    tensor.unknown[index] = true;
  }
  return tensor;
}

bool KnownTensor::hasStaticShape() const {
  return onnximport::getNumElements(shape).has_value();
}

int64_t KnownTensor::getNumElements() const {
  std::optional<int64_t> count = onnximport::getNumElements(shape);
  assert(count && "element count of a tensor without a static shape");
  return *count;
}

double KnownTensor::getDouble(int64_t index) const {
  if (splat)
    index = 0;
  return kind == ElementKind::F32 ? getFloats()[index]
                                  : static_cast<double>(ints[index]);
}

int64_t KnownTensor::getInt(int64_t index) const {
  assert(isInteger(kind));
  return ints[splat ? 0 : index];
}

Expected<std::vector<int64_t>> KnownTensor::getKnownInts() const {
  if (!isInteger(kind))
    return makeError("expected an integer tensor, got float32");
  if (!isKnown())
    return makeError("its value is not known at import time: " + unknownReason);
  if (!splat)
    return ints;
  if (!hasStaticShape())
    return makeError("its shape " + formatShape(shape) + " is not static");
  return std::vector<int64_t>(getNumElements(), ints.front());
}

bool KnownTensor::isAllZero() const {
  if (!isKnown())
    return false;
  if (kind == ElementKind::F32)
    return all_of(getFloats(), [](float value) { return value == 0.0f; });
  return all_of(ints, [](int64_t value) { return value == 0; });
}

KnownTensor KnownTensor::reshaped(ArrayRef<int64_t> newShape) const {
  KnownTensor result = *this;
  result.shape.assign(newShape.begin(), newShape.end());
  assert((splat || onnximport::getNumElements(newShape) ==
                       static_cast<int64_t>(getNumStored())) &&
         "reshape changes the element count");
  return result;
}

Expected<KnownTensor> KnownTensor::remap(
    ArrayRef<int64_t> newShape,
    function_ref<void(std::vector<int64_t> &)> fillSourceIndices) const {
  if (splat)
    return reshaped(newShape);
  std::optional<int64_t> count =
      onnximport::getNumElements(newShape, kMaxFoldedElements);
  if (!count)
    return makeError("folding it would make a constant of shape " +
                     formatShape(newShape) + ", more than " +
                     Twine(kMaxFoldedElements) + " elements");
  std::vector<int64_t> sources;
  fillSourceIndices(sources);
  assert(static_cast<int64_t>(sources.size()) == *count);
  KnownTensor result(kind, newShape);
  result.unknownReason = unknownReason;
  if (kind == ElementKind::F32) {
    std::vector<float> values;
    values.reserve(*count);
    for (int64_t source : sources)
      values.push_back(getFloats()[source]);
    result.floats = std::make_shared<const std::vector<float>>(std::move(values));
  } else {
    result.ints.reserve(*count);
    for (int64_t source : sources)
      result.ints.push_back(ints[source]);
  }
  if (!unknown.empty()) {
    result.unknown.reserve(*count);
    for (int64_t source : sources)
      result.unknown.push_back(unknown[source]);
    if (none_of(result.unknown, [](bool flag) { return flag; })) {
      result.unknown.clear();
      result.unknownReason.clear();
    }
  }
  return result;
}

Expected<KnownTensor> KnownTensor::join(ArrayRef<const KnownTensor *> parts) {
  assert(!parts.empty());
  ElementKind kind = parts.front()->kind;
  int64_t total = 0;
  for (const KnownTensor *part : parts) {
    assert(part->kind == kind && "joining tensors of different kinds");
    if (!part->hasStaticShape())
      return makeError("an input has the non-static shape " +
                       formatShape(part->shape));
    total += part->getNumElements();
    if (total > kMaxFoldedElements)
      return makeError("folding it would make a constant of more than " +
                       Twine(kMaxFoldedElements) + " elements");
  }
  KnownTensor result(kind, {total});
  bool anyUnknown = any_of(
      parts, [](const KnownTensor *part) { return !part->unknown.empty(); });
  std::vector<float> values;
  for (const KnownTensor *part : parts) {
    int64_t count = part->getNumElements();
    for (int64_t i = 0; i < count; ++i) {
      if (kind == ElementKind::F32)
        values.push_back(part->getFloats()[part->splat ? 0 : i]);
      else
        result.ints.push_back(part->ints[part->splat ? 0 : i]);
      if (anyUnknown)
        result.unknown.push_back(!part->unknown.empty() &&
                                 part->unknown[part->splat ? 0 : i]);
    }
    if (result.unknownReason.empty())
      result.unknownReason = part->unknownReason;
  }
  if (kind == ElementKind::F32)
    result.floats = std::make_shared<const std::vector<float>>(std::move(values));
  return result;
}

Expected<KnownTensor> KnownTensor::castTo(ElementKind newKind) const {
  if (newKind == kind)
    return *this;
  KnownTensor result = *this;
  result.kind = newKind;
  result.floats.reset();
  result.ints.clear();
  if (newKind == ElementKind::F32) {
    std::vector<float> values;
    for (int64_t value : ints)
      values.push_back(static_cast<float>(value));
    result.floats = std::make_shared<const std::vector<float>>(std::move(values));
    return result;
  }
  int64_t low = newKind == ElementKind::I32 ? INT32_MIN : INT64_MIN;
  // 2^63 is the first float past INT64_MAX; INT32_MAX + 1 is exact.
  double high =
      newKind == ElementKind::I32 ? 2147483648.0 : 9223372036854775808.0;
  if (kind == ElementKind::F32) {
    for (float value : getFloats()) {
      double truncated = std::trunc(static_cast<double>(value));
      if (!(truncated >= static_cast<double>(low) && truncated < high))
        return makeError("the value " + formatFloat(value) + " does not fit " +
                         getElementKindName(newKind));
      result.ints.push_back(static_cast<int64_t>(truncated));
    }
    return result;
  }
  for (int64_t value : ints) {
    if (value < low || static_cast<double>(value) >= high)
      return makeError("the value " + formatFloat(value) + " does not fit " +
                       getElementKindName(newKind));
    result.ints.push_back(value);
  }
  return result;
}

} // namespace hcgs::onnximport
