//===- BlockMasks.cpp - find, impose and check HCGS masks -----------------===//

#include "hcgs/Transforms/BlockMasks.h"

#include "hcgs/Runtime/MachineCode/MvmShape.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>

using namespace mlir;
using namespace hcgs;

//===----------------------------------------------------------------------===//
// Specs
//===----------------------------------------------------------------------===//

llvm::Expected<std::vector<LevelSpec>>
hcgs::parseLevelSpecs(llvm::StringRef text) {
  auto fail = [&](const llvm::Twine &why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "invalid HCGS spec '" + text + "': " + why);
  };
  std::vector<LevelSpec> specs;
  llvm::SmallVector<llvm::StringRef> levels;
  text.split(levels, ',');
  for (llvm::StringRef level : levels) {
    auto [block, keep] = level.trim().split(':');
    LevelSpec spec;
    auto [rowsText, colsText] = block.split('x');
    if (colsText.empty())
      colsText = rowsText;
    if (rowsText.getAsInteger(10, spec.blockRows) ||
        colsText.getAsInteger(10, spec.blockCols) || spec.blockRows <= 0 ||
        spec.blockCols <= 0 || spec.blockRows > (1 << 20) ||
        spec.blockCols > (1 << 20))
      return fail("'" + block + "' is not a block size (B or RxC)");
    if (keep.getAsDouble(spec.keep) || !(spec.keep > 0.0 && spec.keep <= 1.0))
      return fail("'" + keep + "' is not a kept fraction in (0, 1]");
    if (!specs.empty() && (specs.back().blockRows % spec.blockRows ||
                           specs.back().blockCols % spec.blockCols))
      return fail("block " + block + " does not divide the level above");
    specs.push_back(spec);
  }
  if (specs.empty())
    return fail("no levels");
  return specs;
}

std::string hcgs::formatBlockSizes(const Target &target) {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleaveComma(target.hcgsBlockSizes, os);
  return text;
}

llvm::Expected<std::vector<LevelSpec>>
hcgs::parseLevelSpecsFor(const Target &target, llvm::StringRef option,
                         llvm::StringRef text) {
  llvm::Expected<std::vector<LevelSpec>> specs = parseLevelSpecs(text);
  if (!specs)
    return llvm::createStringError(option + ": " +
                                   llvm::toString(specs.takeError()));
  if (static_cast<int64_t>(specs->size()) > target.hcgsMaxLevels)
    return llvm::createStringError(
        option + ": '" + text + "' has " + llvm::Twine(specs->size()) +
        " levels and target '" + target.name + "' takes at most " +
        llvm::Twine(target.hcgsMaxLevels));
  for (const LevelSpec &spec : *specs)
    for (int64_t edge : {spec.blockRows, spec.blockCols})
      if (!target.supportsBlockSize(edge))
        return llvm::createStringError(
            option + ": block size " + llvm::Twine(edge) + " in '" + text +
            "' is not one target '" + target.name + "' supports (" +
            formatBlockSizes(target) + ")");
  return specs;
}

std::string hcgs::formatLevelSpecs(llvm::ArrayRef<LevelSpec> specs) {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleave(
      specs, os,
      [&](const LevelSpec &spec) {
        os << spec.blockRows;
        if (spec.blockCols != spec.blockRows)
          os << 'x' << spec.blockCols;
        os << ':' << llvm::format("%g", spec.keep);
      },
      ",");
  return text;
}

//===----------------------------------------------------------------------===//
// Building masks level by level
//===----------------------------------------------------------------------===//

