//===- ProgramSchemaTest.cpp - the FlatBuffers program format -------------===//

#include "hcgs/Runtime/MachineCode/Encoding.h"
#include "hcgs/Runtime/Program/Schema.h"

#include "gtest/gtest.h"

using namespace hcgs;

namespace {

/// A small program with every field set.
std::vector<uint8_t> buildProgram(const Target &target) {
  flatbuffers::FlatBufferBuilder builder;
  auto targetOffset = program::writeTargetParams(builder, target);

  fb::FixedPoint format(13, 10);
  std::vector<int64_t> xShape = {-1, 1, 64};
  auto x = fb::CreateTensorDirect(builder, "X", fb::TensorKind::Data, &xShape,
                                  &format, 0);
  std::vector<int64_t> lensShape = {1};
  auto lens = fb::CreateTensorDirect(
      builder, "seq_lens", fb::TensorKind::Lengths, &lensShape, nullptr, 1024);
  std::vector<int64_t> yShape = {-1, 1, 16};
  auto y = fb::CreateTensorDirect(builder, "Y", fb::TensorKind::Data, &yShape,
                                  &format, 2048);
  std::vector<flatbuffers::Offset<fb::Tensor>> inputs = {x, lens},
                                               outputs = {y};

  mc::enc::LoopInst loop;
  loop.body = 1;
  mc::enc::FillInst fill;
  fill.dst.space = mc::enc::MemSpace::Act;
  fill.count = 16;
  fill.batchCount = 1;
  std::vector<uint32_t> words;
  EXPECT_EQ(mc::enc::encodeStream({fill, loop, fill}, words), "");

  std::vector<uint8_t> weights(96, 0x5a), index = {1, 2}, params(32, 7);
  std::vector<flatbuffers::Offset<fb::Symbol>> symbols = {
      fb::CreateSymbolDirect(builder, "W", fb::Memory::Weight, 0, 96)};
  auto root = fb::CreateProgramDirect(
      builder, program::kSchemaVersion, "p", targetOffset, 16, &inputs,
      &outputs, &weights, &index, &params, &words, &symbols);
  fb::FinishProgramBuffer(builder, root);
  return {builder.GetBufferPointer(),
          builder.GetBufferPointer() + builder.GetSize()};
}

bool verifies(const std::vector<uint8_t> &bytes) {
  flatbuffers::Verifier verifier(bytes.data(), bytes.size());
  return fb::VerifyProgramBuffer(verifier);
}

TEST(ProgramSchema, WritesAndReadsEveryPreset) {
  for (const TargetPreset &preset : getTargetPresets()) {
    Target target = *getTargetPreset(preset.name);
    std::vector<uint8_t> bytes = buildProgram(target);
    ASSERT_TRUE(fb::ProgramBufferHasIdentifier(bytes.data()));
    ASSERT_TRUE(verifies(bytes));
    const fb::Program *program = fb::GetProgram(bytes.data());
    EXPECT_EQ(program->schema_version(), program::kSchemaVersion);
    llvm::Expected<Target> read = program::readTargetParams(*program->target());
    ASSERT_TRUE(static_cast<bool>(read)) << llvm::toString(read.takeError());
    EXPECT_EQ(*read, target) << preset.name.str();
  }
}

TEST(ProgramSchema, HoldsTensorsImagesAndInstructions) {
  std::vector<uint8_t> bytes = buildProgram(Target());
  const fb::Program *program = fb::GetProgram(bytes.data());
  EXPECT_EQ(program->name()->str(), "p");
  EXPECT_EQ(program->max_seq_len(), 16u);
  ASSERT_EQ(program->inputs()->size(), 2u);
  const fb::Tensor *x = program->inputs()->Get(0);
  EXPECT_EQ(x->name()->str(), "X");
  EXPECT_EQ(x->shape()->Get(0), -1);
  EXPECT_EQ(x->format()->bits(), 13);
  EXPECT_EQ(x->format()->frac_bits(), 10);
  EXPECT_EQ(program->inputs()->Get(1)->kind(), fb::TensorKind::Lengths);
  EXPECT_EQ(program->inputs()->Get(1)->format(), nullptr);
  EXPECT_EQ(program->weights()->size(), 96u);
  EXPECT_EQ(program->symbols()->Get(0)->memory(), fb::Memory::Weight);

  std::vector<uint32_t> words(program->instructions()->begin(),
                              program->instructions()->end());
  std::vector<mc::enc::Instruction> stream;
  EXPECT_EQ(mc::enc::decodeStream(words, stream), "");
  EXPECT_EQ(stream.size(), 3u);
}

TEST(ProgramSchema, SameProgramSameBytes) {
  EXPECT_EQ(buildProgram(Target()), buildProgram(Target()));
}

TEST(ProgramSchema, RejectsDamagedFiles) {
  std::vector<uint8_t> bytes = buildProgram(Target());
  std::vector<uint8_t> renamed = bytes;
  renamed[4] = 'X'; // the identifier follows the root offset
  EXPECT_FALSE(fb::ProgramBufferHasIdentifier(renamed.data()));
  EXPECT_FALSE(verifies(renamed));
  // (Dropping the last byte can be harmless: it may be padding.)
  for (size_t size : {size_t(0), size_t(4), size_t(8), bytes.size() / 2}) {
    std::vector<uint8_t> truncated(bytes.begin(), bytes.begin() + size);
    EXPECT_FALSE(verifies(truncated)) << size;
  }
  // Whatever single-byte damage the verifier lets through must not crash the
  // target reader; it either reads a valid target or says what is wrong.
  for (size_t offset = 0; offset < bytes.size(); ++offset) {
    std::vector<uint8_t> damaged = bytes;
    damaged[offset] ^= 0xa5;
    if (!verifies(damaged))
      continue;
    llvm::Expected<Target> read =
        program::readTargetParams(*fb::GetProgram(damaged.data())->target());
    if (!read)
      EXPECT_NE(llvm::toString(read.takeError()), "");
  }
}

TEST(ProgramSchema, TargetReadErrors) {
  flatbuffers::FlatBufferBuilder builder;
  fb::TargetParamsBuilder empty(builder);
  builder.Finish(empty.Finish());
  const auto *params =
      flatbuffers::GetRoot<fb::TargetParams>(builder.GetBufferPointer());
  llvm::Expected<Target> read = program::readTargetParams(*params);
  ASSERT_FALSE(static_cast<bool>(read));
  EXPECT_EQ(llvm::toString(read.takeError()),
            "target parameter 'name' is missing from the program");
}

} // namespace
