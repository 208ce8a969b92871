//===- ProgramFileTest.cpp - writing and loading program files ------------===//
//
// Program files round trip, and every damaged or hostile file the loader is
// given ends in a one-line error, or loads and then runs without harm.
//
//===----------------------------------------------------------------------===//

#include "hcgs/Runtime/Program/ProgramFile.h"
#include "hcgs/Runtime/Simulator/Simulator.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <random>

using namespace hcgs;
using namespace hcgs::program;
namespace enc = hcgs::mc::enc;

namespace {

enc::VecRef vec(enc::MemSpace space, uint32_t base, uint32_t batchStride = 0,
                enc::TimeMode time = enc::TimeMode::None,
                uint32_t timeStride = 0) {
  enc::VecRef ref;
  ref.space = space;
  ref.base = base;
  ref.batchStride = batchStride;
  ref.time = time;
  ref.timeStride = timeStride;
  return ref;
}

enc::Lut lut(uint32_t table) {
  enc::Lut result;
  result.table = table;
  result.segments = 16;
  result.shift = 6;
  return result;
}

/// A small LSTM program of every kind of field: setlen, a loop, an mvm
/// with a two-level index, an lstm_cell, moves, tensors and symbols.
struct SmallProgram {
  Target target;
  mc::ProgramDesc desc;
  std::vector<SymbolDesc> symbols = {{"W", fb::Memory::Weight, 0, 96},
                                     {"h", fb::Memory::Act, 0, 16}};

  SmallProgram() {
    std::mt19937 rng(7);
    auto bytes = [&](size_t count) {
      std::vector<uint8_t> data(count);
      for (uint8_t &byte : data)
        byte = static_cast<uint8_t>(rng());
      return data;
    };
    desc.maxSeqLen = 4;
    auto tensor = [](const char *name, std::vector<int64_t> shape, uint32_t io,
                     bool lengths) {
      mc::TensorDesc t;
      t.name = name;
      t.shape = std::move(shape);
      t.ioAddress = io;
      t.isLengths = lengths;
      t.bits = lengths ? 0 : 13;
      t.fracBits = 10;
      return t;
    };
    desc.inputs = {tensor("X", {-1, 2, 8}, 0, false),
                   tensor("lens", {2}, 64, true)};
    desc.outputs = {tensor("Y", {-1, 2, 8}, 100, false),
                    tensor("H", {2, 8}, 200, false)};
    // 4 gates x 32 weights of 6 bits; levels 8x8 keep 1 of 2 (1-bit
    // fields), then 4x4 keep 1 of 2 (1-bit fields), one byte each.
    desc.weights = bytes(96);
    desc.index = {0x1, 0x2};
    // Shifts (4 * 8 * 6 bits) at 0, biases at 24, three tables from 96.
    desc.params = bytes(96 + 3 * 64);

    enc::SetLenInst setLen;
    setLen.source = enc::SetLenSource::IO;
    setLen.address = 64;
    setLen.batchCount = 2;
    enc::FillInst fill;
    fill.dst = vec(enc::MemSpace::Act, 0);
    fill.count = 32;
    fill.batchCount = 1;
    enc::LoopInst loop;
    loop.body = 2;
    enc::MvmInst mvm;
    mvm.x = vec(enc::MemSpace::IO, 0, 8, enc::TimeMode::Forward, 16);
    mvm.xLen = 8;
    mvm.acc = vec(enc::MemSpace::Acc, 0, 32);
    mvm.weights = 0;
    mvm.index = 0;
    mvm.shifts = 0;
    mvm.bias = enc::PVec{24, -1};
    mvm.gates = 4;
    mvm.rows = 8;
    mvm.rowBlocks = 1;
    mvm.colBlocks = 2;
    mvm.levels = {{8, 8, 1}, {4, 4, 1}};
    mvm.batchCount = 2;
    enc::LstmCellInst cell;
    cell.gates = vec(enc::MemSpace::Acc, 0, 32);
    cell.c = vec(enc::MemSpace::Act, 16, 8);
    cell.h = vec(enc::MemSpace::Act, 0, 8);
    cell.y = vec(enc::MemSpace::IO, 100, 8, enc::TimeMode::Reverse, 16);
    cell.hidden = 8;
    cell.lutF = lut(96);
    cell.lutG = lut(160);
    cell.lutH = lut(224);
    cell.fcAlign = 2;
    cell.cShift = -14;
    cell.hShift = -14;
    cell.batchCount = 2;
    enc::MoveInst move;
    move.src = vec(enc::MemSpace::Act, 0, 8);
    move.dst = vec(enc::MemSpace::IO, 200, 8);
    move.count = 8;
    move.batchCount = 2;
    EXPECT_EQ(
        enc::encodeStream({setLen, fill, loop, mvm, cell, move}, desc.words),
        "");
  }

