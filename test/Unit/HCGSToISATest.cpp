//===- HCGSToISATest.cpp - views, lookup tables and weight packing --------===//
//
// The pieces of the HCGS-to-ISA lowering that lit cannot see: the algebra of
// strided views, lookup-table contents evaluated by the rule of docs/ISA.md
// 4.2, and weight streams and indexes checked against the formulas of
// docs/ISA.md section 7 rather than against the packer's own walk.
//
//===----------------------------------------------------------------------===//

#include "LookupTables.h"
#include "Plan.h"
#include "Views.h"
#include "WeightPacking.h"

#include "hcgs/Dialect/HCGS/HCGSDialect.h"
#include "hcgs/Dialect/ISA/ISADialect.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/MLIRContext.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace hcgs;
using namespace hcgs::lower;

namespace {

//===----------------------------------------------------------------------===//
// Views
//===----------------------------------------------------------------------===//

class ViewsTest : public ::testing::Test {
protected:
  ViewsTest() { context.loadDialect<isa::ISADialect>(); }

  /// The view as the plan writes it.
  std::string print(const View &view) {
    std::string text;
    llvm::raw_string_ostream(text) << getViewAttr(&context, view);
    return text;
  }

  mlir::MLIRContext context;
};

TEST_F(ViewsTest, DenseViewPrintsAndParses) {
  View view = makeDenseView(MemSpace::IO, 448, {kDynamicSize, 1, 440},
                            std::nullopt, 100);
  std::string text = print(view);
  EXPECT_EQ(text, "#hcgs_isa.view<io[448] [t?:440][1:440][440:1]>");
  auto parsed = llvm::dyn_cast_or_null<isa::ViewAttr>(
      mlir::parseAttribute(text, &context));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(getView(parsed), view);
}

TEST_F(ViewsTest, LayoutOneStridesUseMaxSeqLen) {
  // [B, T, H] with T dynamic: the batch stride spans max_seq_len steps.
  View view =
      makeDenseView(MemSpace::IO, 0, {2, kDynamicSize, 8}, std::nullopt, 10);
  EXPECT_EQ(print(view), "#hcgs_isa.view<io[0] [2:80][t?:8][8:1]>");
}

TEST_F(ViewsTest, BidirectionalOutputFeedsTheNextLayerInChunks) {
  // Y [T, 2, B, H] transposed to [T, B, 2, H] and reshaped to [T, B, 2H]:
  // element j of the next layer's input is direction j / H, unit j % H.
  int64_t batch = 3, hidden = 16;
  View y = makeDenseView(MemSpace::IO, 0, {kDynamicSize, 2, batch, hidden},
                         std::nullopt, 5);
  View transposed = transposeView(y, {0, 2, 1, 3});
  std::optional<View> input =
      reshapeView(transposed, {kDynamicSize, batch, 2 * hidden});
  ASSERT_TRUE(input);
  EXPECT_EQ(print(*input), "#hcgs_isa.view<io[0] [t?:96][3:16][2:48,16:1]>");
  std::optional<Elements> elements = getElements(input->dims[2]);
  ASSERT_TRUE(elements);
  EXPECT_EQ(elements->chunk, hidden);
  EXPECT_EQ(elements->chunkStride, batch * hidden);
  std::optional<VecRef> ref = makeTensorRef(*input, 0, 1, 2, TimeMode::Reverse);
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->time, TimeMode::Reverse);
  EXPECT_EQ(ref->timeStride, 96u);
  EXPECT_EQ(ref->batchStride, 16u);
  // Undoing the reshape gives the transposed view back.
  std::optional<View> undone =
      reshapeView(*input, {kDynamicSize, batch, 2, hidden});
  ASSERT_TRUE(undone);
  EXPECT_TRUE(sameLayout(*undone, transposed));
}

TEST_F(ViewsTest, ReshapesThatStridesCannotExpress) {
  // A transposed 2x3 matrix read as 3x2 needs a copy.
  View matrix = makeDenseView(MemSpace::IO, 0, {2, 3}, std::nullopt, 1);
  View transposed = transposeView(matrix, {1, 0});
  EXPECT_FALSE(reshapeView(transposed, {2, 3}));
  // The same elements in order do not.
  EXPECT_TRUE(reshapeView(matrix, {3, 2}));
  EXPECT_TRUE(reshapeView(transposed, {3, 2, 1}));
  // A dynamic dimension must stay dynamic.
  View sequence =
      makeDenseView(MemSpace::IO, 0, {kDynamicSize, 4}, std::nullopt, 8);
  EXPECT_FALSE(reshapeView(sequence, {4, 4}));
  std::optional<View> merged = reshapeView(sequence, {kDynamicSize});
  ASSERT_TRUE(merged);
  EXPECT_EQ(print(*merged), "#hcgs_isa.view<io[0] [t?:4,4:1]>");
}

