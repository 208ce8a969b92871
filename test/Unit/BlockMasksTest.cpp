//===- BlockMasksTest.cpp - finding, pruning and balancing HCGS masks -----===//

#include "hcgs/Transforms/BlockMasks.h"

#include "hcgs/Dialect/HCGS/HCGSDialect.h"

#include "mlir/IR/MLIRContext.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <random>

using namespace hcgs;

namespace {

/// A two-level mask drawn like the authors' training code, with the bitmap
/// of its kept entries computed directly from the draw (not through the
/// attribute).
struct DrawnMask {
  BlockMaskAttr attr;
  std::vector<bool> bitmap;
};

class BlockMasksTest : public ::testing::Test {
protected:
  BlockMasksTest() { context.loadDialect<HCGSDialect>(); }

  std::vector<int32_t> drawKept(int64_t n, int64_t keep) {
    std::vector<int32_t> all(n);
    std::iota(all.begin(), all.end(), 0);
    std::shuffle(all.begin(), all.end(), rng);
    all.resize(keep);
    std::sort(all.begin(), all.end());
    return all;
  }

  DrawnMask drawMask(int64_t rows, int64_t cols, int64_t b1, int64_t keep1,
                     int64_t b2, int64_t keep2) {
    DrawnMask drawn;
    drawn.bitmap.assign(rows * cols, false);
    std::vector<llvm::SmallVector<int32_t>> level1, level2;
    int64_t blockCols = (cols + b1 - 1) / b1;
    for (int64_t br = 0; br < (rows + b1 - 1) / b1; ++br) {
      std::vector<int32_t> kept = drawKept(blockCols, keep1);
      level1.emplace_back(kept.begin(), kept.end());
      for (int32_t bc : kept)
        for (int64_t sub = 0; sub < b1 / b2; ++sub) {
          std::vector<int32_t> subKept = drawKept(b1 / b2, keep2);
          level2.emplace_back(subKept.begin(), subKept.end());
          for (int32_t sc : subKept)
            for (int64_t r = 0; r < b2; ++r)
              for (int64_t c = 0; c < b2; ++c) {
                int64_t row = br * b1 + sub * b2 + r;
                int64_t col = bc * b1 + sc * b2 + c;
                if (row < rows && col < cols)
                  drawn.bitmap[row * cols + col] = true;
              }
        }
    }
    drawn.attr = BlockMaskAttr::get(
        &context, rows, cols,
        {MaskLevelAttr::get(&context, b1, b1, level1),
         MaskLevelAttr::get(&context, b2, b2, level2)});
    return drawn;
  }

  /// `slices` stacked copies of random non-zero weights where `bitmap` is set.
  std::vector<float> weightsFor(const std::vector<bool> &bitmap,
                                int64_t slices) {
    std::vector<float> weights;
    for (int64_t s = 0; s < slices; ++s)
      for (bool kept : bitmap)
        weights.push_back(kept ? 0.1f + uniform(rng) : 0.0f);
    return weights;
  }

  /// `count` random weights, dense.
  std::vector<float> denseWeights(int64_t count) {
    std::vector<float> weights(count);
    for (float &w : weights)
      w = uniform(rng);
    return weights;
  }

