//===- TensorProtoTest.cpp - the ONNX TensorProto reader ------------------===//

#include "hcgs/Runtime/Tensor/TensorIO.h"

#include "onnx/onnx_pb.h"
#include "gtest/gtest.h"

#include <limits>

using namespace hcgs;
using onnx::TensorProto;

namespace {

TensorProto makeProto(int32_t dataType, std::vector<int64_t> dims) {
  TensorProto proto;
  proto.set_data_type(dataType);
  for (int64_t dim : dims)
    proto.add_dims(dim);
  return proto;
}

llvm::Expected<Tensor> parse(const TensorProto &proto,
                             std::string *name = nullptr) {
  return parseTensorProto(proto.SerializeAsString(), name);
}

std::string parseError(const TensorProto &proto) {
  llvm::Expected<Tensor> tensor = parse(proto);
  if (tensor)
    return "";
  return llvm::toString(tensor.takeError());
}

TEST(TensorProtoTest, ReadsRawDataOfEveryType) {
  const std::pair<int32_t, ElementType> types[] = {
      {TensorProto::FLOAT, ElementType::Float32},
      {TensorProto::DOUBLE, ElementType::Float64},
      {TensorProto::FLOAT16, ElementType::Float16},
      {TensorProto::BOOL, ElementType::Bool},
      {TensorProto::INT8, ElementType::Int8},
      {TensorProto::UINT8, ElementType::UInt8},
      {TensorProto::INT16, ElementType::Int16},
      {TensorProto::UINT16, ElementType::UInt16},
      {TensorProto::INT32, ElementType::Int32},
      {TensorProto::UINT32, ElementType::UInt32},
      {TensorProto::INT64, ElementType::Int64},
      {TensorProto::UINT64, ElementType::UInt64}};
  for (auto [dataType, type] : types) {
    Tensor expected(type, {2, 3});
    for (auto [index, byte] : llvm::enumerate(expected.getMutableBytes()))
      byte = type == ElementType::Bool ? index % 2 : index * 7 + 1;
    TensorProto proto = makeProto(dataType, {2, 3});
    proto.set_name("t");
    proto.set_raw_data(expected.getBytes().data(), expected.getBytes().size());
    std::string name;
    llvm::Expected<Tensor> tensor = parse(proto, &name);
    ASSERT_TRUE(static_cast<bool>(tensor))
        << getElementTypeName(type).str() << ": "
        << llvm::toString(tensor.takeError());
    EXPECT_EQ(*tensor, expected) << getElementTypeName(type).str();
    EXPECT_EQ(name, "t");
  }
}

TEST(TensorProtoTest, ReadsTypedFields) {
  TensorProto floats = makeProto(TensorProto::FLOAT, {3});
  for (float value : {1.5f, -2.0f, 0.25f})
    floats.add_float_data(value);
  EXPECT_EQ(*parse(floats),
            Tensor::fromValues<float>({3}, {1.5f, -2.0f, 0.25f}));

  TensorProto doubles = makeProto(TensorProto::DOUBLE, {2});
  doubles.add_double_data(1e300);
  doubles.add_double_data(-3.0);
  EXPECT_EQ(*parse(doubles), Tensor::fromValues<double>({2}, {1e300, -3.0}));

  TensorProto int64s = makeProto(TensorProto::INT64, {2});
  int64s.add_int64_data(std::numeric_limits<int64_t>::min());
  int64s.add_int64_data(7);
  EXPECT_EQ(*parse(int64s), Tensor::fromValues<int64_t>(
                                {2}, {std::numeric_limits<int64_t>::min(), 7}));

  TensorProto uint64s = makeProto(TensorProto::UINT64, {1});
  uint64s.add_uint64_data(std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(*parse(uint64s), Tensor::fromValues<uint64_t>(
                                 {1}, {std::numeric_limits<uint64_t>::max()}));

  TensorProto uint32s = makeProto(TensorProto::UINT32, {1});
  uint32s.add_uint64_data(4294967295u);
  EXPECT_EQ(*parse(uint32s), Tensor::fromValues<uint32_t>({1}, {4294967295u}));

  TensorProto int32s = makeProto(TensorProto::INT32, {2});
  int32s.add_int32_data(-5);
  int32s.add_int32_data(std::numeric_limits<int32_t>::max());
  EXPECT_EQ(*parse(int32s),
            Tensor::fromValues<int32_t>(
                {2}, {-5, std::numeric_limits<int32_t>::max()}));

  // The narrow types live in int32_data.
  TensorProto int8s = makeProto(TensorProto::INT8, {2});
  int8s.add_int32_data(-128);
  int8s.add_int32_data(127);
  EXPECT_EQ(*parse(int8s), Tensor::fromValues<int8_t>({2}, {-128, 127}));
  TensorProto uint8s = makeProto(TensorProto::UINT8, {1});
  uint8s.add_int32_data(255);
  EXPECT_EQ(*parse(uint8s), Tensor::fromValues<uint8_t>({1}, {255}));
  TensorProto int16s = makeProto(TensorProto::INT16, {1});
  int16s.add_int32_data(-32768);
  EXPECT_EQ(*parse(int16s), Tensor::fromValues<int16_t>({1}, {-32768}));
  TensorProto uint16s = makeProto(TensorProto::UINT16, {1});
  uint16s.add_int32_data(65535);
  EXPECT_EQ(*parse(uint16s), Tensor::fromValues<uint16_t>({1}, {65535}));
  TensorProto bools = makeProto(TensorProto::BOOL, {2});
  bools.add_int32_data(1);
  bools.add_int32_data(0);
  EXPECT_EQ(*parse(bools), Tensor::fromValues<bool>({2}, {true, false}));

  // A float16 is stored as its bits: 0x3C00 is 1.0.
  TensorProto halves = makeProto(TensorProto::FLOAT16, {1});
  halves.add_int32_data(0x3C00);
  llvm::Expected<Tensor> half = parse(halves);
  ASSERT_TRUE(static_cast<bool>(half));
  EXPECT_EQ(half->getBytes(), llvm::ArrayRef<uint8_t>({0x00, 0x3C}));
}

TEST(TensorProtoTest, ReadsEmptyTensorsAndScalars) {
  llvm::Expected<Tensor> empty = parse(makeProto(TensorProto::FLOAT, {0, 4}));
  ASSERT_TRUE(static_cast<bool>(empty)) << llvm::toString(empty.takeError());
  EXPECT_EQ(empty->getShape(), llvm::ArrayRef<int64_t>({0, 4}));

  TensorProto scalar = makeProto(TensorProto::FLOAT, {});
  scalar.add_float_data(3.0f);
  EXPECT_EQ(*parse(scalar), Tensor::fromValues<float>({}, {3.0f}));
}

TEST(TensorProtoTest, RefusesEveryMalformedTensor) {
  std::vector<std::pair<TensorProto, const char *>> cases;
  auto add = [&](TensorProto proto, const char *message) {
    cases.emplace_back(std::move(proto), message);
  };
  add(makeProto(TensorProto::STRING, {1}),
      "unsupported TensorProto data type STRING (8)");
  add(makeProto(TensorProto::COMPLEX64, {1}),
      "unsupported TensorProto data type COMPLEX64 (14)");
  add(makeProto(TensorProto::BFLOAT16, {1}),
      "unsupported TensorProto data type BFLOAT16 (16)");
  add(makeProto(TensorProto::UNDEFINED, {1}),
      "unsupported TensorProto data type UNDEFINED (0)");
  add(makeProto(99, {1}), "unsupported TensorProto data type unknown (99)");

  TensorProto external = makeProto(TensorProto::FLOAT, {1});
  external.set_data_location(TensorProto::EXTERNAL);
  add(external, "tensors with external data are not supported");
  TensorProto externalEntry = makeProto(TensorProto::FLOAT, {1});
  externalEntry.add_external_data()->set_key("location");
  add(externalEntry, "tensors with external data are not supported");
  TensorProto segment = makeProto(TensorProto::FLOAT, {1});
  segment.mutable_segment()->set_begin(0);
  add(segment, "segments are not supported");

  TensorProto both = makeProto(TensorProto::FLOAT, {1});
  both.add_float_data(1.0f);
  both.set_raw_data(std::string(4, '\0'));
  add(both, "holds both raw_data and float_data");
  TensorProto wrongField = makeProto(TensorProto::FLOAT, {1});
  wrongField.add_int64_data(1);
  add(wrongField, "holds int64_data, but a f32 tensor keeps its values in "
                  "float_data or raw_data");
  TensorProto strings = makeProto(TensorProto::FLOAT, {1});
  strings.add_string_data("x");
  add(strings, "holds string_data, but its type is f32");

  TensorProto shortRaw = makeProto(TensorProto::FLOAT, {2, 2});
  shortRaw.set_raw_data(std::string(15, '\0'));
  add(shortRaw, "raw_data has 15 bytes, but shape [2, 2] of f32 needs 4 "
                "elements (16 bytes)");
  TensorProto longRaw = makeProto(TensorProto::FLOAT, {2, 2});
  longRaw.set_raw_data(std::string(17, '\0'));
  add(longRaw, "raw_data has 17 bytes");
  TensorProto fewValues = makeProto(TensorProto::FLOAT, {3});
  fewValues.add_float_data(1.0f);
  add(fewValues, "float_data has 1 values, but shape [3] of f32 needs 3");
  TensorProto manyValues = makeProto(TensorProto::INT64, {1});
  manyValues.add_int64_data(1);
  manyValues.add_int64_data(2);
  add(manyValues, "int64_data has 2 values, but shape [1] of i64 needs 1");
  add(makeProto(TensorProto::FLOAT, {2}),
      "the TensorProto holds no data, but shape [2] of f32 needs 2 elements");

  // Claims far more than the data holds: refused before allocating.
  TensorProto hugeRaw = makeProto(TensorProto::FLOAT, {1ll << 40});
  hugeRaw.set_raw_data(std::string(4, '\0'));
  add(hugeRaw, "raw_data has 4 bytes, but shape [1099511627776] of f32");
  TensorProto hugeTyped = makeProto(TensorProto::FLOAT, {1ll << 40});
  hugeTyped.add_float_data(1.0f);
  add(hugeTyped, "float_data has 1 values, but shape [1099511627776] of f32");

  add(makeProto(TensorProto::FLOAT, {2, -1}), "negative dimension");
  add(makeProto(TensorProto::FLOAT, {1ll << 32, 1ll << 32}),
      "is too large (its size overflows)");

  TensorProto int8Range = makeProto(TensorProto::INT8, {2});
  int8Range.add_int32_data(5);
  int8Range.add_int32_data(128);
  add(int8Range, "int32_data[1] = 128 does not fit in i8");
  TensorProto uint8Range = makeProto(TensorProto::UINT8, {1});
  uint8Range.add_int32_data(-1);
  add(uint8Range, "int32_data[0] = -1 does not fit in ui8");
  TensorProto boolRange = makeProto(TensorProto::BOOL, {1});
  boolRange.add_int32_data(2);
  add(boolRange, "int32_data[0] = 2 does not fit in bool");
  TensorProto halfRange = makeProto(TensorProto::FLOAT16, {1});
  halfRange.add_int32_data(65536);
  add(halfRange, "int32_data[0] = 65536 does not fit in f16");
  TensorProto uint32Range = makeProto(TensorProto::UINT32, {1});
  uint32Range.add_uint64_data(4294967296u);
  add(uint32Range, "uint64_data[0] = 4294967296 does not fit in ui32");
  TensorProto rawBool = makeProto(TensorProto::BOOL, {2});
  rawBool.set_raw_data(std::string("\x01\x07", 2));
  add(rawBool, "bool element 1 is 7, not 0 or 1");

  for (const auto &[proto, message] : cases) {
    std::string error = parseError(proto);
    EXPECT_NE(error.find(message), std::string::npos)
        << "expected \"" << message << "\", got \"" << error << "\"";
  }
}

TEST(TensorProtoTest, RefusesBytesThatAreNotATensorProto) {
  for (llvm::StringRef bytes :
       {llvm::StringRef("\xff\xff\xff\xff not a protobuf"),
        llvm::StringRef("\x0a\x10short", 7), llvm::StringRef("\x93NUMPY")}) {
    llvm::Expected<Tensor> tensor = parseTensorProto(bytes);
    ASSERT_FALSE(static_cast<bool>(tensor));
    EXPECT_EQ(llvm::toString(tensor.takeError()),
              "not a valid ONNX TensorProto (protobuf parsing failed)");
  }
}

TEST(TensorProtoTest, EveryTruncationIsAnErrorOrAnotherTensor) {
  TensorProto proto = makeProto(TensorProto::FLOAT, {2, 3});
  proto.set_name("weights");
  proto.set_raw_data(std::string(24, '\x11'));
  std::string bytes = proto.SerializeAsString();
  // A cut between fields leaves a valid message that lacks data; a cut inside
  // a field is malformed. Neither may yield the original tensor.
  llvm::Expected<Tensor> whole = parseTensorProto(bytes);
  ASSERT_TRUE(static_cast<bool>(whole));
  for (size_t length = 0; length < bytes.size(); ++length) {
    llvm::Expected<Tensor> tensor =
        parseTensorProto(llvm::StringRef(bytes).take_front(length));
    if (tensor)
      EXPECT_NE(*tensor, *whole) << "truncated to " << length;
    else
      llvm::consumeError(tensor.takeError());
  }
}

} // namespace