TEST_F(ViewsTest, SlicesAreOffsetsAndStrides) {
  View y = makeDenseView(MemSpace::IO, 100, {2, 3, 8}, std::nullopt, 1);
  // Direction 1's final state, every other unit.
  std::optional<View> slice = sliceView(y, {1, 0, 1}, {1, 1, 2}, {1, 3, 4});
  ASSERT_TRUE(slice);
  EXPECT_EQ(slice->base, 100 + 24 + 1);
  std::optional<Elements> elements = getElements(slice->dims[2]);
  ASSERT_TRUE(elements);
  EXPECT_EQ(elements->chunk, 1);
  EXPECT_EQ(elements->chunkStride, 2);
  std::optional<View> selected = selectView(y, 0, 1);
  ASSERT_TRUE(selected);
  EXPECT_EQ(print(*selected), "#hcgs_isa.view<io[124] [3:8][8:1]>");
  // The time dimension is not sliced.
  View sequence =
      makeDenseView(MemSpace::IO, 0, {kDynamicSize, 4}, std::nullopt, 8);
  EXPECT_FALSE(selectView(sequence, 0, 2));
}

TEST_F(ViewsTest, RowWalksPairDifferentlyCutViews) {
  // A [6, 4] input read row by row into a [2, 3, 4] output transposed to
  // [3, 2, 4]: rows pair up and the batch axis is the innermost shared one.
  View in = makeDenseView(MemSpace::IO, 0, {6, 4}, std::nullopt, 1);
  std::optional<View> in3 = reshapeView(in, {2, 3, 4});
  ASSERT_TRUE(in3);
  View out = makeDenseView(MemSpace::Act, 0, {3, 2, 4}, std::nullopt, 1);
  View outT = transposeView(out, {1, 0, 2});
  const View *views[] = {&*in3, &outT};
  std::optional<RowWalk> walk = walkRows(views, 2);
  ASSERT_TRUE(walk);
  EXPECT_FALSE(walk->time);
  EXPECT_EQ(walk->batch.size, 3);
  EXPECT_EQ(walk->batch.strides[0], 4);
  EXPECT_EQ(walk->batch.strides[1], 8);
  ASSERT_EQ(walk->outer.size(), 1u);
  EXPECT_EQ(walk->getNumOuter(), 2);
  EXPECT_EQ(walk->getOuterOffsets(1)[0], 12);
  EXPECT_EQ(walk->getOuterOffsets(1)[1], 4);
  // Contiguous rows merge into one batch axis.
  View flat = makeDenseView(MemSpace::Act, 0, {2, 3, 4}, std::nullopt, 1);
  const View *same[] = {&*in3, &flat};
  walk = walkRows(same, 2);
  ASSERT_TRUE(walk);
  EXPECT_EQ(walk->batch.size, 6);
  EXPECT_TRUE(walk->outer.empty());
}

TEST_F(ViewsTest, CopiesWalkTimeBatchAndElements) {
  // [T, B, H] to [B, T, H] (a batch-first output): one move a step.
  View src =
      makeDenseView(MemSpace::IO, 0, {kDynamicSize, 2, 8}, std::nullopt, 10);
  View dst = transposeView(
      makeDenseView(MemSpace::IO, 1000, {2, kDynamicSize, 8}, std::nullopt, 10),
      {1, 0, 2});
  std::optional<CopyWalk> walk = walkCopy(src, dst);
  ASSERT_TRUE(walk);
  EXPECT_EQ(walk->count, 8);
  EXPECT_EQ(walk->rows.batch.size, 2);
  EXPECT_EQ(walk->src.batchStride, 8u);
  EXPECT_EQ(walk->dst.batchStride, 80u);
  EXPECT_EQ(walk->src.time, TimeMode::Forward);
  EXPECT_EQ(walk->src.timeStride, 16u);
  EXPECT_EQ(walk->dst.timeStride, 8u);
}

TEST_F(ViewsTest, ElementOffsetsFollowChunks) {
  VecRef ref;
  ref.chunk = 16;
  ref.chunkStride = 48;
  EXPECT_TRUE(offsetElements(ref, 32, 16));
  EXPECT_EQ(ref.base, 96u);
  VecRef inside;
  inside.chunk = 16;
  inside.chunkStride = 48;
  EXPECT_TRUE(offsetElements(inside, 4, 8));
  EXPECT_EQ(inside.base, 4u);
  EXPECT_EQ(inside.chunk, 0u);
  VecRef across;
  across.chunk = 16;
  across.chunkStride = 48;
  EXPECT_FALSE(offsetElements(across, 8, 16));
}