  mlir::MLIRContext context;
  std::mt19937 rng{42};
  std::uniform_real_distribution<float> uniform{-1.0f, 1.0f};
};

TEST_F(BlockMasksTest, BitmapMatchesTheDrawIncludingPadding) {
  for (auto [rows, cols] : {std::pair{64, 64}, {64, 440}, {40, 72}}) {
    DrawnMask drawn = drawMask(rows, cols, 32, 2, 4, 2);
    EXPECT_EQ(drawn.attr.toBitmap(), drawn.bitmap) << rows << "x" << cols;
    int64_t kept = std::count(drawn.bitmap.begin(), drawn.bitmap.end(), true);
    EXPECT_EQ(drawn.attr.getNumKept(), kept);
    EXPECT_TRUE(drawn.attr.isBalanced());
  }
}

TEST_F(BlockMasksTest, FindsTheStructureOfMaskedWeights) {
  // The four gates share the mask; the candidates include the true one, and
  // one level of 4x4 blocks, which keeps the same weights but needs a larger
  // index.
  DrawnMask drawn = drawMask(64, 96, 32, 1, 4, 2);
  std::vector<float> weights = weightsFor(drawn.bitmap, 4);
  SharedMatrix matrix{weights, 4, 64, 96};
  std::vector<BlockShapes> candidates = {
      {{32, 32}}, {{4, 4}}, {{32, 32}, {16, 16}}, {{32, 32}, {8, 8}},
      {{32, 32}, {4, 4}}, {{16, 16}, {4, 4}}, {{16, 16}}};
  BlockMaskAttr found = findStructure(&context, matrix, candidates, 6);
  EXPECT_EQ(found, drawn.attr);
  EXPECT_EQ(nonZerosOutside(matrix, found).count, 0);
  EXPECT_EQ(keptEnergyFraction(matrix, found), 1.0);
}

TEST_F(BlockMasksTest, FindsDenseWeightsDense) {
  std::vector<float> weights(16 * 24);
  for (float &w : weights)
    w = 0.5f + 0.1f * uniform(rng);
  SharedMatrix matrix{weights, 1, 16, 24};
  BlockMaskAttr found =
      findStructure(&context, matrix, {{{8, 8}}, {{8, 8}, {4, 4}}}, 6);
  EXPECT_EQ(found.getNumKept(), 16 * 24);
  // Fewer levels win a tie.
  EXPECT_EQ(found.getLevels().size(), 1u);
}

TEST_F(BlockMasksTest, BalancesUnevenZerosWithExtraBlocks) {
  // Block-row 0 keeps blocks 0 and 2 of 4; block-row 1 keeps only block 3.
  std::vector<float> weights(8 * 16, 0.0f);
  auto fill = [&](int64_t br, int64_t bc) {
    for (int64_t r = 0; r < 4; ++r)
      for (int64_t c = 0; c < 4; ++c)
        weights[(br * 4 + r) * 16 + bc * 4 + c] = 1.0f;
  };
  fill(0, 0);
  fill(0, 2);
  fill(1, 3);
  SharedMatrix matrix{weights, 1, 8, 16};
  BlockMaskAttr found = findStructure(&context, matrix, {{{4, 4}}}, 6);
  ASSERT_TRUE(found.isBalanced());
  EXPECT_EQ(found.getLevels()[0].getKeptInRow(0), llvm::ArrayRef<int32_t>({0, 2}));
  // The lowest unkept column pads the short row.
  EXPECT_EQ(found.getLevels()[0].getKeptInRow(1), llvm::ArrayRef<int32_t>({0, 3}));
  EXPECT_EQ(nonZerosOutside(matrix, found).count, 0);
}

TEST_F(BlockMasksTest, BalanceKeepsASupersetOfAnUnbalancedMask) {
  BlockMaskAttr uneven = BlockMaskAttr::get(
      &context, 8, 8,
      {MaskLevelAttr::get(&context, 4, 4, {{0, 1}, {1}}),
       MaskLevelAttr::get(&context, 2, 2, {{0}, {1}, {0, 1}, {1}, {}, {0}})});
  ASSERT_FALSE(uneven.isBalanced());
  BlockMaskAttr balanced = balance(uneven);
  EXPECT_TRUE(balanced.isBalanced());
  std::vector<bool> before = uneven.toBitmap(), after = balanced.toBitmap();
  for (size_t i = 0; i < before.size(); ++i)
    EXPECT_TRUE(!before[i] || after[i]) << "entry " << i << " was dropped";
  EXPECT_EQ(balance(balanced), balanced);
}

TEST_F(BlockMasksTest, PrunesToTheRequestedDensityByEnergy) {
  std::vector<float> weights = denseWeights(2 * 64 * 64);
  SharedMatrix matrix{weights, 2, 64, 64};
  auto specs = parseLevelSpecs("16:0.5,4:0.5");
  ASSERT_TRUE(static_cast<bool>(specs)) << llvm::toString(specs.takeError());
  BlockMaskAttr mask = pruneByEnergy(&context, matrix, *specs);
  EXPECT_TRUE(mask.isBalanced());
  EXPECT_DOUBLE_EQ(mask.getDensity(), 0.25);
  // Every kept level-1 block carries at least the energy of every dropped
  // block in its block-row.
  auto energy = [&](int64_t br, int64_t bc) {
    double sum = 0;
    for (int64_t s = 0; s < 2; ++s)
      for (int64_t r = 0; r < 16; ++r)
        for (int64_t c = 0; c < 16; ++c) {
          double w = matrix.at(s, br * 16 + r, bc * 16 + c);
          sum += w * w;
        }
    return sum;
  };
  MaskLevelAttr level1 = mask.getLevels()[0];
  for (int64_t br = 0; br < 4; ++br) {
    auto kept = level1.getKeptInRow(br);
    for (int32_t k : kept)
      for (int32_t d = 0; d < 4; ++d)
        if (!llvm::is_contained(kept, d)) {
          EXPECT_GE(energy(br, k), energy(br, d));
        }
  }
  double fraction = keptEnergyFraction(matrix, mask);
  EXPECT_GT(fraction, 0.25);
  EXPECT_LT(fraction, 1.0);
  std::vector<float> pruned = applyMask(matrix, mask);
  SharedMatrix prunedMatrix{pruned, 2, 64, 64};
  EXPECT_EQ(nonZerosOutside(prunedMatrix, mask).count, 0);
  EXPECT_GT(nonZerosOutside(matrix, mask).count, 0);
  EXPECT_EQ(findStructure(&context, prunedMatrix, {{{16, 16}, {4, 4}}}, 6),
            mask);
}

TEST_F(BlockMasksTest, PrunesPaddedWidthsAndRoundsTheKeptCount) {
  // 440 columns in 32-wide blocks: 14 block columns, 0.25 keeps 4 (3.5
  // rounded), then 8 sub-blocks of 4 keeping 2.
  std::vector<float> weights = denseWeights(32 * 440);
  SharedMatrix matrix{weights, 1, 32, 440};
  auto specs = parseLevelSpecs("32:0.25,4:0.25");
  ASSERT_TRUE(static_cast<bool>(specs));
  BlockMaskAttr mask = pruneByEnergy(&context, matrix, *specs);
  EXPECT_EQ(mask.getLevels()[0].getBalancedKeep(), 4);
  EXPECT_EQ(mask.getLevels()[1].getBalancedKeep(), 2);
}

TEST_F(BlockMasksTest, IndexBitsFollowTheISAFormat) {
  // docs/ISA.md 7.2: a 512x512 matrix, 32x32 keep 4 then 4x4 keep 2 takes
  // 16 rows x 4 x 4 bits + 64 x 8 rows x 2 x 3 bits = 32 + 384 bytes.
  std::vector<float> weights = denseWeights(512 * 512);
  SharedMatrix matrix{weights, 1, 512, 512};
  auto specs = parseLevelSpecs("32:0.25,4:0.25");
  ASSERT_TRUE(static_cast<bool>(specs));
  EXPECT_EQ(getIndexBits(pruneByEnergy(&context, matrix, *specs)), 416 * 8);
  // One level with a single column to choose from needs no index bits.
  EXPECT_EQ(getIndexBits(BlockMaskAttr::get(
                &context, 8, 4, {MaskLevelAttr::get(&context, 4, 4, {{0}, {0}})})),
            0);
}

TEST(LevelSpecs, ParsesAndPrints) {
  auto specs = parseLevelSpecs("32:0.25, 4x2:0.5");
  ASSERT_TRUE(static_cast<bool>(specs));
  ASSERT_EQ(specs->size(), 2u);
  EXPECT_EQ((*specs)[1].blockRows, 4);
  EXPECT_EQ((*specs)[1].blockCols, 2);
  EXPECT_EQ(formatLevelSpecs(*specs), "32:0.25,4x2:0.5");
}

TEST(LevelSpecs, RejectsWhatIsNotASpec) {
  for (const char *bad : {"", "32", "32:0", "32:1.5", "x:0.5", "0:0.5",
                          "4:0.5,32:0.5", "32:0.25,,4:0.25", "32:abc"}) {
    auto specs = parseLevelSpecs(bad);
    EXPECT_FALSE(static_cast<bool>(specs)) << bad;
    if (!specs) {
      EXPECT_NE(llvm::toString(specs.takeError()).find("invalid HCGS spec"),
                std::string::npos);
    }
  }
}

} // namespace
