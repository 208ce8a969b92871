//===- SimulatorTest.cpp - the simulator's arithmetic, kernels and runs ---===//
//
// - The primitives against their definitions (docs/ISA.md 3, 10).
// - Every SIMD kernel against the scalar definition it stands for, on
//   random data reaching the ends of every range.
// - Every program of test/Runtime/Simulator, through the library: outputs equal to
//   the integer model's with and without SIMD kernels, and every instruction
//   executed as often as the stream says (mc::getExecutionCounts).
//
//===----------------------------------------------------------------------===//

#include "CellStage.h"
#include "MvmKernel.h"
#include "RowStage.h"
#include "WorkerTeam.h"

#include "hcgs/Translate/Program.h"
#include "hcgs/Runtime/Simulator/Simulator.h"
#include "hcgs/Runtime/Tensor/TensorIO.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <chrono>
#include <random>
#include <thread>

using namespace hcgs;
using namespace hcgs::sim;
namespace enc = hcgs::mc::enc;

namespace {

//===----------------------------------------------------------------------===//
// Primitives
//===----------------------------------------------------------------------===//

/// shl by its definition, in 128-bit arithmetic.
int64_t referenceShl(int64_t v, int s, Rounding rounding) {
  __int128 result;
  if (s >= 0) {
    // Beyond 2^60 any nonzero v clamps; below, 128 bits hold the product.
    result = s > 60 ? (v > 0   ? kShlLimit
                       : v < 0 ? -kShlLimit
                               : 0)
                    : __int128(v) * (__int128(1) << s);
  } else if (-s >= 120) {
    result = 0; // |v| < 2^62: nearest to v / 2^120 and beyond is 0
  } else {
    __int128 d = __int128(1) << -s;
    __int128 q = v >= 0 ? v / d : -((-__int128(v) + d - 1) / d); // floor
    __int128 r = v - q * d;
    bool up = 2 * r > d ||
              (2 * r == d &&
               (rounding == Rounding::NearestEven ? (q & 1) != 0 : v >= 0));
    result = up ? q + 1 : q;
  }
  if (result > kShlLimit)
    return kShlLimit;
  if (result < -kShlLimit)
    return -kShlLimit;
  return static_cast<int64_t>(result);
}

TEST(SimulatorArithmetic, ShlIsItsDefinition) {
  std::mt19937_64 rng(1);
  for (Rounding rounding : {Rounding::NearestEven, Rounding::NearestAway}) {
    for (int s = -128; s <= 127; ++s) {
      for (int round = 0; round < 200; ++round) {
        // Magnitudes of every size below 2^62, and exact ties.
        int bits = static_cast<int>(rng() % 62);
        int64_t v = static_cast<int64_t>(rng() & ((uint64_t(1) << bits) - 1));
        if (round % 3 == 0 && s < 0 && -s < 62)
          v = (v >> -s << -s) | (int64_t(1) << (-s - 1));
        if (rng() & 1)
          v = -v;
        ASSERT_EQ(shl(v, s, rounding), referenceShl(v, s, rounding))
            << v << " " << s;
      }
    }
  }
  EXPECT_EQ(shl(5, -1, Rounding::NearestEven), 2);
  EXPECT_EQ(shl(7, -1, Rounding::NearestEven), 4);
  EXPECT_EQ(shl(-5, -1, Rounding::NearestEven), -2);
  EXPECT_EQ(shl(5, -1, Rounding::NearestAway), 3);
  EXPECT_EQ(shl(-5, -1, Rounding::NearestAway), -3);
  EXPECT_EQ(shl(3, 60, Rounding::NearestEven), kShlLimit);
  EXPECT_EQ(shl(-1, 100, Rounding::NearestEven), -kShlLimit);
  EXPECT_EQ(shl((int64_t(1) << 62) - 1, -1, Rounding::NearestEven), kShlLimit);
}

TEST(SimulatorArithmetic, Overflow) {
  EXPECT_EQ(ovf(4096, 13, Overflow::Saturate), 4095);
  EXPECT_EQ(ovf(-5000, 13, Overflow::Saturate), -4096);
  EXPECT_EQ(ovf(4096, 13, Overflow::Wrap), -4096);
  EXPECT_EQ(ovf(8192 + 5, 13, Overflow::Wrap), 5);
  EXPECT_EQ(ovf(-(int64_t(1) << 60), 48, Overflow::Wrap), 0);
  EXPECT_EQ(ovf(int64_t(1) << 47, 48, Overflow::Saturate),
            (int64_t(1) << 47) - 1);
}

TEST(SimulatorArithmetic, QuantizeIsExact) {
  auto even = [](float x, int f) {
    return quantize(x, f, 13, Rounding::NearestEven, Overflow::Saturate);
  };
  auto away = [](float x, int f) {
    return quantize(x, f, 13, Rounding::NearestAway, Overflow::Saturate);
  };
  auto wrap = [](float x, int f) {
    return quantize(x, f, 13, Rounding::NearestEven, Overflow::Wrap);
  };
  EXPECT_EQ(even(2.5f, 0), 2);
  EXPECT_EQ(away(2.5f, 0), 3);
  EXPECT_EQ(even(-2.5f, 0), -2);
  EXPECT_EQ(away(-2.5f, 0), -3);
  EXPECT_EQ(even(0.15625f, 4), 2); // 2.5
  EXPECT_EQ(even(1e-45f, 64), 0);  // a denormal
  EXPECT_EQ(even(3.0f, -1), 2);    // 1.5
  EXPECT_EQ(even(INFINITY, 0), 4095);
  EXPECT_EQ(wrap(-INFINITY, 0), -4096);
  EXPECT_EQ(even(30000.0f, 0), 4095);
  EXPECT_EQ(wrap(30000.0f, 0), 30000 - 4 * 8192);
  // Far beyond 2^52: exact multiples of 2^13 wrap to 0, saturate to the end.
  EXPECT_EQ(wrap(1e30f, 10), 0);
  EXPECT_EQ(even(-1e30f, 64), -4096);
  // 2^64 * (1 + 2^-23) = 2^64 + 2^41 at 2^-40: 2^24 + 2, wrapped to 2; at
  // 2^-52: 4096 + 2^-11, rounded to 4096, wrapped to -4096.
  EXPECT_EQ(wrap(std::ldexp(1.0f + std::ldexp(1.0f, -23), 64), -40), 2);
  EXPECT_EQ(wrap(std::ldexp(1.0f + std::ldexp(1.0f, -23), 64), -52), -4096);
}

//===----------------------------------------------------------------------===//
// SIMD kernels against the scalar definitions
//===----------------------------------------------------------------------===//

/// `count` random fields of `bits` bits, packed LSB first.
void appendFields(std::vector<uint8_t> &bytes, uint64_t &bit,
                  const std::vector<uint64_t> &values, unsigned bits) {
  for (uint64_t value : values) {
    for (unsigned i = 0; i < bits; ++i, ++bit) {
      if (bit / 8 >= bytes.size())
        bytes.push_back(0);
      bytes[bit / 8] |= ((value >> i) & 1) << (bit % 8);
    }
  }
}

/// A random valid mvm matrix: levels, index and weights.
struct RandomMatrix {
  enc::MvmInst mvm;
  mc::MvmShape shape;
  std::vector<uint8_t> index, weights;

