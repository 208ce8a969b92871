//===- Views.h - tensors as strided views of memory -------------*- C++ -*-===//
//
// Where a tensor lives on the accelerator: a base word in IOM or AMEM and,
// for each logical dimension, one or more axes (size and stride in words),
// outermost first. A transpose, a reshape or a slice is a view of its
// operand, so most data movement between layers is addressing
// (docs/ISA.md 11.4); a concatenation is its inputs written into slots of
// one buffer.
//
// A time axis is the sequence dimension. In IOM it holds every step and an
// instruction in a loop addresses it with the step; in AMEM a view holds one
// step (the value of the current iteration) and the axis has stride 0.
//
// The plan stores views as #hcgs_isa.view attributes (Plan.h converts);
// `io[448] [t?:440][1:440][440:1]` is a tensor at IOM word 448 with a
// dynamic time dimension of stride 440, then a dimension of size 1 and one
// of 440 contiguous words; a dimension of two axes prints as `[2:64,32:1]`.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_CONVERSION_HCGSTOISA_VIEWS_H
#define HCGS_LIB_CONVERSION_HCGSTOISA_VIEWS_H

#include "hcgs/Dialect/ISA/ISAAttrs.h"
#include "hcgs/Runtime/MachineCode/Encoding.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>

namespace hcgs::lower {

using mc::enc::MemSpace;
using mc::enc::TimeMode;
using mc::enc::VecRef;

/// One axis: its size (kDynamicSize: the run's sequence length), stride
/// in words, and whether it is the time axis.
using Axis = isa::ViewAxis;
constexpr int64_t kDynamicSize = Axis::kDynamic;

/// The axes of one logical dimension, outermost first.
using Dim = llvm::SmallVector<Axis, 1>;

struct View {
  MemSpace space = MemSpace::IO;
  int64_t base = 0;
  llvm::SmallVector<Dim, 4> dims;