namespace {

/// Sums of a per-entry score (summed over the slices) over rectangles made
/// of whole cells in O(1): one pass over the weights sums every
/// `cellRows x cellCols` cell, then 2D prefix sums over the cells answer the
/// rectangles. Cells and rectangles are clipped to the matrix.
class BlockSums {
public:
  template <typename ScoreFn>
  BlockSums(const SharedMatrix &matrix, std::pair<int64_t, int64_t> cell,
            ScoreFn score)
      : cellRows(cell.first), cellCols(cell.second),
        gridRows((matrix.rows + cellRows - 1) / cellRows),
        gridCols((matrix.cols + cellCols - 1) / cellCols),
        prefix((gridRows + 1) * (gridCols + 1), 0.0) {
    std::vector<double> cells(gridRows * gridCols, 0.0);
    for (int64_t s = 0; s < matrix.numSlices; ++s)
      for (int64_t r = 0; r < matrix.rows; ++r) {
        const float *row =
            matrix.data.data() + (s * matrix.rows + r) * matrix.cols;
        double *cellRow = cells.data() + (r / cellRows) * gridCols;
        for (int64_t gc = 0; gc < gridCols; ++gc) {
          int64_t begin = gc * cellCols;
          int64_t end = std::min(begin + cellCols, matrix.cols);
          // Summed in the score's own type: integer counts stay branch-free.
          decltype(score(0.0f)) sum = 0;
          for (int64_t c = begin; c < end; ++c)
            sum += score(row[c]);
          cellRow[gc] += static_cast<double>(sum);
        }
      }
    for (int64_t r = 0; r < gridRows; ++r)
      for (int64_t c = 0; c < gridCols; ++c)
        at(r + 1, c + 1) =
            cells[r * gridCols + c] + at(r, c + 1) + at(r + 1, c) - at(r, c);
  }

  /// The sum over rows [row, row + height) and columns [col, col + width),
  /// all multiples of the cell's edges.
  double sum(int64_t row, int64_t col, int64_t height, int64_t width) const {
    assert(row % cellRows == 0 && height % cellRows == 0 &&
           col % cellCols == 0 && width % cellCols == 0 &&
           "rectangle not made of whole cells");
    int64_t r0 = std::min(row / cellRows, gridRows);
    int64_t c0 = std::min(col / cellCols, gridCols);
    int64_t r1 = std::min((row + height) / cellRows, gridRows);
    int64_t c1 = std::min((col + width) / cellCols, gridCols);
    return at(r1, c1) - at(r0, c1) - at(r1, c0) + at(r0, c0);
  }

private:
  double &at(int64_t r, int64_t c) { return prefix[r * (gridCols + 1) + c]; }
  double at(int64_t r, int64_t c) const {
    return prefix[r * (gridCols + 1) + c];
  }