  RandomMatrix(std::mt19937 &rng, const Target &target) {
    auto pick = [&](int64_t low, int64_t high) {
      return low + int64_t(rng() % uint64_t(high - low + 1));
    };
    mvm.gates = static_cast<uint32_t>(pick(1, 4));
    mvm.rowBlocks = static_cast<uint32_t>(pick(1, 3));
    mvm.colBlocks = static_cast<uint32_t>(pick(1, 5));
    int64_t numLevels = pick(1, 3);
    uint32_t rows = 1u << pick(0, 5), cols = 1u << pick(0, 5);
    for (int64_t l = 0; l < numLevels; ++l) {
      enc::Level level;
      level.rows = rows;
      level.cols = cols;
      int64_t choices = l == 0 ? mvm.colBlocks : mvm.levels.back().cols / cols;
      level.keep = static_cast<uint32_t>(pick(1, choices));
      mvm.levels.push_back(level);
      rows >>= pick(0, 2);
      cols >>= pick(0, 2);
      rows = std::max(rows, 1u);
      cols = std::max(cols, 1u);
    }
    EXPECT_EQ(mc::getMvmShape(mvm, shape), "");
    mvm.rows = static_cast<uint32_t>(shape.rows);
    mvm.xLen = static_cast<uint32_t>(shape.cols);
    for (const mc::MvmShape::Level &level : shape.levels) {
      uint64_t bit = 0;
      std::vector<uint8_t> array;
      for (int64_t row = 0; row < level.numRows; ++row) {
        std::vector<uint64_t> columns(level.choices);
        for (int64_t c = 0; c < level.choices; ++c)
          columns[c] = c;
        std::shuffle(columns.begin(), columns.end(), rng);
        columns.resize(level.keep);
        std::sort(columns.begin(), columns.end());
        appendFields(array, bit, columns,
                     static_cast<unsigned>(level.fieldBits));
      }
      index.insert(index.end(), array.begin(), array.end());
    }
    std::vector<uint64_t> stream(mvm.gates * shape.weightsPerGate);
    for (uint64_t &w : stream)
      w = rng();
    uint64_t bit = 0;
    appendFields(weights, bit, stream,
                 static_cast<unsigned>(target.weightBits));
    index.resize(index.size() + 8, 0);
    weights.resize(weights.size() + 8, 0);
  }
};

TEST(SimulatorKernels, MultiplyMatchesThePortableKernel) {
  std::mt19937 rng(3);
  for (int weightBits : {6, 16}) {
    Target target;
    target.weightBits = weightBits;
    target.actBits = weightBits == 16 ? 16 : 13;
    for (int round = 0; round < 300; ++round) {
      RandomMatrix matrix(rng, target);
      MvmKernel fast(matrix.mvm, matrix.shape, target, matrix.weights.data(),
                     matrix.index.data(), true);
      MvmKernel portable(matrix.mvm, matrix.shape, target,
                         matrix.weights.data(), matrix.index.data(), false);
      ASSERT_EQ(fast.getNumWeights(),
                matrix.mvm.gates * matrix.shape.weightsPerGate);
      std::vector<int16_t> x(fast.getInputSize(), 0);
      int64_t limit = int64_t(1) << (target.actBits - 1);
      for (int64_t c = 0; c < fast.getNumColumns(); ++c)
        x[c] = static_cast<int16_t>(
            round % 5 == 0 ? -limit : int64_t(rng() % (2 * limit)) - limit);
      std::vector<int64_t> wide(fast.getNumSums());
      portable.multiply(x.data(), wide.data());
      if (fast.fitsInt32()) {
        std::vector<int32_t> narrowFast(fast.getNumSums()),
            narrowPortable(fast.getNumSums());
        fast.multiply(x.data(), narrowFast.data());
        portable.multiply(x.data(), narrowPortable.data());
        for (int64_t i = 0; i < fast.getNumSums(); ++i) {
          ASSERT_EQ(narrowFast[i], wide[i]) << round << " " << i;
          ASSERT_EQ(narrowPortable[i], wide[i]) << round << " " << i;
        }
        // In row order, through the fast path and the portable one.
        std::vector<int32_t> rowsFast(fast.getNumSums()),
            rowsPortable(fast.getNumSums()), scratch(fast.getNumSums());
        fast.multiplyRows(x.data(), rowsFast.data(), scratch.data());
        portable.unpackRows(narrowPortable.data(), rowsPortable.data());
        ASSERT_EQ(rowsFast, rowsPortable) << round;
        // Group ranges as threads share them: together the same sums.
        int64_t parts = 1 + round % 4;
        std::vector<int64_t> cuts = fast.splitGroups(parts);
        ASSERT_EQ(cuts.size(), size_t(parts + 1));
        ASSERT_EQ(cuts.front(), 0);
        ASSERT_EQ(cuts.back(), fast.getNumGroups());
        std::vector<int32_t> rowsSplit(fast.getNumSums(), -1),
            sumsSplit(fast.getNumSums(), -1);
        for (int64_t part = 0; part < parts; ++part) {
          ASSERT_LE(cuts[part], cuts[part + 1]);
          MvmKernel::GroupRange groups{cuts[part], cuts[part + 1]};
          fast.multiplyRows(x.data(), rowsSplit.data(), scratch.data(),
                            groups);
          portable.multiply(x.data(), sumsSplit.data(), groups);
        }
        ASSERT_EQ(rowsSplit, rowsPortable) << round;
        ASSERT_EQ(sumsSplit, narrowPortable) << round;
      } else {
        EXPECT_EQ(weightBits, 16);
      }
    }
  }
}

TEST(SimulatorKernels, WorkerTeamRunsEveryPartOnce) {
  for (unsigned size : {1u, 2u, 5u}) {
    WorkerTeam team(size);
    ASSERT_EQ(team.size(), size);
    std::vector<int64_t> calls(size, 0);
    for (int round = 0; round < 2000; ++round) {
      // Sleeping workers wake too: a pause longer than their spin.
      if (round % 500 == 499)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      team.run([&](unsigned part) { ++calls[part]; });
      for (unsigned part = 0; part < size; ++part)
        ASSERT_EQ(calls[part], round + 1) << size << " " << part;
    }
  }
}

TEST(SimulatorKernels, RowStageMatchesTheDefinition) {
  if (!RowStage::isAvailable())
    GTEST_SKIP() << "no vector row stage on this machine";
  std::mt19937_64 rng(5);
  for (Rounding rounding : {Rounding::NearestEven, Rounding::NearestAway})
    for (Overflow overflow : {Overflow::Saturate, Overflow::Wrap})
      for (unsigned accBits : {8u, 32u, 48u})
        for (int round = 0; round < 200; ++round) {
          // Every other round only left shifts, for the stage's fast path.
          bool leftOnly = round % 2;
          int64_t count = 1 + int64_t(rng() % 37);
          std::vector<int32_t> sums(count), shifts(count);
          std::vector<int64_t> bias(count), acc(count);
          int64_t accLimit = int64_t(1) << (accBits - 1);
          for (int64_t r = 0; r < count; ++r) {
            sums[r] = static_cast<int32_t>(rng());
            shifts[r] = leftOnly ? static_cast<int32_t>(rng() % 29)
                                 : static_cast<int32_t>(rng() % 123) - 62;
            bias[r] = static_cast<int64_t>(rng() % (uint64_t(1) << 61)) -
                      (int64_t(1) << 60);
            acc[r] =
                static_cast<int64_t>(rng() % uint64_t(2 * accLimit)) - accLimit;
          }
          bool accumulate = rng() & 1, withBias = rng() & 1;
          std::vector<int64_t> expected = acc, actual = acc;
          for (int64_t r = 0; r < count; ++r) {
            int64_t value = shl(sums[r], shifts[r], rounding) +
                            (withBias ? bias[r] : 0) +
                            (accumulate ? expected[r] : 0);
            expected[r] = ovf(value, accBits, overflow);
          }
          ASSERT_EQ(RowStage::shiftsLeftOnly(shifts.data(), count),
                    llvm::all_of(shifts, [](int32_t s) {
                      return s >= 0 && s <= 28;
                    }));
          RowStage{rounding, overflow, accBits}.run(
              sums.data(), shifts.data(), withBias ? bias.data() : nullptr,
              actual.data(), count, accumulate, leftOnly);
          ASSERT_EQ(actual, expected);
        }
}

TEST(SimulatorKernels, VectorCellsMatchTheDefinition) {
  if (!hasVectorCells())
    GTEST_SKIP() << "no vector cells on this machine";
  std::mt19937_64 rng(9);
  auto pick = [&](int64_t low, int64_t high) {
    return low + int64_t(rng() % uint64_t(high - low + 1));
  };
  for (int round = 0; round < 400; ++round) {
    CellConfig config;
    config.rounding = rng() & 1 ? Rounding::NearestEven : Rounding::NearestAway;
    config.overflow = rng() & 1 ? Overflow::Saturate : Overflow::Wrap;
    config.actBits = static_cast<unsigned>(pick(2, 16));
    config.accBits = static_cast<unsigned>(pick(8, 48));
    config.hidden = pick(1, 40);
    unsigned entryBits = static_cast<unsigned>(pick(3, 32));
    std::vector<std::vector<int32_t>> tables(3);
    LutTable *luts[3] = {&config.f, &config.g, &config.h};
    for (int t = 0; t < 3; ++t) {
      // Tables as the verifier lets them be: N * 2^shift <= 2^62 and
      // shift + lut_entry_bits <= 62.
      int64_t logSegments = pick(1, 8);
      int64_t segments = int64_t(1) << logSegments;
      unsigned shift = static_cast<unsigned>(
          pick(0, std::min<int64_t>(62 - entryBits, 62 - logSegments)));
      for (int64_t e = 0; e < 2 * segments; ++e)
        tables[t].push_back(
            static_cast<int32_t>(pick(-(int64_t(1) << (entryBits - 1)),
                                      (int64_t(1) << (entryBits - 1)) - 1)));
      *luts[t] = LutTable(tables[t].data(), segments, shift,
                          rng() % 3 == 0 ? pick(1, int64_t(1) << 47) : 0);
    }
    int64_t actLimit = int64_t(1) << (config.actBits - 1);
    int64_t accLimit = int64_t(1) << (config.accBits - 1);
    std::vector<int32_t> peepholes(3 * config.hidden);
    for (int32_t &p : peepholes)
      p = static_cast<int32_t>(pick(-actLimit, actLimit - 1));
    if (rng() & 1) {
      config.peepholes = peepholes.data();
      config.peepholeShift = static_cast<int>(pick(-128, 127));
    }
    config.hasInputForget = rng() & 1;
    config.inputForget = pick(0, int64_t(1) << config.actBits);
    config.fcAlign = static_cast<int>(pick(0, 63));
    config.igAlign = static_cast<int>(pick(0, 63));
    config.cShift = static_cast<int>(pick(-128, 127));
    config.hShift = static_cast<int>(pick(-128, 127));
    if (round % 2) { // realistic alignments, so that not everything clamps
      config.fcAlign = static_cast<int>(pick(0, 3));
      config.igAlign = 0;
      config.cShift = static_cast<int>(pick(-20, -8));
      config.hShift = static_cast<int>(pick(-20, -8));
    }
    std::vector<int64_t> gates(4 * config.hidden);
    for (int64_t &a : gates)
      a = pick(-accLimit, accLimit - 1);
    std::vector<int32_t> cPrev(config.hidden);
    for (int32_t &c : cPrev)
      c = static_cast<int32_t>(pick(-actLimit, actLimit - 1));
    std::vector<int32_t> cVector(config.hidden), hVector(config.hidden);
    // In two ranges, as threads share them; the cut need not be aligned.
    int64_t cut = pick(0, config.hidden);
    updateCells(config, gates.data(), cPrev.data(), cVector.data(),
                hVector.data(), 0, cut);
    updateCells(config, gates.data(), cPrev.data(), cVector.data(),
                hVector.data(), cut, config.hidden);
    withNumerics(config.rounding, config.overflow, [&](auto numerics) {
      int64_t hidden = config.hidden;
      for (int64_t j = 0; j < hidden; ++j) {
        int64_t cT, hT;
        updateCell<decltype(numerics)>(config, j, gates[j], gates[hidden + j],
                                       gates[2 * hidden + j],
                                       gates[3 * hidden + j], cPrev[j], cT, hT);
        EXPECT_EQ(cVector[j], cT) << round << " " << j;
        EXPECT_EQ(hVector[j], hT) << round << " " << j;
      }
      return true;
    });
  }
}

//===----------------------------------------------------------------------===//
// The programs of test/Runtime/Simulator
//===----------------------------------------------------------------------===//

std::string simulatorTests() {
  llvm::SmallString<256> path(HCGS_SOURCE_DIR);
  llvm::sys::path::append(path, "test", "Runtime", "Simulator");
  return std::string(path);
}

/// A fixture program exported through the MLIR translation and loaded.
program::Program loadFixture(const std::string &name) {
  mlir::DialectRegistry registry;
  program::registerProgramDialects(registry);
  mlir::MLIRContext context(registry);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(
          simulatorTests() + "/" + name + ".mlir", &context);
  EXPECT_TRUE(module) << name;
  std::string text;
  llvm::raw_string_ostream os(text);
  EXPECT_FALSE(static_cast<bool>(program::exportProgram(*module, os)));
  std::vector<uint8_t> data(text.begin(), text.end());
  llvm::Expected<program::Program> loaded = program::loadProgram(data);
  if (!loaded) {
    ADD_FAILURE() << name << ": " << llvm::toString(loaded.takeError());
    return program::Program();
  }
  return std::move(*loaded);
}

HostTensor readHost(const std::string &path, bool lengths) {
  llvm::Expected<Tensor> tensor = readTensorFile(path);
  EXPECT_TRUE(static_cast<bool>(tensor)) << path;
  HostTensor host;
  host.shape.assign(tensor->getShape().begin(), tensor->getShape().end());
  if (lengths)
    host.lengths.assign(tensor->getValues<int32_t>().begin(),
                        tensor->getValues<int32_t>().end());
  else
    host.data.assign(tensor->getValues<float>().begin(),
                     tensor->getValues<float>().end());
  return host;
}

std::vector<HostTensor> readInputs(const program::Program &program,
                                   const std::string &name) {
  std::vector<HostTensor> inputs;
  for (const mc::TensorDesc &desc : program.desc.inputs)
    inputs.push_back(readHost(simulatorTests() + "/Inputs/" + name + "/" +
                                  desc.name + ".npy",
                              desc.isLengths));
  return inputs;
}

std::vector<std::string> fixtureNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(simulatorTests(), ec), end;
       it != end && !ec; it.increment(ec))
    if (llvm::sys::path::extension(it->path()) == ".mlir")
      names.push_back(llvm::sys::path::stem(it->path()).str());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(SimulatorPrograms, MatchTheModelAndRunWhatTheStreamSays) {
  std::vector<std::string> names = fixtureNames();
  ASSERT_GE(names.size(), 13u);
  for (const std::string &name : names) {
    program::Program program = loadFixture(name);
    std::vector<HostTensor> inputs = readInputs(program, name);
    // Every mvm shared among threads, or none.
    const std::pair<bool, unsigned> configurations[] = {
        {true, 1}, {false, 1}, {true, 3}, {false, 2}};
    for (auto [vectorKernels, threads] : configurations) {
      SimulatorOptions options;
      options.vectorKernels = vectorKernels;
      options.threads = threads;
      options.minParallelWeights = 0;
      options.minParallelCells = 0;
      llvm::Expected<std::unique_ptr<Simulator>> simulator =
          Simulator::create(program, options);
      ASSERT_TRUE(static_cast<bool>(simulator));
      llvm::Expected<RunResult> result = (*simulator)->run(inputs);
      ASSERT_TRUE(static_cast<bool>(result))
          << name << ": " << llvm::toString(result.takeError());
      for (auto [desc, output] :
           llvm::zip(program.desc.outputs, result->outputs)) {
        HostTensor expected = readHost(simulatorTests() + "/Inputs/" + name +
                                           "/" + desc.name + ".expected.npy",
                                       desc.isLengths);
        EXPECT_EQ(output.shape, expected.shape) << name << " " << desc.name;
        EXPECT_EQ(output.data, expected.data) << name << " " << desc.name;
        EXPECT_EQ(output.lengths, expected.lengths) << name << " " << desc.name;
      }
      // The cost follows from these counts (mc::getExecutedCost): they
      // must be what the stream runs at the run's sequence length.
      mc::ExecutionCounts expected =
          mc::getExecutionCounts(program.instructions, result->seqLen);
      EXPECT_EQ(result->executed.runs, expected.runs) << name;
      EXPECT_EQ(result->executed.iterations, expected.iterations) << name;
      mc::Cost model = mc::getProgramCost(program.instructions,
                                          program.target, result->seqLen);
      EXPECT_EQ(result->cost.cycles, model.cycles) << name;
      EXPECT_EQ(result->cost.getEnergyPJ(program.target),
                model.getEnergyPJ(program.target))
          << name;
    }
  }
}

