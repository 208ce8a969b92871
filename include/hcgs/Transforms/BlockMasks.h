//===- BlockMasks.h - find, impose and check HCGS masks ---------*- C++ -*-===//
//
// The algorithms behind block-mask legalization, on plain weight arrays:
// finding the HCGS structure that exact zeros in trained weights reveal,
// pruning dense weights to a given structure by block energy, balancing the
// block-rows, and checking weights against a mask.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_TRANSFORMS_BLOCKMASKS_H
#define HCGS_TRANSFORMS_BLOCKMASKS_H

#include "hcgs/Dialect/HCGS/HCGSAttrs.h"
#include "hcgs/Runtime/Target/Target.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace hcgs {

/// A weight matrix as its mask sees it: `numSlices` stacked `rows x cols`
/// slices sharing one mask (the four gates of an LSTM's W or R), row-major.
struct SharedMatrix {
  llvm::ArrayRef<float> data;
  int64_t numSlices = 1;
  int64_t rows = 0;
  int64_t cols = 0;

  float at(int64_t slice, int64_t row, int64_t col) const {
    return data[(slice * rows + row) * cols + col];
  }
};

/// One level of a requested structure: a block shape and the fraction of
/// blocks each block-row keeps.
struct LevelSpec {
  int64_t blockRows = 0;
  int64_t blockCols = 0;
  double keep = 1.0;
};

/// Parses `B1:K1,B2:K2,...` (a block size or ROWSxCOLS, then the kept
/// fraction per block-row in (0, 1]), e.g. `32:0.25,4:0.25`.
llvm::Expected<std::vector<LevelSpec>> parseLevelSpecs(llvm::StringRef text);

/// Prints specs back in the form parseLevelSpecs reads.
std::string formatLevelSpecs(llvm::ArrayRef<LevelSpec> specs);

/// The target's block sizes as messages list them: "4, 8, 16, 32, 64".
std::string formatBlockSizes(const Target &target);

/// Parses `text`, the value of `option` (e.g. "--hcgs"), and checks it
/// against the levels and block sizes `target` accepts. Errors are one line
/// starting with the option.
llvm::Expected<std::vector<LevelSpec>>
parseLevelSpecsFor(const Target &target, llvm::StringRef option,
                   llvm::StringRef text);

/// Keeps, level by level, the round(keep * n) blocks of every block-row with
/// the most weight energy (summed over the slices); ties go to the lower
/// column. Each block-row keeps at least one block.
BlockMaskAttr pruneByEnergy(mlir::MLIRContext *context,
                            const SharedMatrix &matrix,
                            llvm::ArrayRef<LevelSpec> specs);

/// A candidate hierarchy for findStructure: block shapes, coarsest first.
using BlockShapes = std::vector<std::pair<int64_t, int64_t>>;

/// Bits of the HCGS index of `mask` in the accelerator's format
/// (docs/ISA.md, section 7.2): per level, every block-row lists its kept
/// columns in ceil(log2(n)) bits each, n being the columns it chooses from;
/// each level's array starts on a byte.
int64_t getIndexBits(BlockMaskAttr mask);

/// Finds the structure the exact zeros of `matrix` reveal: among the
/// candidate hierarchies, the balanced mask that keeps every non-zero
/// weight and takes the fewest bits to store (the whole kept blocks of every
/// slice, padding included, at `weightBits`, plus the index); ties go to
/// fewer levels, then to the earlier candidate. Rows that keep fewer blocks than the fullest row of
/// their level keep extra (all-zero) blocks, so the result is balanced.
BlockMaskAttr findStructure(mlir::MLIRContext *context,
                            const SharedMatrix &matrix,
                            llvm::ArrayRef<BlockShapes> candidates,
                            int64_t weightBits);

/// Adds blocks (lowest columns first) to the block-rows that keep fewer
/// than the fullest row of their level, so every level is balanced. The
/// result keeps a superset of `mask`.
BlockMaskAttr balance(BlockMaskAttr mask);

/// The weight energy (sum of squares) of a matrix, and the part a mask drops.
struct MaskedEnergy {
  double total = 0.0, dropped = 0.0;
  /// 1 - dropped / total: exactly 1 when the mask drops only zeros, and for
  /// an all-zero matrix.
  double getKeptFraction() const {
    return total == 0.0 ? 1.0 : 1.0 - dropped / total;
  }
};
MaskedEnergy measureEnergy(const SharedMatrix &matrix, BlockMaskAttr mask);

/// Sum of squares of the weights `mask` keeps, over that of all weights
/// (1 for an all-zero matrix).
double keptEnergyFraction(const SharedMatrix &matrix, BlockMaskAttr mask);

/// Weights outside `mask` that are not exactly zero.
struct OutsideMask {
  int64_t count = 0;
  float largest = 0.0f;
};
OutsideMask nonZerosOutside(const SharedMatrix &matrix, BlockMaskAttr mask);

/// Copies `matrix` with every weight outside `mask` set to zero.
std::vector<float> applyMask(const SharedMatrix &matrix, BlockMaskAttr mask);

} // namespace hcgs

#endif // HCGS_TRANSFORMS_BLOCKMASKS_H
