//===- MvmShape.cpp - the HCGS structure an mvm walks ---------------------===//

#include "hcgs/Runtime/MachineCode/MvmShape.h"

#include "Sizes.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

using namespace hcgs;
using namespace hcgs::mc;
using namespace hcgs::mc::detail;
using llvm::enumerate;

int64_t mc::getIndexFieldBits(int64_t choices) {
  int64_t bits = 0;
  while (bits < 63 && (int64_t(1) << bits) < choices)
    ++bits;
  return bits;
}

std::string mc::getMvmShape(const enc::MvmInst &mvm, MvmShape &shape) {
  shape = MvmShape();
  if (mvm.levels.empty() || mvm.levels.size() > 4)
    return "needs 1 to 4 levels, got " + str(mvm.levels.size());
  if (mvm.rowBlocks == 0 || mvm.colBlocks == 0)
    return "the grid needs at least one block-row and one block column";
  int64_t offset = 0;
  for (const auto &[index, level] : enumerate(mvm.levels)) {
    MvmShape::Level out;
    out.blockRows = level.rows;
    out.blockCols = level.cols;
    out.keep = level.keep;
    if (index == 0) {
      out.choices = mvm.colBlocks;
      out.numRows = mvm.rowBlocks;
    } else {
      const MvmShape::Level &parent = shape.levels.back();
      if (out.blockRows > parent.blockRows ||
          out.blockCols > parent.blockCols ||
          parent.blockRows % out.blockRows || parent.blockCols % out.blockCols)
        return "level " + str(index) + "'s " + str(out.blockRows) + "x" +
               str(out.blockCols) + " blocks do not divide level " +
               str(index - 1) + "'s " + str(parent.blockRows) + "x" +
               str(parent.blockCols) + " blocks";
      out.choices = parent.blockCols / out.blockCols;
      out.numRows = mulCapped(mulCapped(parent.numRows, parent.keep),
                              parent.blockRows / out.blockRows);
    }
    if (out.keep < 1 || out.keep > out.choices)
      return "level " + str(index) + " keeps " + str(out.keep) +
             " blocks per block-row, must be 1 to " + str(out.choices);
    out.fieldBits = getIndexFieldBits(out.choices);
    out.indexBits =
        mulCapped(mulCapped(out.numRows, out.keep), out.fieldBits);
    out.indexBytes = ceilDiv(out.indexBits, 8);
    shape.levelOffsets.push_back(offset);
    offset = std::min(offset + out.indexBytes, kTooLarge);
    shape.indexBits = std::min(shape.indexBits + out.indexBits, kTooLarge);
    shape.levels.push_back(out);
  }
  const MvmShape::Level &first = shape.levels.front(),
                        &last = shape.levels.back();
  shape.rows = mulCapped(mvm.rowBlocks, first.blockRows);
  shape.cols = mulCapped(mvm.colBlocks, first.blockCols);
  shape.numBlocks = mulCapped(last.numRows, last.keep);
  shape.weightsPerGate =
      mulCapped(shape.numBlocks, mulCapped(last.blockRows, last.blockCols));
  shape.indexBytes = offset;
  // With today's field widths K stays below 2^38; this guards a widening.
  if (shape.weightsPerGate >= kTooLarge || shape.indexBytes >= kTooLarge)
    return "the HCGS levels describe a matrix too large to store";
  return "";
}

int64_t mc::packedBytes(int64_t count, int64_t bits) {
  return ceilDiv(mulCapped(count, bits), 8);
}
