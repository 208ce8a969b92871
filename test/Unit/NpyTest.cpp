//===- NpyTest.cpp - the .npy reader and writer ---------------------------===//

#include "hcgs/Runtime/Tensor/TensorIO.h"

#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

#include <cstring>

using namespace hcgs;

namespace {

const ElementType kAllTypes[] = {
    ElementType::Bool,    ElementType::Int8,    ElementType::UInt8,
    ElementType::Int16,   ElementType::UInt16,  ElementType::Int32,
    ElementType::UInt32,  ElementType::Int64,   ElementType::UInt64,
    ElementType::Float16, ElementType::Float32, ElementType::Float64};

std::string toNpy(const Tensor &tensor) {
  std::string bytes;
  llvm::raw_string_ostream os(bytes);
  writeNpy(tensor, os);
  return bytes;
}

/// A .npy file of format version `major`.0 with header `dict` and `data`.
std::string makeNpy(llvm::StringRef dict, llvm::StringRef data = "",
                    unsigned major = 1) {
  std::string header = dict.str() + "\n";
  std::string bytes = "\x93NUMPY";
  bytes += char(major);
  bytes += char(0);
  uint32_t length = header.size();
  bytes.append(reinterpret_cast<const char *>(&length), major == 1 ? 2 : 4);
  return bytes + header + data.str();
}

/// Fills a tensor with bytes that are valid for its type and not all equal.
Tensor makePatterned(ElementType type, llvm::ArrayRef<int64_t> shape) {
  Tensor tensor(type, shape);
  for (auto [index, byte] : llvm::enumerate(tensor.getMutableBytes()))
    byte = type == ElementType::Bool ? index % 2 : (index * 37 + 11) & 0xff;
  return tensor;
}

/// The message of the error parseNpy gives for `bytes`, or "" on success.
std::string parseError(llvm::StringRef bytes) {
  llvm::Expected<Tensor> tensor = parseNpy(bytes);
  if (tensor)
    return "";
  return llvm::toString(tensor.takeError());
}

TEST(NpyTest, RoundTripsEveryTypeAndShape) {
  const std::vector<int64_t> shapes[] = {{},     {0},       {3},
                                         {2, 3}, {2, 0, 4}, {1, 2, 3, 4}};
  for (ElementType type : kAllTypes) {
    for (const std::vector<int64_t> &shape : shapes) {
      Tensor tensor = makePatterned(type, shape);
      llvm::Expected<Tensor> parsed = parseNpy(toNpy(tensor));
      ASSERT_TRUE(static_cast<bool>(parsed))
          << getElementTypeName(type).str() << " " << formatShape(shape) << ": "
          << llvm::toString(parsed.takeError());
      EXPECT_EQ(*parsed, tensor)
          << getElementTypeName(type).str() << " " << formatShape(shape);
    }
  }
}

// The bytes numpy 1.24's np.save writes for these arrays.
TEST(NpyTest, WritesWhatNumpyWrites) {
  auto numpyFile = [](llvm::StringRef dict, size_t total) {
    std::string header = dict.str();
    header.append(total - 10 - dict.size() - 1, ' ');
    return makeNpy(header);
  };
  Tensor matrix = Tensor::fromValues<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  std::string bytes = toNpy(matrix);
  EXPECT_EQ(bytes.substr(0, 128),
            numpyFile("{'descr': '<f4', 'fortran_order': False, 'shape': "
                      "(2, 3), }",
                      128));
  EXPECT_EQ(bytes.size(), 128u + 24u);
  EXPECT_EQ(std::memcmp(bytes.data() + 128, matrix.getBytes().data(), 24), 0);

  EXPECT_EQ(toNpy(Tensor(ElementType::Int64, {3})).substr(0, 128),
            numpyFile("{'descr': '<i8', 'fortran_order': False, 'shape': "
                      "(3,), }",
                      128));
  EXPECT_EQ(toNpy(Tensor(ElementType::Float64, {})).substr(0, 128),
            numpyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
                      128));
  EXPECT_EQ(toNpy(Tensor(ElementType::Bool, {0, 5})),
            numpyFile("{'descr': '|b1', 'fortran_order': False, 'shape': "
                      "(0, 5), }",
                      128));
  EXPECT_EQ(toNpy(Tensor(ElementType::Float16, {2, 3})).substr(0, 128),
            numpyFile("{'descr': '<f2', 'fortran_order': False, 'shape': "
                      "(2, 3), }",
                      128));
}