  int64_t cellRows, cellCols, gridRows, gridCols;
  std::vector<double> prefix;
};

/// The largest cell every block of `hierarchies` is made of: the greatest
/// common divisor of their edges.
std::pair<int64_t, int64_t>
getCommonCell(llvm::ArrayRef<BlockShapes> hierarchies) {
  int64_t rows = 0, cols = 0;
  for (const BlockShapes &shapes : hierarchies)
    for (auto [br, bc] : shapes) {
      rows = std::gcd(rows, br);
      cols = std::gcd(cols, bc);
    }
  return {std::max<int64_t>(rows, 1), std::max<int64_t>(cols, 1)};
}

/// A kept block in matrix coordinates.
struct Block {
  int64_t row, col;
};

/// Picks the kept child columns of one block-row of a level from their
/// scores.
using ChooseFn = llvm::function_ref<llvm::SmallVector<int32_t>(
    size_t level, llvm::ArrayRef<double> scores)>;

/// Builds a mask level by level: every kept block of the level above (the
/// whole padded matrix, first) is cut into `shape` blocks and `choose`
/// picks the kept ones of every sub-row. With `balanced`, rows that keep
/// fewer blocks than the fullest row of their level get the lowest unkept
/// columns added before the next level is cut.
BlockMaskAttr buildMask(MLIRContext *context, int64_t rows, int64_t cols,
                        const BlockShapes &shapes, const BlockSums &sums,
                        ChooseFn choose, bool balanced) {
  llvm::SmallVector<MaskLevelAttr> levels;
  int64_t parentRows = 0, parentCols = 0;
  std::vector<Block> parents;
  for (auto [index, shape] : llvm::enumerate(shapes)) {
    auto [br, bc] = shape;
    if (index == 0) {
      parentRows = (rows + br - 1) / br * br;
      parentCols = (cols + bc - 1) / bc * bc;
      parents = {{0, 0}};
    }
    int64_t subRows = parentRows / br, numCols = parentCols / bc;
    std::vector<llvm::SmallVector<int32_t>> kept;
    std::vector<Block> rowOrigins;
    std::vector<double> scores(numCols);
    for (const Block &parent : parents)
      for (int64_t sub = 0; sub < subRows; ++sub) {
        int64_t row = parent.row + sub * br;
        for (int64_t c = 0; c < numCols; ++c)
          scores[c] = sums.sum(row, parent.col + c * bc, br, bc);
        kept.push_back(choose(index, scores));
        rowOrigins.push_back({row, parent.col});
      }
    if (balanced) {
      size_t keep = 0;
      for (const auto &row : kept)
        keep = std::max(keep, row.size());
      for (auto &row : kept)
        for (int32_t c = 0; row.size() < keep; ++c)
          if (!llvm::is_contained(row, c)) {
            row.insert(llvm::upper_bound(row, c), c);
          }
    }
    std::vector<Block> children;
    for (auto [row, origin] : llvm::zip(kept, rowOrigins))
      for (int32_t c : row)
        children.push_back({origin.row, origin.col + c * bc});
    levels.push_back(MaskLevelAttr::get(context, br, bc, kept));
    parents = std::move(children);
    parentRows = br;
    parentCols = bc;
  }
  return BlockMaskAttr::get(context, rows, cols, levels);
}

BlockShapes shapesOf(BlockMaskAttr mask) {
  BlockShapes shapes;
  for (MaskLevelAttr level : mask.getLevels())
    shapes.emplace_back(level.getBlockRows(), level.getBlockCols());
  return shapes;
}

} // namespace

BlockMaskAttr hcgs::pruneByEnergy(MLIRContext *context,
                                  const SharedMatrix &matrix,
                                  llvm::ArrayRef<LevelSpec> specs) {
  BlockShapes shapes;
  for (const LevelSpec &spec : specs)
    shapes.emplace_back(spec.blockRows, spec.blockCols);
  BlockSums energy(matrix, getCommonCell(shapes),
                   [](float w) { return double(w) * double(w); });
  auto choose = [&](size_t level, llvm::ArrayRef<double> scores) {
    int64_t n = scores.size();
    int64_t keep =
        std::clamp<int64_t>(std::lround(specs[level].keep * n), 1, n);
    llvm::SmallVector<int32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
      return scores[a] > scores[b];
    });
    order.resize(keep);
    llvm::sort(order);
    return order;
  };
  return buildMask(context, matrix.rows, matrix.cols, shapes, energy, choose,
                   /*balanced=*/true);
}

/// Keeps exactly the blocks with a non-zero weight.
static llvm::SmallVector<int32_t> keepNonZero(size_t,
                                              llvm::ArrayRef<double> counts) {
  llvm::SmallVector<int32_t> kept;
  for (auto [c, count] : llvm::enumerate(counts))
    if (count > 0)
      kept.push_back(c);
  return kept;
}

int64_t hcgs::getIndexBits(BlockMaskAttr mask) {
  int64_t bits = 0;
  int64_t choices = 0;
  for (auto [index, level] : llvm::enumerate(mask.getLevels())) {
    choices = index == 0
                  ? (mask.getCols() + level.getBlockCols() - 1) /
                        level.getBlockCols()
                  : mask.getLevels()[index - 1].getBlockCols() /
                        level.getBlockCols();
    // Each level's array is byte aligned, as the index memory holds it.
    bits += 8 * mc::packedBytes(static_cast<int64_t>(level.getKept().size()),
                                mc::getIndexFieldBits(choices));
  }
  return bits;
}

