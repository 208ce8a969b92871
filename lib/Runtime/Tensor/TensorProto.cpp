//===- TensorProto.cpp - ONNX TensorProto messages ------------------------===//
//
// ONNX's backend test data stores each input and output as a serialized
// TensorProto. Its elements are either little-endian bytes in raw_data or
// values in the typed field that the data type names (float_data for FLOAT,
// int32_data for the narrow integers, bool and float16 bits, and so on).
//
//===----------------------------------------------------------------------===//

#include "TensorIOInternal.h"
#include "hcgs/Runtime/Tensor/TensorIO.h"

#include "onnx/onnx_pb.h"

#include <climits>
#include <cstring>
#include <limits>

using namespace hcgs;
using llvm::Error;
using llvm::Expected;
using llvm::StringRef;
using onnx::TensorProto;

namespace {
Error protoError(const llvm::Twine &message) {
  return llvm::createStringError(message);
}

std::optional<ElementType> getElementType(int32_t dataType) {
  switch (dataType) {
  case TensorProto::FLOAT:
    return ElementType::Float32;
  case TensorProto::DOUBLE:
    return ElementType::Float64;
  case TensorProto::FLOAT16:
    return ElementType::Float16;
  case TensorProto::BOOL:
    return ElementType::Bool;
  case TensorProto::INT8:
    return ElementType::Int8;
  case TensorProto::UINT8:
    return ElementType::UInt8;
  case TensorProto::INT16:
    return ElementType::Int16;
  case TensorProto::UINT16:
    return ElementType::UInt16;
  case TensorProto::INT32:
    return ElementType::Int32;
  case TensorProto::UINT32:
    return ElementType::UInt32;
  case TensorProto::INT64:
    return ElementType::Int64;
  case TensorProto::UINT64:
    return ElementType::UInt64;
  default:
    return std::nullopt;
  }
}

/// The typed field that holds the elements of a tensor of `type`.
enum class TypedField { Float, Double, Int32, Int64, UInt64 };

TypedField getTypedField(ElementType type) {
  switch (type) {
  case ElementType::Float32:
    return TypedField::Float;
  case ElementType::Float64:
    return TypedField::Double;
  case ElementType::Int64:
    return TypedField::Int64;
  case ElementType::UInt32:
  case ElementType::UInt64:
    return TypedField::UInt64;
  default:
    return TypedField::Int32;
  }
}

const char *getFieldName(TypedField field) {
  switch (field) {
  case TypedField::Float:
    return "float_data";
  case TypedField::Double:
    return "double_data";
  case TypedField::Int32:
    return "int32_data";
  case TypedField::Int64:
    return "int64_data";
  case TypedField::UInt64:
    return "uint64_data";
  }
  llvm_unreachable("unknown field");
}

int getFieldSize(const TensorProto &proto, TypedField field) {
  switch (field) {
  case TypedField::Float:
    return proto.float_data_size();
  case TypedField::Double:
    return proto.double_data_size();
  case TypedField::Int32:
    return proto.int32_data_size();
  case TypedField::Int64:
    return proto.int64_data_size();
  case TypedField::UInt64:
    return proto.uint64_data_size();
  }
  llvm_unreachable("unknown field");
}

/// Narrows the wide values of a typed field to `T`, refusing values that do
/// not fit (a float16 is stored as its 16 bits).
template <typename T, typename Wide>
Error narrowInto(const google::protobuf::RepeatedField<Wide> &values,
                 Tensor &tensor, const char *fieldName) {
  using Stored = std::conditional_t<std::is_same_v<T, bool>, uint8_t, T>;
  constexpr Wide lowest =
      std::is_same_v<T, bool>
          ? 0
          : static_cast<Wide>(std::numeric_limits<T>::lowest());
  constexpr Wide highest =
      std::is_same_v<T, bool>
          ? 1
          : static_cast<Wide>(std::numeric_limits<T>::max());
  auto *out = reinterpret_cast<Stored *>(tensor.getMutableBytes().data());
  for (int i = 0, e = values.size(); i < e; ++i) {
    Wide value = values.Get(i);
    if (value < lowest || value > highest)
      return protoError(llvm::Twine(fieldName) + "[" + llvm::Twine(i) +
                        "] = " + std::to_string(value) + " does not fit in " +
                        getElementTypeName(tensor.getElementType()));
    out[i] = static_cast<Stored>(value);
  }
  return Error::success();
}

/// Copies the typed field of `proto` into `tensor`.
Error copyTypedField(const TensorProto &proto, Tensor &tensor) {
  auto copyAll = [&](const auto &values) {
    if (values.empty())
      return;
    std::memcpy(tensor.getMutableBytes().data(), values.data(),
                tensor.getBytes().size());
  };
  switch (tensor.getElementType()) {
  case ElementType::Float32:
    copyAll(proto.float_data());
    return Error::success();
  case ElementType::Float64:
    copyAll(proto.double_data());
    return Error::success();
  case ElementType::Int64:
    copyAll(proto.int64_data());
    return Error::success();
  case ElementType::UInt64:
    copyAll(proto.uint64_data());
    return Error::success();
  case ElementType::Int32:
    copyAll(proto.int32_data());
    return Error::success();
  case ElementType::UInt32:
    return narrowInto<uint32_t>(proto.uint64_data(), tensor, "uint64_data");
  case ElementType::Int16:
    return narrowInto<int16_t>(proto.int32_data(), tensor, "int32_data");
  case ElementType::UInt16:
  case ElementType::Float16:
    return narrowInto<uint16_t>(proto.int32_data(), tensor, "int32_data");
  case ElementType::Int8:
    return narrowInto<int8_t>(proto.int32_data(), tensor, "int32_data");
  case ElementType::UInt8:
    return narrowInto<uint8_t>(proto.int32_data(), tensor, "int32_data");
  case ElementType::Bool:
    return narrowInto<bool>(proto.int32_data(), tensor, "int32_data");
  }
  llvm_unreachable("unknown element type");
}
} // namespace

