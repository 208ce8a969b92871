//===- MvmShape.h - the HCGS structure of an mvm ----------------*- C++ -*-===//
//
// The shape an mvm's fields describe (docs/ISA.md 7.1), which the checks,
// the cost model, the compiler's weight packing and the simulator's decoder
// all read, and the packed sizes of fields (2.2).
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_RUNTIME_MACHINECODE_MVMSHAPE_H
#define HCGS_RUNTIME_MACHINECODE_MVMSHAPE_H

#include "hcgs/Runtime/MachineCode/Encoding.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hcgs::mc {

/// The HCGS structure an mvm walks (docs/ISA.md 7.1).
struct MvmShape {
  struct Level {
    int64_t blockRows, blockCols, keep;
    int64_t choices;    // n_l: block columns a block-row chooses from
    int64_t fieldBits;  // w_l: bits per index entry
    int64_t numRows;    // NR_l: block-rows
    int64_t indexBits;  // this level's fields: NR_l * keep * w_l
    int64_t indexBytes; // this level's array, byte aligned
  };
  std::vector<Level> levels;
  int64_t rows = 0, cols = 0; // the padded matrix of one row-set
  int64_t numBlocks = 0;      // NB: kept finest blocks
  int64_t weightsPerGate = 0; // K
  int64_t indexBits = 0;      // all levels' fields: what an mvm reads
  int64_t indexBytes = 0;     // all levels' arrays: what the index takes
  /// IMEM byte offset of each level's array from the index address.
  std::vector<int64_t> levelOffsets;
};

/// The bits of one index entry of a level whose block-rows choose among
/// `choices` block columns (w_l of docs/ISA.md 7.1; 0 for one choice).
int64_t getIndexFieldBits(int64_t choices);

/// Computes the shape; returns "" or why the fields describe none.
std::string getMvmShape(const enc::MvmInst &mvm, MvmShape &shape);

/// Bytes that `count` fields of `bits` bits take, packed (docs/ISA.md 2.2);
/// counts too large for int64 give a size past every memory.
int64_t packedBytes(int64_t count, int64_t bits);

} // namespace hcgs::mc

#endif // HCGS_RUNTIME_MACHINECODE_MVMSHAPE_H
