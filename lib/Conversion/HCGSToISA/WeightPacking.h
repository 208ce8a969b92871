//===- WeightPacking.h - HCGS weight streams and indexes --------*- C++ -*-===//
//
// A weight matrix as mvm instructions multiply it (docs/ISA.md section 7):
// `gates` row-sets sharing one balanced HCGS mask, cut into tiles of whole
// level-0 block-rows. For each tile this gives the mvm's structural fields,
// the bytes its weight stream and index take, and the packed bytes
// themselves: the index level by level, each level's array from a byte
// boundary, and the kept finest blocks' weights in the index's walk order,
// every row-set's block in turn.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_CONVERSION_HCGSTOISA_WEIGHTPACKING_H
#define HCGS_LIB_CONVERSION_HCGSTOISA_WEIGHTPACKING_H

#include "hcgs/Dialect/HCGS/HCGSAttrs.h"
#include "hcgs/Runtime/MachineCode/Program.h"
#include "hcgs/Runtime/Target/Target.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hcgs::lower {

/// Rows [rowBegin, rowBegin + rows) of a matrix: level-0 block-rows
/// [blockBegin, blockEnd).
struct MatrixTile {
  int64_t blockBegin = 0, blockEnd = 0;
  int64_t rowBegin = 0, rows = 0;
  /// gates, rows, rowBlocks, colBlocks and levels of the mvm.
  mc::enc::MvmInst fields;
  mc::MvmShape shape;
  int64_t weightBytes = 0, indexBytes = 0;
};

/// The tile of `mask` (shared by `gates` row-sets) holding matrix rows
/// [rowBegin, rowEnd), which must start and end on level-0 block-rows (or at
/// the matrix's end). Returns "" or why the target cannot hold it.
std::string makeMatrixTile(BlockMaskAttr mask, int64_t gates, int64_t rowBegin,
                           int64_t rowEnd, const Target &target,
                           MatrixTile &tile);

/// The code of the weight of row-set `gate` at matrix row `row`, column
/// `col` (inside the matrix).
using WeightCodeFn =
    llvm::function_ref<int64_t(int64_t gate, int64_t row, int64_t col)>;

/// Packs the tile's weight stream (`weightBits` per weight) and index.
void packMatrixTile(BlockMaskAttr mask, const MatrixTile &tile,
                    int64_t weightBits, WeightCodeFn code,
                    std::vector<uint8_t> &weights, std::vector<uint8_t> &index);

/// Appends `values` as fields of `bits` bits, least significant first
/// (docs/ISA.md 2.2), to a byte-aligned stream.
void packFields(llvm::ArrayRef<int64_t> values, int64_t bits,
                std::vector<uint8_t> &bytes);

} // namespace hcgs::lower

#endif // HCGS_LIB_CONVERSION_HCGSTOISA_WEIGHTPACKING_H