//===----------------------------------------------------------------------===//
// Lookup tables
//===----------------------------------------------------------------------===//

class LookupTableTest : public ::testing::Test {
protected:
  LookupTableTest() : builder(&context) { context.loadDialect<HCGSDialect>(); }

  ActivationAttr function(ActivationKind kind, std::optional<float> alpha = {},
                          std::optional<float> beta = {}) {
    auto attr = [&](std::optional<float> value) {
      return value ? builder.getF32FloatAttr(*value) : mlir::FloatAttr();
    };
    return ActivationAttr::get(&context, kind, attr(alpha), attr(beta));
  }
  FixedPointAttr format(unsigned bits, int32_t frac) {
    return FixedPointAttr::get(&context, bits, true, {frac});
  }

  /// lut(L, x) of docs/ISA.md 4.2 (saturating, nearest-even).
  static int64_t evaluate(const LookupTable &table,
                          const std::vector<int64_t> &entries, int64_t x,
                          unsigned actBits) {
    if (table.clip > 0)
      x = std::clamp(x, -table.clip, table.clip);
    int64_t width = int64_t(1) << table.shift;
    int64_t u = x + (table.segments / 2) * width;
    int64_t s, f;
    if (u < 0) {
      s = 0, f = 0;
    } else if (u >= table.segments * width) {
      s = table.segments - 1, f = width;
    } else {
      s = u / width, f = u - s * width;
    }
    int64_t product = entries[2 * s + 1] * f;
    int64_t q = product >> table.shift; // floor
    int64_t r = product - q * width;
    if (2 * r > width || (2 * r == width && (q & 1)))
      ++q;
    int64_t value = entries[2 * s] + q;
    int64_t limit = int64_t(1) << (actBits - 1);
    return std::clamp(value, -limit, limit - 1);
  }

  mlir::MLIRContext context;
  mlir::Builder builder;
  Target target;
};

TEST_F(LookupTableTest, SigmoidIsWithinTwoCodes) {
  // Gate sums with 20 fraction bits, outputs i13 with 12: the TIMIT tables.
  LookupTable table;
  ASSERT_EQ(planLookupTable(function(ActivationKind::Sigmoid), 20,
                            format(13, 12), 10.0, target, table),
            "");
  EXPECT_EQ(table.segments, 256);
  EXPECT_EQ(table.clip, 10 << 20);
  EXPECT_EQ((table.segments / 2) << table.shift, 16 << 20);
  std::vector<int64_t> entries;
  ASSERT_EQ(buildLookupTable(table, target, entries), "");
  ASSERT_EQ(entries.size(), 512u);
  int64_t worst = 0;
  for (int64_t x = -(12 << 20); x <= (12 << 20); x += 997) {
    double value = std::ldexp(double(x), -20);
    double expected = 1.0 / (1.0 + std::exp(-std::clamp(value, -10.0, 10.0)));
    int64_t code = std::nearbyint(std::ldexp(expected, 12));
    code = std::min<int64_t>(code, 4095);
    worst = std::max(worst, std::abs(evaluate(table, entries, x, 13) - code));
  }
  EXPECT_LE(worst, 2);
}

TEST_F(LookupTableTest, PiecewiseLinearFunctionsAreExact) {
  // Relu and leaky relu on 10 fraction bits within [-4, 4]: the kink at 0
  // is a segment boundary, so every input code gives the rounded value.
  for (ActivationAttr fn : {function(ActivationKind::Relu),
                            function(ActivationKind::LeakyRelu, 0.25f)}) {
    LookupTable table;
    ASSERT_EQ(planLookupTable(fn, 10, format(13, 10), 4.0, target, table), "");
    std::vector<int64_t> entries;
    ASSERT_EQ(buildLookupTable(table, target, entries), "");
    for (int64_t x = -5000; x <= 5000; ++x) {
      double value = std::clamp(std::ldexp(double(x), -10), -4.0, 4.0);
      // The reference rounds and saturates to i13.
      int64_t expected = format(13, 10).toCode(fn.evaluate(value), 0, true);
      ASSERT_EQ(evaluate(table, entries, x, 13), expected) << "x = " << x;
    }
  }
}