  int64_t getRank() const { return static_cast<int64_t>(dims.size()); }
  /// The extent of `dim`, kDynamicSize if it has a dynamic axis.
  int64_t getDimSize(int64_t dim) const;
  /// Whether a dimension holds a time axis.
  bool hasTimeAxis() const;
  bool operator==(const View &other) const {
    return space == other.space && base == other.base && dims == other.dims;
  }
  bool operator!=(const View &other) const { return !(*this == other); }
};

/// Words of a row-major tensor of `shape` with dynamic dimensions at
/// `maxSeqLen`, saturating at 2^40.
int64_t getDenseWords(llvm::ArrayRef<int64_t> shape, int64_t maxSeqLen);

/// The row-major layout of `shape` from `base`, dynamic dimensions at
/// `maxSeqLen` steps; `timeDim` (and every dynamic dimension) is a time
/// axis.
View makeDenseView(MemSpace space, int64_t base, llvm::ArrayRef<int64_t> shape,
                   std::optional<int64_t> timeDim, int64_t maxSeqLen);

/// One time step of `shape` in AMEM: row-major over the other dimensions,
/// the time dimension of stride 0.
View makeStepView(int64_t base, llvm::ArrayRef<int64_t> shape, int64_t timeDim);

/// Words a step view of `shape` takes (every dimension but `timeDim`).
int64_t getStepWords(llvm::ArrayRef<int64_t> shape, int64_t timeDim);

/// Output dimension i is input dimension `permutation[i]`.
View transposeView(const View &view, llvm::ArrayRef<int64_t> permutation);

/// The same elements in row-major order with the dimensions of `shape` (one
/// of which may be kDynamicSize); std::nullopt when a new dimension would
/// cut an axis in a way strides cannot express.
std::optional<View> reshapeView(const View &view,
                                llvm::ArrayRef<int64_t> shape);

/// Element j of dimension d is element offsets[d] + j * steps[d] of the
/// input; `shape` gives the counts (kDynamicSize: the whole dynamic
/// dimension). Part of a static time dimension is no longer time.
/// std::nullopt when that is not a strided view (a window of a dimension
/// made of several axes, or of a dynamic dimension).
std::optional<View> sliceView(const View &view, llvm::ArrayRef<int64_t> offsets,
                              llvm::ArrayRef<int64_t> steps,
                              llvm::ArrayRef<int64_t> shape);

/// Index `index` of dimension `dim`, that dimension removed.
std::optional<View> selectView(const View &view, int64_t dim, int64_t index);

/// Whether two views of equal shapes address the same words element by
/// element (however their axes are cut).
bool sameLayout(const View &a, const View &b);

//===----------------------------------------------------------------------===//
// Instruction operands
//===----------------------------------------------------------------------===//

/// How the vector elements of an operand are addressed: a chunked(j) of
/// docs/ISA.md 4.1, from the axes of the element dimension.
struct Elements {
  int64_t chunk = 0, chunkStride = 0;
};

/// The element addressing of `axes` (outermost first), or std::nullopt if
/// chunked addressing cannot walk them.
std::optional<Elements> getElements(llvm::ArrayRef<Axis> axes);

/// Moves an operand `offset` elements along its element addressing, or
/// returns false if the offset does not fall on a chunk boundary (or inside
/// the first chunk when `count` elements stay in it).
bool offsetElements(VecRef &ref, int64_t offset, int64_t count);

/// The axes of several views walked together: one instruction per index of
/// the `outer` axes, entries of `batch`, steps of `time`. Strides are per
/// view, in the order the views were given.
struct PairedAxis {
  int64_t size = 1;
  llvm::SmallVector<int64_t, 2> strides;
  bool time = false;
};
struct RowWalk {
  std::optional<PairedAxis> time;
  PairedAxis batch;
  llvm::SmallVector<PairedAxis, 2> outer;
  /// Instructions per step: the product of the outer sizes.
  int64_t getNumOuter() const;
  /// The word offset of each view for outer index `index` (row-major over
  /// the outer axes).
  llvm::SmallVector<int64_t, 2> getOuterOffsets(int64_t index) const;
};

/// Pairs the axes of the first `numDims` dimensions of `views` (equal
/// extents), refining each so they cut alike, and groups them into a
/// RowWalk: the innermost axis that is not time is the batch, the time axis
/// the step, the rest unrolled; adjacent axes merge when every view allows.
/// std::nullopt if the views cannot be cut alike.
std::optional<RowWalk> walkRows(llvm::ArrayRef<const View *> views,
                                int64_t numDims);

/// Pairs every dimension of `src` and `dst` (equal shapes) and splits off
/// the innermost axis that is not time as the vector: `elements` gets its
/// size, each view's VecRef element addressing is set in `srcRef`/`dstRef`
/// (base, space, chunk), and the rest is returned as a RowWalk.
struct CopyWalk {
  RowWalk rows;
  int64_t count = 1;
  VecRef src, dst;
};
std::optional<CopyWalk> walkCopy(const View &src, const View &dst);

/// The VecRef of `view` for an instruction walking `batch` (per-view stride
/// `batchStride`), the time axis (`timeStride`, used only in IOM, with
/// `mode`), and `elements`.
VecRef makeRef(const View &view, int64_t baseOffset, int64_t batchStride,
               std::optional<int64_t> timeStride, TimeMode mode,
               const Elements &elements);

/// The VecRef of a tensor whose dimension `elementDim` is the vector,
/// `batchDim` (if any) the batch and `timeDim` (if any) the time step
/// (addressed with `mode` in IOM). Every other dimension must have one
/// element. std::nullopt if the batch or time dimension is not one axis or
/// the elements not chunked.
std::optional<VecRef> makeTensorRef(const View &view,
                                    std::optional<int64_t> timeDim,
                                    std::optional<int64_t> batchDim,
                                    int64_t elementDim, TimeMode mode);

} // namespace hcgs::lower

#endif // HCGS_LIB_CONVERSION_HCGSTOISA_VIEWS_H