Expected<Tensor> hcgs::parseTensorProto(StringRef bytes, std::string *name) {
  if (bytes.size() > static_cast<size_t>(INT_MAX))
    return protoError("the TensorProto is larger than protobuf's 2 GiB limit");
  TensorProto proto;
  if (!proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return protoError("not a valid ONNX TensorProto (protobuf parsing failed)");
  if (proto.has_segment())
    return protoError("TensorProto segments are not supported");
  if (proto.data_location() == TensorProto::EXTERNAL ||
      proto.external_data_size() > 0)
    return protoError("tensors with external data are not supported");
  std::optional<ElementType> type = getElementType(proto.data_type());
  if (!type) {
    std::string typeName =
        TensorProto::DataType_IsValid(proto.data_type())
            ? TensorProto::DataType_Name(
                  static_cast<TensorProto::DataType>(proto.data_type()))
            : "unknown";
    return protoError("unsupported TensorProto data type " + typeName + " (" +
                      llvm::Twine(proto.data_type()) + ")");
  }
  std::vector<int64_t> shape(proto.dims().begin(), proto.dims().end());
  Expected<int64_t> byteSize = getCheckedByteSize(*type, shape);
  if (!byteSize)
    return byteSize.takeError();
  int64_t numElements = *byteSize / getElementSize(*type);
  std::string describe = "shape " + formatShape(shape) + " of " +
                         getElementTypeName(*type).str() + " needs " +
                         std::to_string(numElements) + " elements";

  // Exactly one place may hold the elements: raw_data or the typed field of
  // the data type. string_data never does for the types accepted here.
  TypedField expectedField = getTypedField(*type);
  for (TypedField field :
       {TypedField::Float, TypedField::Double, TypedField::Int32,
        TypedField::Int64, TypedField::UInt64}) {
    if (getFieldSize(proto, field) == 0)
      continue;
    if (field != expectedField)
      return protoError(llvm::Twine("the TensorProto holds ") +
                        getFieldName(field) + ", but a " +
                        getElementTypeName(*type) +
                        " tensor keeps its values in " +
                        getFieldName(expectedField) + " or raw_data");
    if (proto.has_raw_data())
      return protoError(
          llvm::Twine("the TensorProto holds both raw_data and ") +
          getFieldName(field));
  }
  if (proto.string_data_size() > 0)
    return protoError("the TensorProto holds string_data, but its type is " +
                      getElementTypeName(*type));

  // Every size is checked against the data present before allocating.
  if (proto.has_raw_data()) {
    if (static_cast<int64_t>(proto.raw_data().size()) != *byteSize)
      return protoError("raw_data has " + llvm::Twine(proto.raw_data().size()) +
                        " bytes, but " + describe + " (" +
                        llvm::Twine(*byteSize) + " bytes)");
  } else {
    int count = getFieldSize(proto, expectedField);
    if (count != numElements)
      return protoError(
          count == 0 ? "the TensorProto holds no data, but " + describe
                     : std::string(getFieldName(expectedField)) + " has " +
                           std::to_string(count) + " values, but " + describe);
  }

  Tensor tensor(*type, shape);
  if (proto.has_raw_data()) {
    const std::string &raw = proto.raw_data();
    if (!raw.empty())
      std::memcpy(tensor.getMutableBytes().data(), raw.data(), raw.size());
    if (*type == ElementType::Bool)
      if (Error err = detail::checkBoolBytes(tensor))
        return std::move(err);
  } else if (Error err = copyTypedField(proto, tensor)) {
    return std::move(err);
  }
  if (name)
    *name = proto.name();
  return tensor;
}
