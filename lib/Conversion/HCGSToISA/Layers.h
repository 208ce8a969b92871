//===- Layers.h - what the accelerator needs to know of a layer -*- C++ -*-===//
//
// The facts about an hcgs.lstm or hcgs.fc that planning and lowering both
// use, read once from the op and checked against the target: sizes, the
// fixed-point formats of every signal, each matrix's mask, the shifts that
// bring products to the accumulator format, and the lookup tables. A layer
// the target cannot run gets an error naming it.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_CONVERSION_HCGSTOISA_LAYERS_H
#define HCGS_LIB_CONVERSION_HCGSTOISA_LAYERS_H

#include "LookupTables.h"
#include "Views.h"
#include "WeightPacking.h"

#include "hcgs/Dialect/HCGS/HCGSOps.h"
#include "hcgs/Runtime/Target/Target.h"

#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <string>

namespace hcgs::lower {

/// A tensor value's shape, kDynamicSize for a dynamic dimension.
llvm::SmallVector<int64_t> getTensorShape(mlir::Value value);

/// The format of a tensor value's codes: a model input's `hcgs.format`, a
/// layer result's from its quant attribute; data movement keeps its
/// operand's, and a concatenation takes its input format of widest range
/// (as hcgs-quantize chose). Null if the value has none.
FixedPointAttr getValueFormat(mlir::Value value);

/// Which dimension of a value is its sequence (time) dimension: the dynamic
/// dimension of a model input, the sequence dimension of an LSTM's Y, and
/// wherever data movement and fc carry it. Results are cached.
class TimeDims {
public:
  std::optional<int64_t> get(mlir::Value value);

private:
  llvm::DenseMap<mlir::Value, std::optional<int64_t>> cache;
};

/// A weight matrix of a layer: `gates` row-sets of `rows` rows sharing one
/// mask. Row r of row-set g is row `firstRow + g * rows + r` of the weight
/// tensor (flattened over its leading dimensions), whose per-row format is
/// `format`.
struct Matrix {
  BlockMaskAttr mask;
  int64_t gates = 1, rows = 0, cols = 0;
  mlir::Value weights;
  int64_t firstRow = 0;
  FixedPointAttr format;
  /// Accumulator shift of each weight-tensor row (as indexed by format):
  /// acc fraction bits - row fraction bits - input fraction bits.
  int32_t accFrac = 0, inputFrac = 0;

  int64_t getShift(int64_t gate, int64_t row) const {
    return accFrac - format.getFracBitsForRow(firstRow + gate * rows + row) -
           inputFrac;
  }
  /// Level-0 block rows: tiles start on multiples of it.
  int64_t getRowAlign() const { return mask.getLevels()[0].getBlockRows(); }
};

/// One direction of an LSTM.
struct LSTMDirection {
  bool reverse = false;
  Matrix w, r;
  LookupTable lutF, lutG, lutH;
};

struct LSTMLayer {
  mutable LSTMOp op;
  std::string name;
  int64_t hidden = 0, input = 0, batch = 0;
  bool batchFirst = false;
  llvm::SmallVector<LSTMDirection, 2> directions;
  LSTMQuantAttr quant;
  int32_t accFrac = 0, gateFrac = 0, candidateFrac = 0, cellActFrac = 0,
          cellFrac = 0, hiddenFrac = 0;
  // lstm_cell fields (docs/ISA.md 6.4).
  int64_t fcAlign = 0, igAlign = 0, cShift = 0, hShift = 0;
  std::optional<int64_t> inputForget;
  std::optional<int64_t> biasShift, peepholeShift;

  /// Dimensions of X (and Y) holding time and batch.
  int64_t getTimeDim() const { return batchFirst ? 1 : 0; }
  int64_t getBatchDim() const { return batchFirst ? 0 : 1; }
  /// Hidden tiles start on multiples of this.
  int64_t getRowAlign() const;
};

struct FCLayer {
  mutable FCOp op;
  std::string name;
  int64_t inputs = 0, outputs = 0;
  Matrix w;
  int32_t accFrac = 0, outputFrac = 0;
  std::optional<int64_t> biasShift;
  int64_t outputShift = 0;
};

/// Reads and checks a layer; emits an error naming it and fails if the
/// target cannot run it.
mlir::FailureOr<LSTMLayer> analyzeLSTM(LSTMOp op, const Target &target);
mlir::FailureOr<FCLayer> analyzeFC(FCOp op, const Target &target);

/// The tiles of `matrix` for row tiles of `tileRows` rows.
mlir::FailureOr<std::vector<MatrixTile>>
tileMatrix(mlir::Operation *layer, llvm::StringRef layerName,
           llvm::StringRef what, const Matrix &matrix, int64_t tileRows,
           const Target &target);

} // namespace hcgs::lower

#endif // HCGS_LIB_CONVERSION_HCGSTOISA_LAYERS_H