  std::vector<uint8_t> write() const {
    llvm::Expected<std::vector<uint8_t>> bytes =
        writeProgram(target, desc, "small", symbols);
    EXPECT_TRUE(static_cast<bool>(bytes)) << llvm::toString(bytes.takeError());
    return bytes ? *bytes : std::vector<uint8_t>();
  }
};

/// Loads `bytes`; an error must be one line and say something.
std::optional<Program> loadOrFailCleanly(const std::vector<uint8_t> &bytes) {
  llvm::Expected<Program> program = loadProgram(bytes);
  if (!program) {
    std::string message = llvm::toString(program.takeError());
    EXPECT_FALSE(message.empty());
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    return std::nullopt;
  }
  return std::move(*program);
}

/// Runs a loaded program on zero inputs with T = 1: it must finish, or
/// fail with a one-line error. Returns whether it finished.
bool runBriefly(Program program) {
  std::vector<sim::HostTensor> inputs;
  for (const mc::TensorDesc &desc : program.desc.inputs) {
    sim::HostTensor &tensor = inputs.emplace_back();
    int64_t count = 1;
    for (int64_t dim : desc.shape) {
      tensor.shape.push_back(dim == mc::TensorDesc::kSeqDim ? 1 : dim);
      count *= tensor.shape.back();
    }
    if (desc.isLengths)
      tensor.lengths.resize(count);
    else
      tensor.data.resize(count);
  }
  llvm::Expected<std::unique_ptr<sim::Simulator>> simulator =
      sim::Simulator::create(std::move(program));
  if (!simulator) {
    llvm::consumeError(simulator.takeError());
    return false;
  }
  llvm::Expected<sim::RunResult> result = (*simulator)->run(inputs);
  if (!result) {
    std::string message = llvm::toString(result.takeError());
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    return false;
  }
  return true;
}

std::string loadError(const std::vector<uint8_t> &bytes) {
  llvm::Expected<Program> program = loadProgram(bytes);
  if (program)
    return "";
  return llvm::toString(program.takeError());
}

TEST(ProgramFile, RoundTrips) {
  SmallProgram small;
  std::vector<uint8_t> bytes = small.write();
  llvm::Expected<Program> program = loadProgram(bytes);
  ASSERT_TRUE(static_cast<bool>(program))
      << llvm::toString(program.takeError());
  EXPECT_EQ(program->name, "small");
  EXPECT_EQ(program->target, small.target);
  EXPECT_EQ(program->desc.words, small.desc.words);
  EXPECT_EQ(program->desc.weights, small.desc.weights);
  EXPECT_EQ(program->desc.index, small.desc.index);
  EXPECT_EQ(program->desc.params, small.desc.params);
  EXPECT_EQ(program->desc.maxSeqLen, 4);
  ASSERT_EQ(program->desc.inputs.size(), 2u);
  EXPECT_EQ(program->desc.inputs[0].shape, (std::vector<int64_t>{-1, 2, 8}));
  EXPECT_TRUE(program->desc.inputs[1].isLengths);
  EXPECT_EQ(program->desc.outputs[1].ioAddress, 200u);
  EXPECT_EQ(program->symbols, small.symbols);
  EXPECT_EQ(program->instructions.size(), 6u);
  // Writing what was loaded gives the same bytes.
  llvm::Expected<std::vector<uint8_t>> again = writeProgram(
      program->target, program->desc, program->name, program->symbols);
  ASSERT_TRUE(static_cast<bool>(again));
  EXPECT_EQ(*again, bytes);
  EXPECT_EQ(small.write(), bytes);
}

TEST(ProgramFile, WritesOnlyValidPrograms) {
  SmallProgram small;
  small.desc.outputs[1].ioAddress = 110; // overlaps Y
  llvm::Expected<std::vector<uint8_t>> bytes =
      writeProgram(small.target, small.desc, "bad", {});
  ASSERT_FALSE(static_cast<bool>(bytes));
  EXPECT_EQ(llvm::toString(bytes.takeError()),
            "cannot write an invalid program: tensors 'Y' and 'H' overlap in "
            "io memory");
}

TEST(ProgramFile, RejectsWhatIsNotAProgram) {
  std::vector<uint8_t> bytes = SmallProgram().write();
  EXPECT_EQ(loadError({}), "not a program file: 0 bytes is too short");
  EXPECT_EQ(loadError({1, 2, 3}), "not a program file: 3 bytes is too short");
  std::vector<uint8_t> renamed = bytes;
  renamed[4] = 'h';
  EXPECT_EQ(loadError(renamed),
            "not a program file: its identifier is 'hCGS', expected 'HCGS'");
  renamed[5] = 0x01;
  EXPECT_EQ(loadError(renamed),
            "not a program file: its identifier is 0x68014753, expected "
            "'HCGS'");
}

TEST(ProgramFile, RejectsOtherSchemaVersions) {
  for (uint32_t version : {0u, 2u, 0xffffffffu}) {
    flatbuffers::FlatBufferBuilder builder;
    auto target = writeTargetParams(builder, Target());
    auto words = builder.CreateVector(std::vector<uint32_t>{});
    fb::ProgramBuilder program(builder);
    program.add_schema_version(version);
    program.add_target(target);
    program.add_instructions(words);
    fb::FinishProgramBuffer(builder, program.Finish());
    std::vector<uint8_t> bytes(builder.GetBufferPointer(),
                               builder.GetBufferPointer() + builder.GetSize());
    EXPECT_EQ(loadError(bytes), "the program file has schema version " +
                                    std::to_string(version) +
                                    "; this build reads version 1");
  }
}

TEST(ProgramFile, RejectsHostileSizes) {
  SmallProgram small;
  // A tensor of 2^80 words.
  small.desc.outputs[1].shape = {int64_t(1) << 40, int64_t(1) << 40};
  flatbuffers::FlatBufferBuilder builder;
  // Written directly: writeProgram verifies first.
  auto target = writeTargetParams(builder, small.target);
  std::vector<int64_t> shape = small.desc.outputs[1].shape;
  fb::FixedPoint format(13, 10);
  auto tensor = fb::CreateTensor(builder, builder.CreateString("huge"),
                                 fb::TensorKind::Data,
                                 builder.CreateVector(shape), &format, 0);
  auto outputs = builder.CreateVector(std::vector{tensor});
  auto words = builder.CreateVector(std::vector<uint32_t>{});
  fb::ProgramBuilder program(builder);
  program.add_schema_version(kSchemaVersion);
  program.add_target(target);
  program.add_max_seq_len(1);
  program.add_outputs(outputs);
  program.add_instructions(words);
  fb::FinishProgramBuffer(builder, program.Finish());
  std::vector<uint8_t> bytes(builder.GetBufferPointer(),
                             builder.GetBufferPointer() + builder.GetSize());
  EXPECT_EQ(loadError(bytes), "invalid program: tensor 'huge' at io word 0 "
                              "does not fit in the target's io_mem_words "
                              "16777216");

  // An image larger than its memory.
  flatbuffers::FlatBufferBuilder builder2;
  target = writeTargetParams(builder2, small.target);
  auto weights = builder2.CreateVector(std::vector<uint8_t>(300000, 1));
  words = builder2.CreateVector(std::vector<uint32_t>{});
  fb::ProgramBuilder program2(builder2);
  program2.add_schema_version(kSchemaVersion);
  program2.add_target(target);
  program2.add_max_seq_len(1);
  program2.add_weights(weights);
  program2.add_instructions(words);
  fb::FinishProgramBuffer(builder2, program2.Finish());
  bytes.assign(builder2.GetBufferPointer(),
               builder2.GetBufferPointer() + builder2.GetSize());
  EXPECT_EQ(loadError(bytes),
            "invalid program: the weight image (300000 bytes) is larger than "
            "the target's weight_mem_bytes 262144");

  // A vector whose length claims 2^31 - 1 bytes: its length precedes it.
  SmallProgram valid;
  bytes = valid.write();
  auto at = std::search(bytes.begin(), bytes.end(), valid.desc.weights.begin(),
                        valid.desc.weights.end());
  ASSERT_NE(at, bytes.end());
  size_t length = static_cast<size_t>(at - bytes.begin()) - 4;
  ASSERT_EQ(bytes[length], valid.desc.weights.size());
  bytes[length] = bytes[length + 1] = bytes[length + 2] = 0xff;
  bytes[length + 3] = 0x7f;
  EXPECT_EQ(loadError(bytes), "corrupt program file: its FlatBuffers "
                              "structure does not verify");
}

TEST(ProgramFile, SurvivesTruncation) {
  std::vector<uint8_t> bytes = SmallProgram().write();
  // Dropping the end can drop only padding; anything shorter than the
  // buffer's last table fails.
  int loaded = 0;
  for (size_t size = 0; size < bytes.size(); ++size) {
    std::vector<uint8_t> truncated(bytes.begin(), bytes.begin() + size);
    if (std::optional<Program> program = loadOrFailCleanly(truncated)) {
      ++loaded;
      runBriefly(std::move(*program));
    }
  }
  EXPECT_LE(loaded, 8);
}

TEST(ProgramFile, SurvivesCorruption) {
  std::vector<uint8_t> bytes = SmallProgram().write();
  int loaded = 0, ran = 0, tried = 0;
  for (size_t offset = 0; offset < bytes.size(); ++offset) {
    for (uint8_t flip : {0x01, 0x10, 0x80, 0xff}) {
      std::vector<uint8_t> damaged = bytes;
      damaged[offset] ^= flip;
      ++tried;
      if (std::optional<Program> program = loadOrFailCleanly(damaged)) {
        ++loaded;
        ran += runBriefly(std::move(*program));
      }
    }
  }
  // Damage to weights, parameters, names and unused bytes goes unnoticed
  // (and such programs run); the rest is caught.
  EXPECT_GT(ran, tried / 10);
  EXPECT_LT(loaded, tried * 9 / 10);
  std::printf("%d of %d single-byte corruptions loaded, %d ran\n", loaded,
              tried, ran);
}

TEST(ProgramFile, SurvivesRandomBytes) {
  std::mt19937 rng(1);
  std::vector<uint8_t> header = SmallProgram().write();
  for (int round = 0; round < 2000; ++round) {
    std::vector<uint8_t> bytes(rng() % 2048);
    for (uint8_t &byte : bytes)
      byte = static_cast<uint8_t>(rng());
    // Half of them past the identifier check.
    if (round % 2 && bytes.size() >= 8)
      std::copy(header.begin() + 4, header.begin() + 8, bytes.begin() + 4);
    loadOrFailCleanly(bytes);
  }
}

TEST(ProgramFile, ReportsTheFile) {
  llvm::Expected<Program> missing = loadProgramFile("/nonexistent.hcgsb");
  ASSERT_FALSE(static_cast<bool>(missing));
  EXPECT_EQ(llvm::toString(missing.takeError())
                .rfind("/nonexistent.hcgsb: cannot open: ", 0),
            0u);
  llvm::Expected<Program> folder = loadProgramFile("/");
  ASSERT_FALSE(static_cast<bool>(folder));
  EXPECT_EQ(llvm::toString(folder.takeError()), "/: not a regular file");
}

} // namespace
