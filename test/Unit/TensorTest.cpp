//===- TensorTest.cpp - tensors, specs, comparisons, files ----------------===//

#include "hcgs/Runtime/Tool/CommandLine.h"
#include "hcgs/Runtime/Tensor/Tensor.h"
#include "hcgs/Runtime/Tensor/TensorCompare.h"
#include "hcgs/Runtime/Tensor/TensorIO.h"
#include "hcgs/Runtime/Tensor/TensorSpec.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

#include <cmath>
#include <limits>
#include <random>

using namespace hcgs;

namespace {

std::string errorOf(llvm::Error err) { return llvm::toString(std::move(err)); }

TEST(TensorTest, ChecksSizesBeforeAllocating) {
  EXPECT_EQ(*getCheckedByteSize(ElementType::Float32, {2, 3}), 24);
  EXPECT_EQ(*getCheckedByteSize(ElementType::Float64, {}), 8);
  EXPECT_EQ(*getCheckedByteSize(ElementType::Int16, {0, 1ll << 62}), 0);
  EXPECT_EQ(
      errorOf(getCheckedByteSize(ElementType::Float32, {3, -1}).takeError()),
      "shape [3, ?] has a negative dimension");
  EXPECT_EQ(
      errorOf(
          getCheckedByteSize(ElementType::Float32, {1ll << 62}).takeError()),
      "shape [4611686018427387904] of f32 is too large (its size "
      "overflows)");
}

TEST(TensorTest, QuotesNamesOnOneLine) {
  EXPECT_EQ(quoteName("Y_h"), "'Y_h'");
  EXPECT_EQ(quoteName("it's\\"), "'it\\'s\\\\'");
  EXPECT_EQ(quoteName(llvm::StringRef("a\nb\0", 4)), "'a\\x0ab\\x00'");
}

TEST(TensorFileNameTest, EscapesWhatIsNotSafe) {
  auto encode = [](llvm::StringRef name) {
    return *encodeTensorFileName(name);
  };
  EXPECT_EQ(encode("Y_h"), "Y_h.npy");
  EXPECT_EQ(encode("lstm.1-out"), "lstm.1-out.npy");
  EXPECT_EQ(encode("logits/out:0"), "logits%2Fout%3A0.npy");
  EXPECT_EQ(encode(".hidden"), "%2Ehidden.npy");
  EXPECT_EQ(encode(".."), "%2E..npy");
  EXPECT_EQ(encode("100%"), "100%25.npy");
  EXPECT_EQ(encode("a b"), "a%20b.npy");
  EXPECT_EQ(encode("\xc3\xa9"), "%C3%A9.npy");
  EXPECT_EQ(encode(llvm::StringRef("\0", 1)), "%00.npy");
}

TEST(TensorFileNameTest, DecodingInvertsEncoding) {
  std::mt19937 random(7);
  std::vector<std::string> names;
  for (int byte = 0; byte < 256; ++byte)
    names.push_back(std::string(1, char(byte)));
  for (int i = 0; i < 500; ++i) {
    std::string name(1 + random() % 20, ' ');
    for (char &c : name)
      c = static_cast<char>(random() % 256);
    names.push_back(name);
  }
  for (const std::string &name : names) {
    llvm::Expected<std::string> fileName = encodeTensorFileName(name);
    ASSERT_TRUE(static_cast<bool>(fileName)) << errorOf(fileName.takeError());
    EXPECT_EQ(decodeTensorFileName(*fileName), name) << *fileName;
    EXPECT_EQ(fileName->find('/'), std::string::npos);
    EXPECT_NE(fileName->front(), '.');
  }
}

TEST(TensorFileNameTest, DecodingRefusesWhatNoNameEncodesTo) {
  for (llvm::StringRef fileName :
       {"x.txt", ".npy", "%2e.npy", "%41.npy", "%4.npy", "%.npy", "%zz.npy",
        "a b.npy", ".x.npy", "a%2fb.npy"})
    EXPECT_EQ(decodeTensorFileName(fileName), std::nullopt) << fileName.str();
}

TEST(TensorFileNameTest, RefusesEmptyAndLongNames) {
  EXPECT_EQ(errorOf(encodeTensorFileName("").takeError()),
            "a tensor with an empty name has no file name");
  EXPECT_TRUE(static_cast<bool>(encodeTensorFileName(std::string(251, 'a'))));
  EXPECT_NE(errorOf(encodeTensorFileName(std::string(252, 'a')).takeError())
                .find("is too long for a file name (256 bytes once escaped, "
                      "255 allowed)"),
            std::string::npos);
  EXPECT_FALSE(static_cast<bool>(encodeTensorFileName(std::string(84, ':'))));
}

TEST(TensorSpecTest, ChecksNamesTypesAndShapes) {
  std::vector<TensorSpec> specs = {
      {"X", ElementType::Float32, {kDynamicDim, 2, 4}},
      {"lens", ElementType::Int32, {kDynamicDim}}};
  TensorMap good;
  good.emplace("X", Tensor(ElementType::Float32, {7, 2, 4}));
  good.emplace("lens", Tensor(ElementType::Int32, {2}));
  EXPECT_EQ(errorOf(checkTensors(specs, good, "input")), "");

  TensorMap bad;
  bad.emplace("X", Tensor(ElementType::Float32, {7, 3, 4}));
  bad.emplace("extra", Tensor(ElementType::Float32, {1}));
  EXPECT_EQ(errorOf(checkTensors(specs, bad, "input")),
            "input 'X' has shape [7, 3, 4], expected [?, 2, 4]; missing input "
            "'lens' (i32 [?]); unknown input 'extra' (the model's inputs are "
            "'X', 'lens')");

  TensorMap wrongType;
  wrongType.emplace("X", Tensor(ElementType::Float64, {7, 2, 4}));
  wrongType.emplace("lens", Tensor(ElementType::Int32, {2, 1}));
  EXPECT_EQ(errorOf(checkTensors(specs, wrongType, "input")),
            "input 'X' has element type f64, expected f32; input 'lens' has "
            "shape [2, 1], expected [?]");
}

TEST(TensorCompareTest, MeasuresErrorAndSQNR) {
  Tensor expected = Tensor::fromValues<float>({4}, {1, -2, 3, 4});
  llvm::Expected<TensorComparison> same = compareTensors(expected, expected);
  ASSERT_TRUE(static_cast<bool>(same));
  EXPECT_EQ(same->maxAbsError, 0.0);
  EXPECT_TRUE(std::isinf(same->sqnrDb) && same->sqnrDb > 0);

  // Noise power 0.01 + 0.04 against signal power 30: 10 log10(600).
  Tensor actual = Tensor::fromValues<double>({4}, {1.1, -2, 3, 3.8});
  llvm::Expected<TensorComparison> off = compareTensors(actual, expected);
  ASSERT_TRUE(static_cast<bool>(off));
  EXPECT_NEAR(off->maxAbsError, 0.2, 1e-6);
  EXPECT_NEAR(off->sqnrDb, 10 * std::log10(30 / 0.05), 1e-4);

  Tensor other = Tensor::fromValues<float>({2, 2}, {1, -2, 3, 4});
  EXPECT_EQ(errorOf(compareTensors(other, expected).takeError()),
            "shape [2, 2] differs from the expected [4]");
}

TEST(TensorCompareTest, HandlesNaNAndInfinity) {
  float nan = std::numeric_limits<float>::quiet_NaN();
  float inf = std::numeric_limits<float>::infinity();
  Tensor expected = Tensor::fromValues<float>({3}, {nan, inf, 1});
  EXPECT_EQ(compareTensors(expected, expected)->maxAbsError, 0.0);
  Tensor oneNaN = Tensor::fromValues<float>({3}, {1, inf, 1});
  EXPECT_TRUE(std::isinf(compareTensors(oneNaN, expected)->maxAbsError));
  Tensor otherInf = Tensor::fromValues<float>({3}, {nan, -inf, 1});
  EXPECT_TRUE(std::isinf(compareTensors(otherInf, expected)->maxAbsError));
}

TEST(TensorCompareTest, ConvertsEveryType) {
  Tensor half(ElementType::Float16, {2});
  llvm::MutableArrayRef<uint8_t> bytes = half.getMutableBytes();
  bytes[1] = 0x3C; // 1.0
  bytes[3] = 0xC0; // -2.0
  EXPECT_EQ(getValuesAsDoubles(half), (std::vector<double>{1.0, -2.0}));
  EXPECT_EQ(getValuesAsDoubles(Tensor::fromValues<uint64_t>({1}, {1ull << 60})),
            std::vector<double>{std::ldexp(1.0, 60)});
  EXPECT_EQ(getValuesAsDoubles(Tensor::fromValues<bool>({2}, {true, false})),
            (std::vector<double>{1.0, 0.0}));
}

/// A folder of files for one test, removed afterwards.
class TensorFileTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("hcgs-tensor-test", dir));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(dir); }

  std::string path(llvm::StringRef name) {
    llvm::SmallString<128> result(dir);
    llvm::sys::path::append(result, name);
    return std::string(result);
  }
  void write(llvm::StringRef name, llvm::StringRef bytes) {
    std::error_code ec;
    llvm::raw_fd_ostream os(path(name), ec);
    ASSERT_FALSE(ec);
    os << bytes;
  }

  llvm::SmallString<128> dir;
};

