//===- Lowering.h - what every part of hcgs-lower-to-isa shares -*- C++ -*-===//
//
// The lowering carries out the plan: it writes parameters into the memory
// images at the addresses of the memory map and appends instructions to the
// segments of the schedule. Each layer kind has its own file (LowerLSTM,
// LowerFC, LowerDataMovement); the mvm is emitted in one place, here.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_CONVERSION_HCGSTOISA_LOWERING_H
#define HCGS_LIB_CONVERSION_HCGSTOISA_LOWERING_H

#include "Layers.h"
#include "Plan.h"

#include "hcgs/Runtime/MachineCode/Encoding.h"

#include <vector>

namespace hcgs::lower {

namespace enc = mc::enc;

/// The instructions of one segment: before its loop, in it, after it (a
/// segment without a loop runs them in that order too).
struct SegmentCode {
  std::vector<enc::Instruction> prologue, body, epilogue;
  /// Set by the segment's LSTMs: the length registers they need (the run's
  /// T when `lengths` is null).
  bool hasLSTM = false;
  mlir::Value lengths;
  enc::SetLenInst setlen;
};

/// Batch entries [first, first + count) of a tensor, run as length
/// registers [start, start + count).
struct BatchSlice {
  int64_t first, count, start;
};

/// A matrix tile's place in the memories.
struct TileAddresses {
  int64_t weights = 0, index = 0, shifts = 0;
};

class Lowering {
public:
  Lowering(mlir::func::FuncOp main, const Target &target, MemoryMap map,
           llvm::DenseMap<mlir::Value, ValueViews> views, int64_t numSegments)
      : main(main), target(target), map(std::move(map)),
        views(std::move(views)), code(numSegments),
        tiesToEven(target.rounding == Rounding::NearestEven) {}

  mlir::func::FuncOp main;
  const Target &target;
  MemoryMap map;
  llvm::DenseMap<mlir::Value, ValueViews> views;
  std::vector<SegmentCode> code;
  std::vector<uint8_t> weightImage, indexImage, paramImage;
  bool tiesToEven;

  /// The segment's code, or failure with an error at `op`.
  mlir::FailureOr<SegmentCode *> getSegment(mlir::Operation *op,
                                            int64_t segment);

  /// Writes `bytes` at `address` of a parameter memory image.
  void writeImage(isa::Memory memory, int64_t address,
                  llvm::ArrayRef<uint8_t> bytes);
  /// Looks up `name` in the memory map and writes `bytes` there; returns
  /// its address.
  mlir::FailureOr<int64_t> writeParameter(mlir::Operation *op,
                                          llvm::StringRef name,
                                          isa::Memory memory,
                                          llvm::ArrayRef<uint8_t> bytes);

  /// Where a reader finds `value`: every step in IOM if it is stored there,
  /// else the current step in AMEM.
  mlir::FailureOr<View> readView(mlir::Operation *reader, mlir::Value value);

  /// Packs a tile of `matrix` (weights from `values`, the weight tensor
  /// row-major) and its row shifts at the memory map's `<prefix>`,
  /// `<prefix>.index` and `<prefix>.shifts`.
  mlir::FailureOr<TileAddresses>
  packTile(mlir::Operation *op, llvm::StringRef prefix, const Matrix &matrix,
           const MatrixTile &tile, llvm::ArrayRef<float> values);

  /// Packs a vector of signed `bits`-bit fields at `name`; returns its
  /// address.
  mlir::FailureOr<int64_t> packVector(mlir::Operation *op, llvm::StringRef name,
                                      llvm::ArrayRef<int64_t> values,
                                      int64_t bits);

  /// The mvm of a tile for one batch slice: `x` (`xLen` elements, moved to
  /// the slice's first entry by the caller) times the tile into `acc`.
  void emitMvm(std::vector<enc::Instruction> &out, const MatrixTile &tile,
               const TileAddresses &addresses, const VecRef &x, int64_t xLen,
               const VecRef &acc, bool accumulate,
               std::optional<enc::PVec> bias, const BatchSlice &slice);

  /// Copies `src` to `dst` (equal shapes) with a power-of-two rescale, as
  /// few moves as their strides allow. Fails with an error at `op` if they
  /// cannot be walked together.
  mlir::LogicalResult emitCopy(std::vector<enc::Instruction> &out,
                               mlir::Operation *op, const View &src,
                               const View &dst, int64_t shift);

  /// Slices of `batch` entries of at most `tile` (and max_batch) entries
  /// that do not cross a group of max_batch length registers.
  std::vector<BatchSlice> getBatchSlices(int64_t batch, int64_t tile) const;

  /// The code of a constant in `format`.
  int64_t toCode(FixedPointAttr format, double value, int64_t row = 0) const {
    return format.toCode(value, row, tiesToEven);
  }
};

/// Lowers one layer or copy into its segment's code.
mlir::LogicalResult lowerLSTM(Lowering &lowering, const LSTMLayer &layer,
                              const Schedule &schedule);
mlir::LogicalResult lowerFC(Lowering &lowering, const FCLayer &layer,
                            const Schedule &schedule);
mlir::LogicalResult lowerConcat(Lowering &lowering, ConcatOp concat,
                                const Schedule &schedule);
mlir::LogicalResult lowerOutputCopy(Lowering &lowering, unsigned result,
                                    const Schedule &schedule);

} // namespace hcgs::lower

#endif // HCGS_LIB_CONVERSION_HCGSTOISA_LOWERING_H