TEST(NpyTest, WritesVersion2WhenTheHeaderNeedsIt) {
  // Three bytes a dimension: 30000 dimensions overflow a 16-bit length.
  std::vector<int64_t> shape(30000, 1);
  Tensor tensor = makePatterned(ElementType::Float32, shape);
  std::string bytes = toNpy(tensor);
  EXPECT_EQ(bytes[6], 2);
  llvm::Expected<Tensor> parsed = parseNpy(bytes);
  ASSERT_TRUE(static_cast<bool>(parsed)) << llvm::toString(parsed.takeError());
  EXPECT_EQ(*parsed, tensor);
}

TEST(NpyTest, ReadsVersions2And3) {
  std::string data(8, '\x01');
  for (unsigned major : {2u, 3u}) {
    llvm::Expected<Tensor> parsed = parseNpy(
        makeNpy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }",
                data, major));
    ASSERT_TRUE(static_cast<bool>(parsed))
        << llvm::toString(parsed.takeError());
    EXPECT_EQ(parsed->getElementType(), ElementType::Int32);
    EXPECT_EQ(parsed->getValues<int32_t>()[1], 0x01010101);
  }
}

TEST(NpyTest, ReadsWhatOtherWritersWrite) {
  // Keys in any order, double quotes, no trailing comma, Python 2 longs,
  // no padding, and a Fortran-order array of one dimension (laid out as in
  // C order).
  std::string data(12, '\0');
  for (llvm::StringRef dict :
       {"{\"shape\": (3,), \"fortran_order\": False, \"descr\": \"<f4\"}",
        "{'descr': '<f4', 'fortran_order': True, 'shape': (3L,)}",
        "{'descr':'<f4','fortran_order':False,'shape':(3)}"}) {
    llvm::Expected<Tensor> parsed = parseNpy(makeNpy(dict, data));
    ASSERT_TRUE(static_cast<bool>(parsed))
        << dict.str() << ": " << llvm::toString(parsed.takeError());
    EXPECT_EQ(parsed->getShape(), llvm::ArrayRef<int64_t>{3});
  }
  // One-byte types need no byte order.
  for (llvm::StringRef descr : {"|u1", "<u1", ">u1", "|i1", "|b1"}) {
    std::string dict = "{'descr': '" + descr.str() +
                       "', 'fortran_order': False, 'shape': (1,), }";
    EXPECT_EQ(parseError(makeNpy(dict, std::string(1, '\1'))), "")
        << descr.str();
  }
}

struct MalformedCase {
  const char *what;
  std::string bytes;
  const char *message;
};

std::string withDict(llvm::StringRef dict, llvm::StringRef data = "") {
  return makeNpy(dict, data);
}

std::string withShape(llvm::StringRef shape, llvm::StringRef data = "",
                      llvm::StringRef descr = "<f4") {
  return makeNpy("{'descr': '" + descr.str() +
                     "', 'fortran_order': False, 'shape': " + shape.str() +
                     ", }",
                 data);
}

