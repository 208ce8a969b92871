//===- TensorReader.cpp - ONNX TensorProto to known tensors ----------------===//

#include "TensorReader.h"
#include "ImportError.h"

#include "onnx/onnx_pb.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA1.h"

#include <cstring>

using namespace llvm;

namespace hcgs::onnximport {

//===----------------------------------------------------------------------===//
// External data
//===----------------------------------------------------------------------===//

Expected<ExternalDataReader> ExternalDataReader::create(StringRef modelPath) {
  StringRef parent = sys::path::parent_path(modelPath);
  SmallString<256> folder;
  if (std::error_code ec = sys::fs::real_path(parent.empty() ? "." : parent,
                                              folder, /*expand_tilde=*/false))
    return makeError("cannot resolve the model's folder: " + ec.message());
  return ExternalDataReader(std::string(folder));
}

Expected<std::vector<char>> ExternalDataReader::read(StringRef location,
                                                     uint64_t offset,
                                                     uint64_t size) const {
  std::string where = "external data file " + quote(location);
  if (location.empty())
    return makeError("an external data location is empty");
  if (location.contains('\0'))
    return makeError(where + " has a NUL character in its name");
  if (sys::path::is_absolute(location, sys::path::Style::posix) ||
      sys::path::is_absolute(location, sys::path::Style::windows))
    return makeError(where +
                     " is an absolute path; locations must be relative to "
                     "the model's folder");
  for (StringRef component :
       make_range(sys::path::begin(location), sys::path::end(location)))
    if (component == "..")
      return makeError(where + " contains '..'; locations must stay inside "
                               "the model's folder");

  SmallString<256> joined(folder);
  sys::path::append(joined, location);
  SmallString<256> real;
  if (std::error_code ec = sys::fs::real_path(joined, real))
    return makeError("cannot open " + where + ": " + ec.message());
  // Symbolic links may point anywhere: the resolved path must still be in
  // the folder.
  if (real == folder)
    return makeError(where + " is the model's folder, not a file");
  if (!StringRef(real).starts_with(folder + "/"))
    return makeError(where + " resolves to a path outside the model's folder");

  // Checked before opening (opening a FIFO would block) and again on the
  // open file.
  auto checkRegular = [&](const sys::fs::file_status &status) -> Error {
    if (status.type() != sys::fs::file_type::regular_file)
      return makeError(where + " is not a regular file");
    return Error::success();
  };
  sys::fs::file_status status;
  if (std::error_code ec = sys::fs::status(real, status))
    return makeError("cannot open " + where + ": " + ec.message());
  if (Error error = checkRegular(status))
    return std::move(error);
  Expected<sys::fs::file_t> file = sys::fs::openNativeFileForRead(real);
  if (!file)
    return makeError("cannot open " + where + ": " +
                     toString(file.takeError()));
  scope_exit closeFile([&] { sys::fs::closeFile(*file); });
  if (std::error_code ec = sys::fs::status(*file, status))
    return makeError("cannot read " + where + ": " + ec.message());
  if (Error error = checkRegular(status))
    return std::move(error);
  uint64_t fileSize = status.getSize();
  if (offset > fileSize || size > fileSize - offset)
    return makeError(where + " has " + Twine(fileSize) +
                     " bytes, too few for " + Twine(size) +
                     " bytes at offset " + Twine(offset));

  std::vector<char> data(size);
  uint64_t done = 0;
  while (done < size) {
    Expected<size_t> count = sys::fs::readNativeFileSlice(
        *file, MutableArrayRef<char>(data.data() + done, size - done),
        offset + done);
    if (!count)
      return makeError("cannot read " + where + ": " +
                       toString(count.takeError()));
    if (*count == 0)
      return makeError(where + " ended early");
    done += *count;
  }
  return data;
}

//===----------------------------------------------------------------------===//
// Element types
//===----------------------------------------------------------------------===//

std::optional<ElementKind> getElementKind(int onnxDataType) {
  switch (onnxDataType) {
  case onnx::TensorProto::FLOAT:
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::DOUBLE:
    return ElementKind::F32;
  case onnx::TensorProto::INT32:
    return ElementKind::I32;
  case onnx::TensorProto::INT64:
    return ElementKind::I64;
  default:
    return std::nullopt;
  }
}

std::string getDataTypeName(int onnxDataType) {
  if (onnx::TensorProto::DataType_IsValid(onnxDataType))
    return onnx::TensorProto::DataType_Name(
        static_cast<onnx::TensorProto::DataType>(onnxDataType));
  return "unknown data type " + std::to_string(onnxDataType);
}

/// Bytes per element of the types getElementKind accepts.
static size_t getElementSize(int onnxDataType) {
  switch (onnxDataType) {
  case onnx::TensorProto::FLOAT16:
    return 2;
  case onnx::TensorProto::FLOAT:
  case onnx::TensorProto::INT32:
    return 4;
  default:
    return 8;
  }
}

/// IEEE half precision bits to float.
static float halfToFloat(uint16_t bits) {
  uint32_t sign = uint32_t(bits >> 15) << 31;
  uint32_t exponent = (bits >> 10) & 0x1f;
  uint32_t mantissa = bits & 0x3ff;
  uint32_t result;
  if (exponent == 0x1f) {
    result = sign | 0x7f800000u | (mantissa << 13);
  } else if (exponent != 0) {
    result = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    result = sign;
  } else {
    // Subnormal half: normalize it.
    int shift = 0;
    while (!(mantissa & 0x400)) {
      mantissa <<= 1;
      ++shift;
    }
    result = sign | (uint32_t(113 - shift) << 23) | ((mantissa & 0x3ff) << 13);
  }
  float value;
  std::memcpy(&value, &result, sizeof(value));
  return value;
}

/// Decodes `count` little-endian elements of `onnxDataType` from `bytes`.
static KnownTensor decodeRaw(int onnxDataType, ArrayRef<int64_t> shape,
                            const char *bytes, int64_t count) {
  using namespace llvm::support;
  switch (onnxDataType) {
  case onnx::TensorProto::FLOAT: {
    std::vector<float> values(count);
    for (int64_t i = 0; i < count; ++i)
      values[i] = endian::read<float, endianness::little>(bytes + 4 * i);
    return KnownTensor::getFloats(shape, std::move(values));
  }
  case onnx::TensorProto::FLOAT16: {
    std::vector<float> values(count);
    for (int64_t i = 0; i < count; ++i)
      values[i] = halfToFloat(
          endian::read<uint16_t, endianness::little>(bytes + 2 * i));
    return KnownTensor::getFloats(shape, std::move(values));
  }
  case onnx::TensorProto::DOUBLE: {
    std::vector<float> values(count);
    for (int64_t i = 0; i < count; ++i)
      values[i] = static_cast<float>(
          endian::read<double, endianness::little>(bytes + 8 * i));
    return KnownTensor::getFloats(shape, std::move(values));
  }
  case onnx::TensorProto::INT32: {
    std::vector<int64_t> values(count);
    for (int64_t i = 0; i < count; ++i)
      values[i] = endian::read<int32_t, endianness::little>(bytes + 4 * i);
    return KnownTensor::getInts(ElementKind::I32, shape, std::move(values));
  }
  default: {
    std::vector<int64_t> values(count);
    for (int64_t i = 0; i < count; ++i)
      values[i] = endian::read<int64_t, endianness::little>(bytes + 8 * i);
    return KnownTensor::getInts(ElementKind::I64, shape, std::move(values));
  }
  }
}

/// Decodes the typed repeated field that holds `onnxDataType`; its size
/// has been checked.
static KnownTensor decodeTyped(const onnx::TensorProto &tensor,
                              ArrayRef<int64_t> shape) {
  switch (tensor.data_type()) {
  case onnx::TensorProto::FLOAT:
    return KnownTensor::getFloats(shape,
                                 std::vector<float>(tensor.float_data().begin(),
                                                    tensor.float_data().end()));
  case onnx::TensorProto::FLOAT16: {
    std::vector<float> values;
    values.reserve(tensor.int32_data_size());
    for (int32_t bits : tensor.int32_data())
      values.push_back(halfToFloat(static_cast<uint16_t>(bits)));
    return KnownTensor::getFloats(shape, std::move(values));
  }
  case onnx::TensorProto::DOUBLE: {
    std::vector<float> values;
    values.reserve(tensor.double_data_size());
    for (double value : tensor.double_data())
      values.push_back(static_cast<float>(value));
    return KnownTensor::getFloats(shape, std::move(values));
  }
  case onnx::TensorProto::INT32:
    return KnownTensor::getInts(ElementKind::I32, shape,
                               std::vector<int64_t>(tensor.int32_data().begin(),
                                                    tensor.int32_data().end()));
  default:
    return KnownTensor::getInts(ElementKind::I64, shape,
                               std::vector<int64_t>(tensor.int64_data().begin(),
                                                    tensor.int64_data().end()));
  }
}

/// The number of values in the typed field that holds `onnxDataType`.
static int64_t getTypedFieldSize(const onnx::TensorProto &tensor) {
  switch (tensor.data_type()) {
  case onnx::TensorProto::FLOAT:
    return tensor.float_data_size();
  case onnx::TensorProto::DOUBLE:
    return tensor.double_data_size();
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::INT32:
    return tensor.int32_data_size();
  default:
    return tensor.int64_data_size();
  }
}

/// The number of values in all typed fields: a tensor's data lives in one
/// place only.
static int64_t getAllTypedFieldSizes(const onnx::TensorProto &tensor) {
  return static_cast<int64_t>(tensor.float_data_size()) +
         tensor.int32_data_size() + tensor.string_data_size() +
         tensor.int64_data_size() + tensor.double_data_size() +
         tensor.uint64_data_size();
}

/// Reads the external data of `tensor`: `size` bytes are expected.
static Expected<std::vector<char>>
readExternal(const onnx::TensorProto &tensor, uint64_t size,
             const ExternalDataReader &external, const std::string &what) {
  std::optional<std::string> location, checksum;
  uint64_t offset = 0;
  std::optional<uint64_t> length;
  for (const onnx::StringStringEntryProto &entry : tensor.external_data()) {
    StringRef key = entry.key(), value = entry.value();
    auto parseNumber = [&](uint64_t &out) -> Error {
      if (value.getAsInteger(10, out))
        return makeError(what + " has an invalid external data " + key + " " +
                         quote(value));
      return Error::success();
    };
    if (key == "location") {
      location = value.str();
    } else if (key == "offset") {
      if (Error error = parseNumber(offset))
        return std::move(error);
    } else if (key == "length") {
      length.emplace();
      if (Error error = parseNumber(*length))
        return std::move(error);
    } else if (key == "checksum") {
      checksum = value.str();
    } else {
      return makeError(what + " has an unknown external data key " +
                       quote(key));
    }
  }
  if (!location)
    return makeError(what + " has external data without a location");
  if (length && *length != size)
    return makeError(what + " needs " + Twine(size) +
                     " bytes of external data, its length says " +
                     Twine(*length));
  Expected<std::vector<char>> data = external.read(*location, offset, size);
  if (!data)
    return makeError(what + ": " + toString(data.takeError()));
  if (checksum) {
    std::array<uint8_t, 20> digest = SHA1::hash(ArrayRef<uint8_t>(
        reinterpret_cast<const uint8_t *>(data->data()), data->size()));
    if (!StringRef(*checksum).equals_insensitive(toHex(digest)))
      return makeError(what + ": the SHA-1 of its external data does not "
                              "match its checksum");
  }
  return data;
}

Expected<KnownTensor> readTensor(const onnx::TensorProto &tensor,
                                const ExternalDataReader &external) {
  std::string what = "tensor " + quote(tensor.name());
  std::optional<ElementKind> kind = getElementKind(tensor.data_type());
  if (!kind)
    return makeError(what + " has data type " +
                     getDataTypeName(tensor.data_type()) +
                     ", which hcgs does not read (float, float16, double, "
                     "int32, int64)");
  if (tensor.has_segment())
    return makeError(what + " is segmented, which hcgs does not read");
  SmallVector<int64_t> shape(tensor.dims().begin(), tensor.dims().end());
  if (Error error = checkShapeSize(shape))
    return makeError(what + ": " + toString(std::move(error)));
  std::optional<int64_t> count = getNumElements(shape);
  uint64_t size =
      static_cast<uint64_t>(*count) * getElementSize(tensor.data_type());
  int64_t typedSize = getAllTypedFieldSizes(tensor);

  if (tensor.data_location() == onnx::TensorProto::EXTERNAL) {
    if (tensor.has_raw_data() || typedSize)
      return makeError(what + " has both external and embedded data");
    Expected<std::vector<char>> data =
        readExternal(tensor, size, external, what);
    if (!data)
      return data.takeError();
    return decodeRaw(tensor.data_type(), shape, data->data(), *count);
  }
  if (tensor.data_location() != onnx::TensorProto::DEFAULT)
    return makeError(what + " has an unknown data location " +
                     Twine(static_cast<int>(tensor.data_location())));
  if (tensor.external_data_size())
    return makeError(what + " has external data keys but is not external");

  if (tensor.has_raw_data()) {
    if (typedSize)
      return makeError(what + " has both raw and typed data");
    if (tensor.raw_data().size() != size)
      return makeError(what + " has " + Twine(tensor.raw_data().size()) +
                       " bytes of data, its shape " + formatShape(shape) +
                       " needs " + Twine(size));
    return decodeRaw(tensor.data_type(), shape, tensor.raw_data().data(),
                     *count);
  }
  if (getTypedFieldSize(tensor) != typedSize)
    return makeError(what +
                     " keeps its values in a field that does not "
                     "match its data type " +
                     getDataTypeName(tensor.data_type()));
  if (typedSize != static_cast<int64_t>(*count))
    return makeError(what + " has " + Twine(typedSize) + " values, its shape " +
                     formatShape(shape) + " needs " + Twine(*count));
  return decodeTyped(tensor, shape);
}

} // namespace hcgs::onnximport