TEST_F(TensorFileTest, WritesAndReadsNpyFiles) {
  Tensor tensor = Tensor::fromValues<float>({2, 2}, {1, 2, 3, 4});
  ASSERT_EQ(errorOf(writeNpyFile(tensor, path("t.npy"))), "");
  llvm::Expected<Tensor> read = readTensorFile(path("t.npy"));
  ASSERT_TRUE(static_cast<bool>(read)) << errorOf(read.takeError());
  EXPECT_EQ(*read, tensor);
}

TEST_F(TensorFileTest, TellsFormatsApart) {
  Tensor tensor = Tensor::fromValues<int32_t>({2}, {3, 1});
  std::string npy;
  llvm::raw_string_ostream os(npy);
  writeNpy(tensor, os);
  // .npy content under another name is still read as .npy.
  write("lens.pb", npy);
  EXPECT_EQ(*readTensorFile(path("lens.pb")), tensor);
  write("lens.bin", npy);
  EXPECT_EQ(*readTensorFile(path("lens.bin")), tensor);
  // A file named .npy must be one; anything else is read as a TensorProto.
  write("bad.npy", "\x08\x02");
  EXPECT_NE(errorOf(readTensorFile(path("bad.npy")).takeError())
                .find("bad.npy: not a .npy file"),
            std::string::npos);
  write("bad.pb", "\xff\xff");
  EXPECT_NE(errorOf(readTensorFile(path("bad.pb")).takeError())
                .find("bad.pb: not a valid ONNX TensorProto"),
            std::string::npos);
}

TEST_F(TensorFileTest, ReadsOnlyRegularFiles) {
  EXPECT_EQ(errorOf(readTensorFile(dir).takeError()),
            std::string(dir) + ": not a regular file");
  EXPECT_NE(errorOf(readTensorFile(path("absent.npy")).takeError())
                .find("absent.npy: cannot open: "),
            std::string::npos);
}

TEST_F(TensorFileTest, ReportsFilesItCannotWrite) {
  Tensor tensor(ElementType::Float32, {1});
  std::string error = errorOf(writeNpyFile(tensor, path("no/such/folder.npy")));
  EXPECT_NE(error.find("folder.npy': "), std::string::npos) << error;
}

} // namespace