TEST_F(LookupTableTest, ThresholdedReluJumpsAtItsThreshold) {
  // Threshold 1.0 falls on a segment boundary: 0 up to it, x beyond.
  LookupTable table;
  ActivationAttr fn = function(ActivationKind::ThresholdedRelu, 1.0f);
  ASSERT_EQ(planLookupTable(fn, 8, format(13, 8), 4.0, target, table), "");
  std::vector<int64_t> entries;
  ASSERT_EQ(buildLookupTable(table, target, entries), "");
  EXPECT_EQ(evaluate(table, entries, 255, 13), 0);
  EXPECT_EQ(evaluate(table, entries, 257, 13), 257);
  // The boundary itself takes the limit from above.
  EXPECT_EQ(evaluate(table, entries, 256, 13), 256);
  EXPECT_EQ(evaluate(table, entries, 512, 13), 512);
}

TEST_F(LookupTableTest, SmallRangesUseFewerSegments) {
  // 3 fraction bits over [-2, 2]: 32 input codes, one segment each.
  LookupTable table;
  ASSERT_EQ(planLookupTable(function(ActivationKind::Tanh), 3, format(13, 12),
                            2.0, target, table),
            "");
  EXPECT_EQ(table.segments, 32);
  EXPECT_EQ(table.shift, 0);
  EXPECT_EQ(table.clip, 16);
  EXPECT_EQ(table.getBytes(target), 32 * 2 * 2);
}

TEST_F(LookupTableTest, EntriesMustFitTheirWidth) {
  target.lutEntryBits = 8;
  LookupTable table;
  ASSERT_EQ(planLookupTable(function(ActivationKind::Sigmoid), 10,
                            format(13, 12), 8.0, target, table),
            "");
  std::vector<int64_t> entries;
  EXPECT_NE(buildLookupTable(table, target, entries)
                .find("does not fit lut_entry_bits 8"),
            std::string::npos);
}

TEST_F(LookupTableTest, EqualTablesHaveEqualKeys) {
  LookupTable a, b, c;
  ASSERT_EQ(planLookupTable(function(ActivationKind::Tanh), 20, format(13, 12),
                            5.0, target, a),
            "");
  ASSERT_EQ(planLookupTable(function(ActivationKind::Tanh), 20, format(13, 12),
                            5.0, target, b),
            "");
  ASSERT_EQ(planLookupTable(function(ActivationKind::Tanh), 21, format(13, 12),
                            5.0, target, c),
            "");
  EXPECT_EQ(a.getKey(), b.getKey());
  EXPECT_NE(a.getKey(), c.getKey());
}

//===----------------------------------------------------------------------===//
// Weight packing
//===----------------------------------------------------------------------===//

class WeightPackingTest : public ::testing::Test {
protected:
  WeightPackingTest() { context.loadDialect<HCGSDialect>(); }

  /// Reads field `index` of `bits` bits from a little-endian bit stream.
  static int64_t field(const std::vector<uint8_t> &bytes, int64_t index,
                       int64_t bits, bool isSigned) {
    uint64_t value = 0;
    for (int64_t i = 0; i < bits; ++i) {
      int64_t bit = index * bits + i;
      value |= uint64_t((bytes[bit / 8] >> (bit % 8)) & 1) << i;
    }
    if (isSigned && (value >> (bits - 1)) & 1)
      value |= ~uint64_t(0) << bits;
    return static_cast<int64_t>(value);
  }

  mlir::MLIRContext context;
  Target target;
};

