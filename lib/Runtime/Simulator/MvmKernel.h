//===- MvmKernel.h - an mvm's HCGS matrix, decoded for speed ----*- C++ -*-===//
//
// The simulator decodes each distinct mvm matrix once: it walks the HCGS
// index (docs/ISA.md 7.2, 7.3) to the kept finest blocks, reads the weight
// stream (7.4) and stores the blocks grouped by block-row, each block's
// weights in the order the multiply kernels read them:
//
//   for each pair of block columns p (a block of odd width gets a zero
//   column), for each result row i = g * BR + rr of the block's row-sets,
//   the two weights W(g, rr, 2p) and W(g, rr, 2p + 1).
//
// Multiplying sums, for every block-row ("group"), the products of its
// blocks into one segment of G * BR partial sums: every row-set's rows of
// that block-row. Integer addition is exact and associative, so the order
// (grouped, paired) does not change the result; the sums are int32 when a
// bound on the row sums proves it exact, int64 otherwise.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_RUNTIME_SIMULATOR_MVMKERNEL_H
#define HCGS_LIB_RUNTIME_SIMULATOR_MVMKERNEL_H

#include "hcgs/Runtime/MachineCode/Program.h"

#include <cstdint>
#include <vector>

namespace hcgs::sim {

class MvmKernel {
public:
  /// Groups (block-rows of the finest level) [begin, end); the default is
  /// all of them. Kernels over disjoint ranges write disjoint sums and rows,
  /// so ranges can run on different threads.
  struct GroupRange {
    int64_t begin, end; // end -1: to the last group
  };

  /// Decodes the matrix of a verified `mvm` from the weight and index
  /// memories, each padded with 8 readable bytes past the last field.
  /// `vectorKernels` lets multiply use the SIMD kernels the machine has.
  MvmKernel(const mc::enc::MvmInst &mvm, const mc::MvmShape &shape,
            const Target &target, const uint8_t *weightMemory,
            const uint8_t *indexMemory, bool vectorKernels);

  /// An upper bound of the bytes the kernel of `mvm` takes while it is built
  /// and after, computed before anything is allocated.
  static int64_t estimateBytes(const mc::enc::MvmInst &mvm,
                               const mc::MvmShape &shape);

  /// Columns of the matrix; the input vector passed to multiply needs
  /// getInputSize() elements, zero from column x_len on.
  int64_t getNumColumns() const { return numColumns; }
  int64_t getInputSize() const { return numColumns + 1; }
  /// Partial sums multiply writes.
  int64_t getNumSums() const { return numGroups * segment; }
  /// The sum of row `row` of row-set `gate` is at
  /// (row / BR) * getSegment() + gate * BR + row % BR, BR = getBlockRows().
  int64_t getBlockRows() const { return blockRows; }
  int64_t getSegment() const { return segment; }
  /// Rows of one row-set, padding included.
  int64_t getNumRows() const { return numGroups * blockRows; }
  /// Copies sums into row order: row r of row-set g to rows[g *
  /// getNumRows() + r].
  void unpackRows(const int32_t *sums, int32_t *rows,
                  GroupRange groups = {0, -1}) const;
  /// multiply(int32) then unpackRows, in one pass where a kernel can;
  /// `scratch` holds getNumSums() sums otherwise.
  void multiplyRows(const int16_t *x, int32_t *rows, int32_t *scratch,
                    GroupRange groups = {0, -1}) const;
  /// Whether multiply(int32) is exact: no sum of products can leave int32.
  bool fitsInt32() const { return exactInInt32; }

  /// Kept finest blocks.
  int64_t getNumBlocks() const {
    return static_cast<int64_t>(blockColumn.size());
  }
  /// Weights in the stream: G * K.
  int64_t getNumWeights() const {
    return getNumBlocks() * gates * blockRows * blockCols;
  }

  /// sums = W * x, over the whole padded matrix (its groups in `groups`).
  /// The int32 form requires fitsInt32().
  void multiply(const int16_t *x, int32_t *sums, GroupRange groups = {0, -1}) const;
  void multiply(const int16_t *x, int64_t *sums, GroupRange groups = {0, -1}) const;

  /// The portable kernels, which multiply uses when the machine has no
  /// faster one for this shape; tests compare the two.
  void multiplyPortable(const int16_t *x, int32_t *sums,
                        GroupRange groups = {0, -1}) const;
  void multiplyPortable(const int16_t *x, int64_t *sums,
                        GroupRange groups = {0, -1}) const;

  /// Groups of the finest level.
  int64_t getNumGroups() const { return numGroups; }
  /// Cuts [0, getNumGroups()] into `parts` ranges of about equal work (kept
  /// blocks): range p is [cuts[p], cuts[p + 1]).
  std::vector<int64_t> splitGroups(int64_t parts) const;

private:
  GroupRange resolve(GroupRange groups) const {
    if (groups.end < 0)
      groups.end = numGroups;
    return groups;
  }
  template <typename Sum>
  void multiplyGeneric(const int16_t *x, Sum *sums, GroupRange groups) const;

  int64_t gates, blockRows, blockCols, pairs;
  int64_t segment;   // gates * blockRows: sums per group
  int64_t numGroups; // block-rows of the finest level
  int64_t numColumns;
  bool exactInInt32 = false;
  /// Blocks of group g: [groupBegin[g], groupBegin[g + 1]).
  std::vector<uint32_t> groupBegin;
  /// Each block's first column, in group order.
  std::vector<uint32_t> blockColumn;
  /// pairs * segment * 2 weights per block, in group order.
  std::vector<int16_t> weights;
  /// The fastest kernel the machine has for int32 sums, or null; and one
  /// that writes them in row order, or null.
  using Kernel = void (*)(const MvmKernel &, const int16_t *, int32_t *,
                         int64_t firstGroup, int64_t endGroup);
  Kernel fastKernel = nullptr, rowKernel = nullptr;
  /// For rowKernel: where each quarter of a segment goes, from the group's
  /// first row.
  std::vector<int32_t> quarterRows;

  friend struct MvmKernelAccess;
};

} // namespace hcgs::sim

#endif // HCGS_LIB_RUNTIME_SIMULATOR_MVMKERNEL_H