std::string runError(const program::Program &program,
                     const std::vector<HostTensor> &inputs) {
  llvm::Expected<std::unique_ptr<Simulator>> simulator =
      Simulator::create(program);
  EXPECT_TRUE(static_cast<bool>(simulator));
  llvm::Expected<RunResult> result = (*simulator)->run(inputs);
  if (result)
    return "";
  return llvm::toString(result.takeError());
}

TEST(SimulatorPrograms, RunTimeErrors) {
  program::Program program = loadFixture("lstm_sequence_lens");
  std::vector<HostTensor> inputs = readInputs(program, "lstm_sequence_lens");
  std::vector<HostTensor> tooLong = inputs;
  tooLong[0].lengths = {6, 7, 0};
  EXPECT_EQ(runError(program, tooLong),
            "setlen: batch entry 1 gets sequence length 7, outside 0 to the "
            "run's 6");
  std::vector<HostTensor> nan = inputs;
  nan[1].data[5] = NAN;
  EXPECT_EQ(runError(program, nan), "input 'X' element 5 is NaN");
  std::vector<HostTensor> missing(inputs.begin(), inputs.begin() + 2);
  EXPECT_EQ(runError(program, missing), "the program has 3 inputs, got 2");
  std::vector<HostTensor> wrongShape = inputs;
  wrongShape[2].shape = {1, 2, 6};
  wrongShape[2].data.resize(12);
  EXPECT_EQ(runError(program, wrongShape),
            "input 'initial_h' has shape dimension 2 where the program has 3");
  std::vector<HostTensor> tooMany = inputs;
  tooMany[1].shape[0] = 9;
  tooMany[1].data.resize(9 * 12);
  EXPECT_EQ(runError(program, tooMany),
            "sequence length 9 is outside 1 to the program's max_seq_len 8");
  std::vector<HostTensor> shortData = inputs;
  shortData[1].data.pop_back();
  EXPECT_EQ(runError(program, shortData),
            "input 'X' holds 71 values, its shape needs 72");

  program::Program stack = loadFixture("lstm_bidirectional");
  std::vector<HostTensor> empty = readInputs(stack, "lstm_bidirectional");
  empty[0].shape[0] = 0;
  empty[0].data.clear();
  EXPECT_EQ(runError(stack, empty),
            "sequence length 0 is outside 1 to the program's max_seq_len 6");
}

TEST(SimulatorPrograms, DecodingStaysWithinItsBudget) {
  program::Program program = loadFixture("lstm_step");
  SimulatorOptions options;
  options.decodeBudgetBytes = 1000;
  llvm::Expected<std::unique_ptr<Simulator>> simulator =
      Simulator::create(program, options);
  ASSERT_FALSE(static_cast<bool>(simulator));
  EXPECT_EQ(llvm::toString(simulator.takeError()),
            "decoding the program's weights and parameters would take more "
            "than the 1000 bytes the simulator allows");
}

} // namespace
