//===- WeightPacking.cpp - HCGS weight streams and indexes ----------------===//

#include "WeightPacking.h"

#include "hcgs/Runtime/MachineCode/Program.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>

using namespace hcgs;
using namespace hcgs::lower;
namespace enc = hcgs::mc::enc;

namespace {
/// Appends fields LSB first to a byte vector (docs/ISA.md 2.2).
class BitStream {
public:
  explicit BitStream(std::vector<uint8_t> &bytes) : bytes(bytes) {}
  /// Appends the low `bits` bits of `value`, as many at a time as the
  /// current byte takes.
  void write(int64_t value, int64_t bits) {
    uint64_t raw = static_cast<uint64_t>(value);
    for (int64_t done = 0; done < bits;) {
      int64_t offset = position % 8;
      if (offset == 0)
        bytes.push_back(0);
      int64_t take = std::min<int64_t>(8 - offset, bits - done);
      uint64_t chunk = (raw >> done) & ((uint64_t(1) << take) - 1);
      bytes.back() |= static_cast<uint8_t>(chunk << offset);
      done += take;
      position += take;
    }
  }
  /// The next field starts on a byte.
  void align() { position = (position + 7) / 8 * 8; }

private:
  std::vector<uint8_t> &bytes;
  int64_t position = 0;
};

} // namespace

std::string lower::makeMatrixTile(BlockMaskAttr mask, int64_t gates,
                                  int64_t rowBegin, int64_t rowEnd,
                                  const Target &target, MatrixTile &tile) {
  llvm::ArrayRef<MaskLevelAttr> levels = mask.getLevels();
  if (static_cast<int64_t>(levels.size()) > target.hcgsMaxLevels)
    return "its mask has " + std::to_string(levels.size()) +
           " levels, the target's hcgs_max_levels is " +
           std::to_string(target.hcgsMaxLevels);
  tile = MatrixTile();
  tile.fields.gates = static_cast<uint32_t>(gates);
  for (auto [index, level] : llvm::enumerate(levels)) {
    std::optional<int64_t> keep = level.getBalancedKeep();
    if (!keep)
      return "level " + std::to_string(index) +
             " of its mask keeps different numbers of blocks per row "
             "(run hcgs-legalize-masks)";
    for (int64_t edge : {level.getBlockRows(), level.getBlockCols()})
      if (!target.supportsBlockSize(edge))
        return "level " + std::to_string(index) + " of its mask uses " +
               std::to_string(level.getBlockRows()) + "x" +
               std::to_string(level.getBlockCols()) +
               " blocks, which the target's hcgs_block_sizes lacks";
    tile.fields.levels.push_back(
        enc::Level{static_cast<uint32_t>(level.getBlockRows()),
                   static_cast<uint32_t>(level.getBlockCols()),
                   static_cast<uint32_t>(*keep)});
  }
  int64_t blockRows = levels[0].getBlockRows();
  tile.blockBegin = rowBegin / blockRows;
  tile.blockEnd = llvm::divideCeilSigned(rowEnd, blockRows);
  tile.rowBegin = rowBegin;
  tile.rows = rowEnd - rowBegin;
  tile.fields.rows = static_cast<uint32_t>(tile.rows);
  tile.fields.rowBlocks =
      static_cast<uint32_t>(tile.blockEnd - tile.blockBegin);
  tile.fields.colBlocks = static_cast<uint32_t>(
      llvm::divideCeilSigned(mask.getCols(), levels[0].getBlockCols()));
  if (std::string problem = enc::checkFieldRanges(tile.fields);
      !problem.empty())
    return "its tile of " + std::to_string(tile.rows) + " rows: " + problem;
  if (std::string problem = mc::getMvmShape(tile.fields, tile.shape);
      !problem.empty())
    return problem;
  tile.weightBytes =
      mc::packedBytes(gates * tile.shape.weightsPerGate, target.weightBits);
  tile.indexBytes = tile.shape.indexBytes;
  return "";
}

void lower::packMatrixTile(BlockMaskAttr mask, const MatrixTile &tile,
                           int64_t weightBits, WeightCodeFn code,
                           std::vector<uint8_t> &weights,
                           std::vector<uint8_t> &index) {
  // A kept block: its position (rows from the tile's first row) and its
  // entry in its level's kept list.
  struct Block {
    int64_t row, col, entry;
  };
  llvm::ArrayRef<MaskLevelAttr> levels = mask.getLevels();
  BitStream indexBits(index);
  std::vector<Block> blocks;
  for (auto [l, level] : llvm::enumerate(levels)) {
    int64_t fieldBits = tile.shape.levels[l].fieldBits;
    int64_t br = level.getBlockRows(), bc = level.getBlockCols();
    llvm::ArrayRef<int32_t> offsets = level.getOffsets();
    std::vector<Block> next;
    auto keepRow = [&](int64_t globalRow, int64_t row0, int64_t col0) {
      for (auto [k, column] : llvm::enumerate(level.getKeptInRow(globalRow))) {
        indexBits.write(column, fieldBits);
        next.push_back({row0, col0 + column * bc,
                        offsets[globalRow] + static_cast<int64_t>(k)});
      }
    };
    if (l == 0) {
      for (int64_t row = tile.blockBegin; row < tile.blockEnd; ++row)
        keepRow(row, (row - tile.blockBegin) * br, 0);
    } else {
      int64_t subRows = levels[l - 1].getBlockRows() / br;
      for (const Block &parent : blocks)
        for (int64_t sub = 0; sub < subRows; ++sub)
          keepRow(parent.entry * subRows + sub, parent.row + sub * br,
                  parent.col);
    }
    indexBits.align();
    blocks = std::move(next);
  }

  const MaskLevelAttr &finest = levels.back();
  int64_t br = finest.getBlockRows(), bc = finest.getBlockCols();
  int64_t gates = tile.fields.gates;
  BitStream weightStream(weights);
  for (const Block &block : blocks)
    for (int64_t gate = 0; gate < gates; ++gate)
      for (int64_t rr = 0; rr < br; ++rr)
        for (int64_t cc = 0; cc < bc; ++cc) {
          int64_t row = block.row + rr, col = block.col + cc;
          bool inside = row < tile.rows && col < mask.getCols();
          weightStream.write(inside ? code(gate, tile.rowBegin + row, col) : 0,
                             weightBits);
        }
}

void lower::packFields(llvm::ArrayRef<int64_t> values, int64_t bits,
                       std::vector<uint8_t> &bytes) {
  BitStream stream(bytes);
  for (int64_t value : values)
    stream.write(value, bits);
}