TEST_F(WeightPackingTest, StreamFollowsTheIndexWalk) {
  // An 8x16 matrix of two row-sets: 4x8 blocks keep 1 of 2 per block-row,
  // then 2x4 blocks keep 1 of 2 per sub-row.
  using Rows = llvm::SmallVector<int32_t>;
  auto level0 = MaskLevelAttr::get(&context, 4, 8, {Rows{1}, Rows{0}});
  auto level1 =
      MaskLevelAttr::get(&context, 2, 4, {Rows{0}, Rows{1}, Rows{1}, Rows{0}});
  auto mask = BlockMaskAttr::get(&context, 8, 16, {level0, level1});
  target.hcgsBlockSizes = {2, 4, 8};
  target.weightBits = 8;
  MatrixTile tile;
  ASSERT_EQ(makeMatrixTile(mask, 2, 0, 8, target, tile), "");
  EXPECT_EQ(tile.fields.rowBlocks, 2u);
  EXPECT_EQ(tile.fields.colBlocks, 2u);
  EXPECT_EQ(tile.shape.weightsPerGate, 4 * 2 * 4);
  std::vector<uint8_t> weights, index;
  packMatrixTile(
      mask, tile, 8,
      [](int64_t gate, int64_t row, int64_t col) {
        return gate * 64 + row * 8 + col % 8;
      },
      weights, index);
  // Index: level 0 fields (1 bit) 1, 0; level 1 fields 0, 1, 1, 0.
  ASSERT_EQ(index.size(), 2u);
  EXPECT_EQ(index[0], 0b01);
  EXPECT_EQ(index[1], 0b0110);
  // Finest blocks in walk order and their positions (docs/ISA.md 7.3).
  int64_t positions[4][2] = {{0, 8}, {2, 12}, {4, 4}, {6, 0}};
  ASSERT_EQ(weights.size(), 2u * 32);
  for (int64_t block = 0; block < 4; ++block)
    for (int64_t gate = 0; gate < 2; ++gate)
      for (int64_t rr = 0; rr < 2; ++rr)
        for (int64_t cc = 0; cc < 4; ++cc) {
          // field index of W(β, g, r0 + rr, c0 + cc), docs/ISA.md 7.4
          int64_t fieldIndex = (block * 2 + gate) * 8 + rr * 4 + cc;
          int64_t row = positions[block][0] + rr;
          int64_t col = positions[block][1] + cc;
          EXPECT_EQ(field(weights, fieldIndex, 8, true),
                    gate * 64 + row * 8 + col % 8);
        }
}

TEST_F(WeightPackingTest, TilesTakeWholeBlockRows) {
  using Rows = llvm::SmallVector<int32_t>;
  auto level0 = MaskLevelAttr::get(&context, 4, 4, {Rows{0}, Rows{1}, Rows{1}});
  auto mask = BlockMaskAttr::get(&context, 10, 8, {level0});
  target.weightBits = 4;
  MatrixTile tile;
  ASSERT_EQ(makeMatrixTile(mask, 1, 4, 10, target, tile), "");
  EXPECT_EQ(tile.blockBegin, 1);
  EXPECT_EQ(tile.blockEnd, 3);
  EXPECT_EQ(tile.rows, 6);
  std::vector<uint8_t> weights, index;
  packMatrixTile(
      mask, tile, 4,
      [](int64_t, int64_t row, int64_t col) { return (row + col) % 8 - 4; },
      weights, index);
  // Padding rows 10 and 11 of the last block are zeros.
  ASSERT_EQ(weights.size(), 16u);
  for (int64_t rr = 0; rr < 4; ++rr)
    for (int64_t cc = 0; cc < 4; ++cc) {
      int64_t expected = rr < 2 ? (8 + rr + 4 + cc) % 8 - 4 : 0;
      EXPECT_EQ(field(weights, 16 + rr * 4 + cc, 4, true), expected);
    }
  EXPECT_EQ(index, std::vector<uint8_t>({0b11}));
}

TEST_F(WeightPackingTest, TheTimitMatrixMatchesTheDocument) {
  // docs/ISA.md 7.2: 512x512, 32x32 keep 4 of 16, 4x4 keep 2 of 8, 4 gates.
  using Rows = llvm::SmallVector<int32_t>;
  std::vector<Rows> rows0(16, Rows{0, 5, 9, 14});
  std::vector<Rows> rows1(16 * 4 * 8, Rows{1, 6});
  auto mask = BlockMaskAttr::get(&context, 512, 512,
                                 {MaskLevelAttr::get(&context, 32, 32, rows0),
                                  MaskLevelAttr::get(&context, 4, 4, rows1)});
  MatrixTile tile;
  ASSERT_EQ(makeMatrixTile(mask, 4, 0, 512, target, tile), "");
  EXPECT_EQ(tile.indexBytes, 416);
  EXPECT_EQ(tile.weightBytes, 65536 * 6 / 8);
}

TEST_F(WeightPackingTest, UnbalancedMasksAndUnsupportedBlocksAreRefused) {
  using Rows = llvm::SmallVector<int32_t>;
  auto unbalanced = BlockMaskAttr::get(
      &context, 8, 8,
      {MaskLevelAttr::get(&context, 4, 4, {Rows{0}, Rows{0, 1}})});
  MatrixTile tile;
  EXPECT_NE(makeMatrixTile(unbalanced, 1, 0, 8, target, tile)
                .find("keeps different numbers of blocks"),
            std::string::npos);
  auto small = BlockMaskAttr::get(
      &context, 4, 4, {MaskLevelAttr::get(&context, 2, 2, {Rows{0}, Rows{1}})});
  EXPECT_NE(makeMatrixTile(small, 1, 0, 4, target, tile)
                .find("hcgs_block_sizes lacks"),
            std::string::npos);
}

} // namespace
