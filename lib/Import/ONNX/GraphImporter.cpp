//===- GraphImporter.cpp - ONNX graph to func/hcgs IR ---------------------===//

#include "GraphImporter.h"
#include "TensorReader.h"

#include "onnx/onnx_pb.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Verifier.h"

using namespace mlir;

namespace hcgs::onnximport {

//===----------------------------------------------------------------------===//
// ImportedValue
//===----------------------------------------------------------------------===//

llvm::ArrayRef<int64_t> ImportedValue::getShape() const {
  if (host)
    return host->getShape();
  return cast<RankedTensorType>(value.getType()).getShape();
}

ElementKind ImportedValue::getKind() const {
  if (host)
    return host->getKind();
  return cast<RankedTensorType>(value.getType()).getElementType().isF32()
             ? ElementKind::F32
             : ElementKind::I32;
}

//===----------------------------------------------------------------------===//
// Node
//===----------------------------------------------------------------------===//

Node::Node(const onnx::NodeProto &proto, int64_t index, int64_t opset)
    : proto(proto), index(index), opset(opset) {}

StringRef Node::getOpType() const { return proto.op_type(); }

std::string Node::describe() const {
  std::string text =
      proto.op_type().empty() ? std::string("node") : proto.op_type() + " node";
  if (proto.name().empty())
    return text + " #" + std::to_string(index);
  return text + " " + quote(proto.name());
}

size_t Node::getNumInputs() const { return proto.input_size(); }
StringRef Node::getInputName(size_t i) const { return proto.input(i); }
size_t Node::getNumOutputs() const { return proto.output_size(); }
StringRef Node::getOutputName(size_t i) const { return proto.output(i); }

Error Node::checkArity(size_t minInputs, size_t maxInputs,
                       size_t maxOutputs) const {
  size_t inputs = getNumInputs();
  if (inputs < minInputs || inputs > maxInputs) {
    std::string expected =
        minInputs == maxInputs
            ? std::to_string(minInputs)
            : std::to_string(minInputs) + " to " + std::to_string(maxInputs);
    return makeError("takes " + expected + " inputs, got " + Twine(inputs));
  }
  for (size_t i = 0; i < minInputs; ++i)
    if (!hasInput(i))
      return makeError("input " + Twine(i) + " is required");
  if (getNumOutputs() > maxOutputs)
    return makeError("has " + Twine(getNumOutputs()) +
                     " outputs, the operator has " + Twine(maxOutputs));
  return Error::success();
}

Error Node::checkAttributes(llvm::ArrayRef<StringRef> known) const {
  for (const onnx::AttributeProto &attr : proto.attribute())
    if (!llvm::is_contained(known, attr.name()))
      return makeError("has the attribute " + quote(attr.name()) +
                       ", which hcgs does not know for this operator");
  return Error::success();
}

bool Node::hasAttribute(StringRef name) const {
  return llvm::any_of(proto.attribute(), [&](const onnx::AttributeProto &a) {
    return a.name() == name;
  });
}

/// The type of an attribute; models from before IR version 2 leave `type`
/// unset, so it is deduced from the field that is set.
static int getAttributeType(const onnx::AttributeProto &attr) {
  if (attr.type() != onnx::AttributeProto::UNDEFINED)
    return attr.type();
  if (attr.has_f())
    return onnx::AttributeProto::FLOAT;
  if (attr.has_i())
    return onnx::AttributeProto::INT;
  if (attr.has_s())
    return onnx::AttributeProto::STRING;
  if (attr.has_t())
    return onnx::AttributeProto::TENSOR;
  if (attr.has_g())
    return onnx::AttributeProto::GRAPH;
  if (attr.floats_size())
    return onnx::AttributeProto::FLOATS;
  if (attr.ints_size())
    return onnx::AttributeProto::INTS;
  if (attr.strings_size())
    return onnx::AttributeProto::STRINGS;
  return onnx::AttributeProto::UNDEFINED;
}

static std::string getAttributeTypeName(int type) {
  if (onnx::AttributeProto::AttributeType_IsValid(type))
    return onnx::AttributeProto::AttributeType_Name(
        static_cast<onnx::AttributeProto::AttributeType>(type));
  return "type " + std::to_string(type);
}

Expected<const onnx::AttributeProto *> Node::getAttribute(StringRef name,
                                                          int type) const {
  const onnx::AttributeProto *found = nullptr;
  for (const onnx::AttributeProto &attr : proto.attribute()) {
    if (attr.name() != name)
      continue;
    if (found)
      return makeError("has the attribute " + quote(name) + " twice");
    found = &attr;
  }
  if (!found)
    return nullptr;
  int actual = getAttributeType(*found);
  bool isList = type == onnx::AttributeProto::FLOATS ||
                type == onnx::AttributeProto::INTS ||
                type == onnx::AttributeProto::STRINGS;
  // An empty list written without a type is an empty list of any kind.
  if (actual != type && !(isList && actual == onnx::AttributeProto::UNDEFINED))
    return makeError("attribute " + quote(name) + " must be " +
                     getAttributeTypeName(type) + ", got " +
                     getAttributeTypeName(actual));
  return found;
}

/// What `read` takes from the scalar attribute `attr` named `name`, or
/// `fallback` when it is absent (then an error when there is none).
template <typename T, typename Read>
static Expected<T> readScalar(Expected<const onnx::AttributeProto *> attr,
                              StringRef name, std::optional<T> fallback,
                              Read read) {
  if (!attr)
    return attr.takeError();
  if (*attr)
    return read(**attr);
  if (!fallback)
    return makeError("needs the attribute " + quote(name));
  return *fallback;
}

/// The items `items` lists of the list attribute `attr`, or std::nullopt
/// when it is absent.
template <typename T, typename Items>
static Expected<std::optional<SmallVector<T>>>
readList(Expected<const onnx::AttributeProto *> attr, Items items) {
  if (!attr)
    return attr.takeError();
  if (!*attr)
    return std::nullopt;
  const auto &list = items(**attr);
  return SmallVector<T>(list.begin(), list.end());
}

Expected<int64_t> Node::getInt(StringRef name,
                               std::optional<int64_t> fallback) const {
  return readScalar(getAttribute(name, onnx::AttributeProto::INT), name,
                    fallback,
                    [](const onnx::AttributeProto &attr) { return attr.i(); });
}

Expected<float> Node::getFloat(StringRef name,
                               std::optional<float> fallback) const {
  return readScalar(getAttribute(name, onnx::AttributeProto::FLOAT), name,
                    fallback,
                    [](const onnx::AttributeProto &attr) { return attr.f(); });
}

Expected<std::string>
Node::getString(StringRef name, std::optional<std::string> fallback) const {
  return readScalar(getAttribute(name, onnx::AttributeProto::STRING), name,
                    std::move(fallback),
                    [](const onnx::AttributeProto &attr) { return attr.s(); });
}

Expected<std::optional<SmallVector<int64_t>>>
Node::getInts(StringRef name) const {
  return readList<int64_t>(
      getAttribute(name, onnx::AttributeProto::INTS),
      [](const onnx::AttributeProto &attr) -> const auto & {
        return attr.ints();
      });
}

Expected<std::optional<SmallVector<float>>>
Node::getFloats(StringRef name) const {
  return readList<float>(
      getAttribute(name, onnx::AttributeProto::FLOATS),
      [](const onnx::AttributeProto &attr) -> const auto & {
        return attr.floats();
      });
}

Expected<std::optional<SmallVector<std::string>>>
Node::getStrings(StringRef name) const {
  return readList<std::string>(
      getAttribute(name, onnx::AttributeProto::STRINGS),
      [](const onnx::AttributeProto &attr) -> const auto & {
        return attr.strings();
      });
}

Expected<const onnx::TensorProto *> Node::getTensor(StringRef name) const {
  Expected<const onnx::AttributeProto *> attr =
      getAttribute(name, onnx::AttributeProto::TENSOR);
  if (!attr)
    return attr.takeError();
  return *attr ? &(*attr)->t() : nullptr;
}

//===----------------------------------------------------------------------===//
// GraphImporter
//===----------------------------------------------------------------------===//

Location GraphImporter::getLoc(const Node &node) {
  std::string name = node.getProto().name();
  if (name.empty())
    name = node.describe();
  return NameLoc::get(builder.getStringAttr(name));
}

Error GraphImporter::define(StringRef name, ImportedValue value) {
  // Every shape is bounded, so that nothing downstream overflows
  // multiplying dimensions.
  if (Error error = checkShapeSize(value.getShape()))
    return makeError("the value " + quote(name) + ": " +
                     llvm::toString(std::move(error)));
  if (!values.try_emplace(name, std::move(value)).second)
    return makeError("the value " + quote(name) + " is defined twice");
  return Error::success();
}

ImportedValue *GraphImporter::lookup(StringRef name) {
  auto it = values.find(name);
  return it == values.end() ? nullptr : &it->second;
}

Expected<ImportedValue> GraphImporter::getInput(const Node &node,
                                                size_t index) {
  if (!node.hasInput(index))
    return makeError("input " + Twine(index) + " is required");
  ImportedValue *value = lookup(node.getInputName(index));
  assert(value && "node inputs are checked before the node is imported");
  return *value;
}

Expected<std::shared_ptr<const KnownTensor>>
GraphImporter::getHostInput(const Node &node, size_t index, StringRef role) {
  Expected<ImportedValue> input = getInput(node, index);
  if (!input)
    return input.takeError();
  if (!input->isHost())
    return makeError(role + " (input " + Twine(index) + ", " +
                     quote(node.getInputName(index)) +
                     ") must be known at import time, but it is computed "
                     "at run time");
  return input->host;
}

Expected<std::vector<int64_t>>
GraphImporter::getKnownInts(const Node &node, size_t index, StringRef role) {
  Expected<std::shared_ptr<const KnownTensor>> host =
      getHostInput(node, index, role);
  if (!host)
    return host.takeError();
  Expected<std::vector<int64_t>> ints = (*host)->getKnownInts();
  if (!ints)
    return makeError(role + " (input " + Twine(index) + ", " +
                     quote(node.getInputName(index)) +
                     "): " + llvm::toString(ints.takeError()));
  return ints;
}

Expected<Value> GraphImporter::getValueInput(const Node &node, size_t index) {
  if (!node.hasInput(index))
    return makeError("input " + Twine(index) + " is required");
  ImportedValue *value = lookup(node.getInputName(index));
  assert(value && "node inputs are checked before the node is imported");
  return materialize(*value, node.getInputName(index));
}

Error GraphImporter::setOutput(const Node &node, size_t index,
                               ImportedValue value) {
  if (!node.hasOutput(index))
    return Error::success();
  return define(node.getOutputName(index), std::move(value));
}

Expected<KnownTensor>
GraphImporter::readTensor(const onnx::TensorProto &tensor) {
  return onnximport::readTensor(tensor, external);
}

RankedTensorType GraphImporter::getTensorType(llvm::ArrayRef<int64_t> shape,
                                              ElementKind kind) {
  return onnximport::getTensorType(getContext(), shape, kind);
}

RankedTensorType getTensorType(MLIRContext *context,
                               llvm::ArrayRef<int64_t> shape,
                               ElementKind kind) {
  Type element =
      kind == ElementKind::F32
          ? Type(Float32Type::get(context))
          : Type(IntegerType::get(context, kind == ElementKind::I32 ? 32 : 64));
  return RankedTensorType::get(shape, element);
}

/// A resource blob key for `name`: ONNX names may hold any bytes, keys are
/// kept to identifier characters so the IR stays easy to read.
static std::string getBlobKey(StringRef name) {
  std::string key;
  for (char c : name)
    key += llvm::isAlnum(c) || c == '_' || c == '.' ? c : '_';
  if (key.empty() || llvm::isDigit(key.front()))
    key.insert(0, "t");
  return key;
}

/// The elements of a known, static f32 or i32 tensor as i32 values.
static std::vector<int32_t> getInt32s(const KnownTensor &tensor) {
  std::vector<int32_t> values;
  for (int64_t i = 0, e = tensor.getNumStored(); i < e; ++i)
    values.push_back(static_cast<int32_t>(tensor.getInt(i)));
  return values;
}

Expected<TypedAttr> getElementsAttr(MLIRContext *context,
                                    const KnownTensor &tensor, StringRef name,
                                    int64_t maxInlineElements) {
  std::string what = "the value " + quote(name);
  if (!tensor.isKnown())
    return makeError(what +
                     " is needed at run time, but it is not known at "
                     "import time: " +
                     tensor.getUnknownReason());
  if (!tensor.hasStaticShape())
    return makeError(what + " is needed at run time, but its shape " +
                     formatShape(tensor.getShape()) +
                     " depends on a dynamic dimension");
  if (tensor.getKind() == ElementKind::I64)
    return makeError("the int64 value " + quote(name) +
                     " is needed at run time, but hcgs computes only with "
                     "float32 data (and int32 sequence lengths)");
  // i32 values come from int32 tensors or casts that checked their range.
  bool isFloat = tensor.getKind() == ElementKind::F32;
  RankedTensorType type =
      getTensorType(context, tensor.getShape(), tensor.getKind());
  if (tensor.isSplat())
    return isFloat ? DenseElementsAttr::get(type, tensor.getFloats().front())
                   : DenseElementsAttr::get(type, getInt32s(tensor).front());
  bool inline_ = tensor.getNumElements() <= maxInlineElements;
  if (isFloat) {
    if (inline_)
      return TypedAttr(DenseElementsAttr::get(type, tensor.getFloats()));
    // The blob shares the tensor's elements instead of copying them.
    std::shared_ptr<const std::vector<float>> floats = tensor.shareFloats();
    AsmResourceBlob blob(
        llvm::ArrayRef<float>(*floats), [floats](void *, size_t, size_t) {},
        /*dataIsMutable=*/false);
    return TypedAttr(DenseF32ResourceElementsAttr::get(
        type, getBlobKey(name), std::move(blob)));
  }
  std::vector<int32_t> values = getInt32s(tensor);
  return inline_ ? TypedAttr(DenseElementsAttr::get(
                       type, llvm::ArrayRef<int32_t>(values)))
                 : TypedAttr(DenseI32ResourceElementsAttr::get(
                       type, getBlobKey(name),
                       HeapAsmResourceBlob::allocateAndCopyInferAlign(
                           llvm::ArrayRef<int32_t>(values))));
}

Expected<Value> GraphImporter::createConstant(const KnownTensor &tensor,
                                              StringRef name, Location loc) {
  Expected<TypedAttr> attr =
      getElementsAttr(getContext(), tensor, name, options.maxInlineElements);
  if (!attr)
    return attr.takeError();
  return arith::ConstantOp::create(builder, loc, *attr).getResult();
}

Expected<Value> GraphImporter::materialize(ImportedValue &value,
                                           StringRef name) {
  if (value.value)
    return value.value;
  Expected<Value> constant = createConstant(
      *value.host, name, NameLoc::get(builder.getStringAttr(name)));
  if (!constant)
    return constant.takeError();
  value.value = *constant;
  return value.value;
}

Error GraphImporter::verify(Operation *op) {
  if (succeeded(mlir::verify(op)))
    return Error::success();
  std::string message = takeDiagnostic();
  op->erase();
  return makeError(message.empty() ? "the built IR does not verify" : message);
}

} // namespace hcgs::onnximport