BlockMaskAttr hcgs::findStructure(MLIRContext *context,
                                  const SharedMatrix &matrix,
                                  llvm::ArrayRef<BlockShapes> candidates,
                                  int64_t weightBits) {
  BlockSums nonZeros(matrix, getCommonCell(candidates),
                     [](float w) { return int64_t(w != 0.0f); });
  BlockMaskAttr best;
  int64_t bestBits = 0;
  for (const BlockShapes &shapes : candidates) {
    BlockMaskAttr mask = buildMask(context, matrix.rows, matrix.cols, shapes,
                                   nonZeros, keepNonZero, /*balanced=*/true);
    // The accelerator stores whole blocks, padding included.
    MaskLevelAttr finest = mask.getLevels().back();
    int64_t stored = static_cast<int64_t>(finest.getKept().size()) *
                     finest.getBlockRows() * finest.getBlockCols();
    int64_t bits =
        stored * matrix.numSlices * weightBits + getIndexBits(mask);
    if (!best || bits < bestBits ||
        (bits == bestBits &&
         mask.getLevels().size() < best.getLevels().size())) {
      best = mask;
      bestBits = bits;
    }
  }
  return best;
}

BlockMaskAttr hcgs::balance(BlockMaskAttr mask) {
  if (mask.isBalanced())
    return mask;
  // Rebuild from the entries the mask keeps: a block is kept when it holds
  // one of them, and balancing then pads the short rows.
  std::vector<bool> bitmap = mask.toBitmap();
  std::vector<float> kept(bitmap.begin(), bitmap.end());
  SharedMatrix keptEntries{kept, 1, mask.getRows(), mask.getCols()};
  BlockShapes shapes = shapesOf(mask);
  BlockSums counts(keptEntries, getCommonCell(shapes),
                   [](float w) { return double(w); });
  return buildMask(mask.getContext(), mask.getRows(), mask.getCols(), shapes,
                   counts, keepNonZero, /*balanced=*/true);
}

//===----------------------------------------------------------------------===//
// Checking weights against a mask
//===----------------------------------------------------------------------===//

MaskedEnergy hcgs::measureEnergy(const SharedMatrix &matrix,
                                 BlockMaskAttr mask) {
  std::vector<bool> bitmap = mask.toBitmap();
  MaskedEnergy energy;
  for (int64_t s = 0; s < matrix.numSlices; ++s)
    for (int64_t r = 0; r < matrix.rows; ++r)
      for (int64_t c = 0; c < matrix.cols; ++c) {
        double w = matrix.at(s, r, c);
        energy.total += w * w;
        if (!bitmap[r * matrix.cols + c])
          energy.dropped += w * w;
      }
  return energy;
}

double hcgs::keptEnergyFraction(const SharedMatrix &matrix, BlockMaskAttr mask) {
  return measureEnergy(matrix, mask).getKeptFraction();
}

OutsideMask hcgs::nonZerosOutside(const SharedMatrix &matrix,
                                  BlockMaskAttr mask) {
  std::vector<bool> bitmap = mask.toBitmap();
  OutsideMask outside;
  for (int64_t s = 0; s < matrix.numSlices; ++s)
    for (int64_t r = 0; r < matrix.rows; ++r)
      for (int64_t c = 0; c < matrix.cols; ++c) {
        float w = matrix.at(s, r, c);
        if (w != 0.0f && !bitmap[r * matrix.cols + c]) {
          ++outside.count;
          outside.largest = std::max(outside.largest, std::fabs(w));
        }
      }
  return outside;
}

std::vector<float> hcgs::applyMask(const SharedMatrix &matrix,
                                   BlockMaskAttr mask) {
  std::vector<bool> bitmap = mask.toBitmap();
  std::vector<float> masked(matrix.data.begin(), matrix.data.end());
  for (int64_t s = 0; s < matrix.numSlices; ++s)
    for (int64_t r = 0; r < matrix.rows; ++r)
      for (int64_t c = 0; c < matrix.cols; ++c)
        if (!bitmap[r * matrix.cols + c])
          masked[(s * matrix.rows + r) * matrix.cols + c] = 0.0f;
  return masked;
}