TEST(NpyTest, RefusesEveryMalformedFile) {
  std::string valid = withShape("(2,)", std::string(8, '\0'));
  std::string hugeLength = valid;
  hugeLength[6] = 2;
  hugeLength.replace(8, 2, "\x01\x00\x20\x00", 4); // 2 MiB + 1, version 2.
  std::string longerThanFile = valid;
  longerThanFile[8] = '\xff';
  longerThanFile[9] = '\x7f';
  const MalformedCase cases[] = {
      {"empty file", "", "not a .npy file"},
      {"wrong magic", "\x93NUMPX\x01\x00", "not a .npy file"},
      {"only the magic", "\x93NUMPY", "ends inside its preamble"},
      {"no header length", std::string("\x93NUMPY\x01\x00\x10", 9),
       "ends inside its preamble"},
      {"v2 short length", std::string("\x93NUMPY\x02\x00\x10\x00\x00", 11),
       "ends inside its preamble"},
      {"version 4", std::string("\x93NUMPY\x04\x00\x00\x00", 10),
       "unsupported .npy format version 4.0"},
      {"version 1.1", std::string("\x93NUMPY\x01\x01\x00\x00", 10),
       "unsupported .npy format version 1.1"},
      {"header longer than allowed", hugeLength,
       "the .npy header claims 2097153 bytes, more than the 1048576 allowed"},
      {"header longer than the file", longerThanFile,
       "the .npy header claims 32767 bytes, but the file ends after"},
      {"not a dict", withDict("[1, 2]"), "expected '{', found '['"},
      {"no shape", withDict("{'descr': '<f4', 'fortran_order': False}"),
       "the .npy header has no 'shape'"},
      {"no descr", withDict("{'fortran_order': False, 'shape': ()}"),
       "the .npy header has no 'descr'"},
      {"no fortran_order", withDict("{'descr': '<f4', 'shape': ()}"),
       "the .npy header has no 'fortran_order'"},
      {"unknown key",
       withDict("{'descr': '<f4', 'fortran_order': False, 'shape': (), "
                "'extra': 1}"),
       "unknown key 'extra'"},
      {"key twice",
       withDict("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, "
                "'shape': ()}"),
       "gives 'descr' twice"},
      {"key not a string", withDict("{descr: '<f4'}"), "expected a string"},
      {"no colon", withDict("{'descr' '<f4'}"), "expected ':'"},
      {"no comma", withDict("{'descr': '<f4' 'shape': ()}"), "expected '}'"},
      {"unterminated dict", withDict("{'descr': '<f4',"), "expected a string"},
      {"unterminated string", withDict("{'descr': '<f4"),
       "unterminated string"},
      {"escape in a string", withDict("{'de\\scr': 1}"), "unsupported '\\'"},
      {"non-ASCII in a string", withDict("{'d\xc3\xa9scr': 1}"),
       "unsupported byte 0xC3"},
      {"garbage after the dict",
       withDict("{'descr': '<f4', 'fortran_order': False, 'shape': ()} x"),
       "unexpected 'x' at header offset"},
      {"fortran_order not a bool",
       withDict("{'descr': '<f4', 'fortran_order': maybe, 'shape': ()}"),
       "fortran_order must be True or False"},
      {"shape not a tuple",
       withDict("{'descr': '<f4', 'fortran_order': False, 'shape': [2]}"),
       "expected '(', found '['"},
      {"shape with a name", withShape("(n,)"), "expected a dimension"},
      {"shape without commas", withShape("(2 3)"), "expected ')'"},
      {"big-endian", withShape("(2,)", std::string(8, '\0'), ">f4"),
       "big-endian data (dtype '>f4') is not supported"},
      {"no byte order", withShape("(2,)", std::string(8, '\0'), "|f4"),
       "does not say its byte order"},
      {"object array", withShape("(2,)", "", "|O"),
       "object arrays (pickled Python objects) are not supported"},
      {"structured array",
       withDict("{'descr': [('a', '<f4')], 'fortran_order': False, "
                "'shape': ()}"),
       "structured arrays"},
      {"complex", withShape("(2,)", "", "<c8"), "unsupported .npy dtype '<c8'"},
      {"unicode strings", withShape("(2,)", "", "<U3"),
       "unsupported .npy dtype '<U3'"},
      {"odd float size", withShape("(2,)", "", "<f3"),
       "unsupported .npy dtype '<f3'"},
      {"wide bool", withShape("(2,)", "", "|b2"),
       "unsupported .npy dtype '|b2'"},
      {"descr without order", withShape("(2,)", "", "f4"),
       "unsupported .npy dtype 'f4'"},
      {"descr too short", withShape("(2,)", "", "<"),
       "unsupported .npy dtype '<'"},
      {"Fortran order",
       withDict("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2)}",
                std::string(16, '\0')),
       "Fortran-order arrays are not supported"},
      {"negative dimension", withShape("(2, -1)"), "negative dimension"},
      {"dimension beyond 64 bits", withShape("(99999999999999999999,)"),
       "too large for 64 bits: 99999999999999999999"},
      {"elements overflow", withShape("(4294967296, 4294967296)"),
       "is too large (its size overflows)"},
      {"bytes overflow", withShape("(2305843009213693952,)"),
       "is too large (its size overflows)"},
      {"data shorter than the shape",
       withShape("(2, 3)", std::string(23, '\0')),
       "the .npy data is truncated: shape [2, 3] of f32 needs 24 bytes of "
       "data, the file has 23"},
      {"no data at all", withShape("(1,)"), "the file has 0"},
      {"data longer than the shape", withShape("(2, 3)", std::string(25, '\0')),
       "the .npy file is longer than its header says: shape [2, 3] of f32 "
       "needs 24 bytes of data, the file has 25"},
      {"bool that is neither 0 nor 1",
       withShape("(3,)", std::string("\x00\x01\x02", 3), "|b1"),
       "bool element 2 is 2, not 0 or 1"},
  };
  for (const MalformedCase &test : cases) {
    std::string message = parseError(test.bytes);
    EXPECT_NE(message.find(test.message), std::string::npos)
        << test.what << ": got \"" << message << "\"";
    EXPECT_EQ(message.find('\n'), std::string::npos) << test.what;
  }
}

TEST(NpyTest, EveryTruncationIsAnError) {
  std::string bytes = toNpy(makePatterned(ElementType::Float32, {2, 3}));
  for (size_t length = 0; length < bytes.size(); ++length)
    EXPECT_NE(parseError(llvm::StringRef(bytes).take_front(length)), "")
        << "truncated to " << length << " bytes";
}

} // namespace
