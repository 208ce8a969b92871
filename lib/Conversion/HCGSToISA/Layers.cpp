//===- Layers.cpp - what the accelerator needs to know of a layer ---------===//

#include "Layers.h"

#include "hcgs/Dialect/HCGS/HCGSDialect.h"
#include "hcgs/Transforms/FixedPoint.h"
#include "hcgs/IR/LayerNames.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <numeric>

using namespace mlir;
using namespace hcgs;
using namespace hcgs::lower;

//===----------------------------------------------------------------------===//
// Formats and time dimensions of values
//===----------------------------------------------------------------------===//

SmallVector<int64_t> lower::getTensorShape(Value value) {
  SmallVector<int64_t> shape;
  for (int64_t size : cast<RankedTensorType>(value.getType()).getShape())
    shape.push_back(ShapedType::isDynamic(size) ? kDynamicSize : size);
  return shape;
}

FixedPointAttr lower::getValueFormat(Value value) {
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    auto func = dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp());
    return func ? func.getArgAttrOfType<FixedPointAttr>(arg.getArgNumber(),
                                                        kFormatAttrName)
                : nullptr;
  }
  Operation *op = value.getDefiningOp();
  if (auto lstm = dyn_cast<LSTMOp>(op)) {
    LSTMQuantAttr quant = lstm.getQuantAttr();
    if (!quant)
      return nullptr;
    return value == lstm.getYC() ? quant.getCell() : quant.getHidden();
  }
  if (auto fc = dyn_cast<FCOp>(op))
    return fc.getQuantAttr() ? fc.getQuantAttr().getOutput() : nullptr;
  if (llvm::isa<TransposeOp, ReshapeOp, SliceOp>(op))
    return getValueFormat(op->getOperand(0));
  if (auto concat = dyn_cast<ConcatOp>(op)) {
    FixedPointAttr widest;
    for (Value input : concat.getInputs()) {
      FixedPointAttr format = getValueFormat(input);
      if (!format || format.isPerRow())
        return nullptr;
      if (!widest ||
          boundOfFormat(format.getBits(), format.getFracBits()[0]) >
              boundOfFormat(widest.getBits(), widest.getFracBits()[0]))
        widest = format;
    }
    return widest;
  }
  return nullptr;
}

/// The dimension of `shape` holding element `prefix * k` (the first element
/// of a dimension that `prefix` elements of outer dimensions precede), for
/// a static time dimension of a reshape's operand.
static std::optional<int64_t> dimHolding(ArrayRef<int64_t> shape,
                                         int64_t prefix, int64_t extent) {
  int64_t product = 1;
  for (auto [d, size] : llvm::enumerate(shape)) {
    product *= size;
    if (product >= prefix * extent)
      return static_cast<int64_t>(d);
  }
  return std::nullopt;
}

std::optional<int64_t> TimeDims::get(Value value) {
  auto it = cache.find(value);
  if (it != cache.end())
    return it->second;
  std::optional<int64_t> result;
  auto type = cast<RankedTensorType>(value.getType());
  if (llvm::isa<BlockArgument>(value)) {
    for (auto [d, size] : llvm::enumerate(type.getShape()))
      if (ShapedType::isDynamic(size))
        result = d;
  } else {
    Operation *op = value.getDefiningOp();
    if (auto lstm = dyn_cast<LSTMOp>(op)) {
      if (value == lstm.getY())
        result = lstm.getLayout() == 1 ? 1 : 0;
    } else if (auto transpose = dyn_cast<TransposeOp>(op)) {
      if (std::optional<int64_t> in = get(transpose.getInput()))
        for (auto [d, source] : llvm::enumerate(transpose.getPermutation()))
          if (source == *in)
            result = d;
    } else if (auto reshape = dyn_cast<ReshapeOp>(op)) {
      auto inType = cast<RankedTensorType>(reshape.getInput().getType());
      if (std::optional<int64_t> in = get(reshape.getInput())) {
        if (inType.isDynamicDim(*in)) {
          for (auto [d, size] : llvm::enumerate(type.getShape()))
            if (ShapedType::isDynamic(size))
              result = d;
        } else {
          int64_t prefix = 1;
          for (int64_t d = 0; d < *in; ++d)
            prefix *= inType.getDimSize(d);
          result = dimHolding(type.getShape(), prefix, inType.getDimSize(*in));
        }
      }
    } else if (auto slice = dyn_cast<SliceOp>(op)) {
      // Taking part of the sequence leaves an ordinary dimension.
      std::optional<int64_t> in = get(slice.getInput());
      auto inType = cast<RankedTensorType>(slice.getInput().getType());
      if (in && slice.getOffsets()[*in] == 0 &&
          (slice.getStrides()[*in] == 1 || inType.getDimSize(*in) == 1) &&
          type.getDimSize(*in) == inType.getDimSize(*in))
        result = in;
    } else if (llvm::isa<FCOp>(op)) {
      result = get(op->getOperand(0));
    } else if (auto concat = dyn_cast<ConcatOp>(op)) {
      result = get(concat.getInputs().front());
    }
  }
  cache[value] = result;
  return result;
}

//===----------------------------------------------------------------------===//
// Layers
//===----------------------------------------------------------------------===//

namespace {
/// Checks that fit a signed field, with errors naming the layer.
struct LayerChecker {
  Operation *op;
  std::string name;
  const Target &target;

  InFlightDiagnostic error() {
    return op->emitError() << "layer '" << name << "': ";
  }

  /// A per-tensor format of `bits` bits.
  FailureOr<int32_t> fraction(FixedPointAttr format, StringRef what,
                              int64_t bits, StringRef bitsName) {
    if (!format)
      return error() << "has no format for " << what << " (run hcgs-quantize)";
    if (format.isPerRow())
      return error() << what << " has per-row formats; the accelerator "
                     << "needs one format for it";
    if (!format.getIsSigned() || format.getBits() != bits)
      return error() << what << " is " << (format.getIsSigned() ? "i" : "ui")
                     << format.getBits() << ", but the target's " << bitsName
                     << " is " << bits
                     << " (run hcgs-quantize after hcgs-set-target)";
    return format.getFracBits()[0];
  }

  LogicalResult fitsSigned(int64_t value, int64_t bits, StringRef what) {
    int64_t limit = int64_t(1) << (bits - 1);
    if (value < -limit || value >= limit)
      return error() << what << " is " << value << ", outside the " << bits
                     << "-bit field [" << -limit << ", " << limit - 1 << "]";
    return success();
  }

  LogicalResult fitsUnsigned(int64_t value, int64_t bits, StringRef what) {
    if (value < 0 || value >= (int64_t(1) << bits))
      return error() << what << " is " << value << ", outside the " << bits
                     << "-bit field [0, " << (int64_t(1) << bits) - 1 << "]";
    return success();
  }

  /// The shift from a constant bias's format (the target's bias_bits) to
  /// the accumulators' `accFrac` fraction bits; `what` names the operand.
  FailureOr<int64_t> biasShift(FixedPointAttr format, int32_t accFrac,
                               Value bias, StringRef what) {
    FailureOr<int32_t> frac =
        fraction(format, "the bias", target.biasBits, "bias_bits");
    if (failed(frac))
      return failure();
    int64_t shift = accFrac - *frac;
    if (failed(fitsSigned(shift, 8, "the bias shift")))
      return failure();
    if (!bias.getDefiningOp<arith::ConstantOp>())
      return error() << what << " is not a constant";
    return shift;
  }

  /// A weight matrix's per-row formats and the shift of every row.
  LogicalResult checkMatrix(const Matrix &matrix, StringRef what) {
    FixedPointAttr format = matrix.format;
    if (!format)
      return error() << "has no format for " << what << " (run hcgs-quantize)";
    if (!format.getIsSigned() || format.getBits() != target.weightBits)
      return error() << what << " is " << (format.getIsSigned() ? "i" : "ui")
                     << format.getBits() << ", but the target's weight_bits is "
                     << target.weightBits
                     << " (run hcgs-quantize after hcgs-set-target)";
    if (!matrix.weights.getDefiningOp<arith::ConstantOp>())
      return error() << what << " is not a constant";
    for (int64_t g = 0; g < matrix.gates; ++g)
      for (int64_t r = 0; r < matrix.rows; ++r)
        if (failed(fitsSigned(matrix.getShift(g, r), target.shiftBits,
                              (what + " row " +
                               Twine(matrix.firstRow + g * matrix.rows + r) +
                               "'s accumulator shift")
                                  .str())))
          return failure();
    return success();
  }

  LogicalResult planTable(ActivationAttr function, int32_t inputFrac,
                          FixedPointAttr output, FloatAttr range,
                          StringRef what, LookupTable &table) {
    std::string problem = planLookupTable(
        function, inputFrac, output, range.getValueAsDouble(), target, table);
    if (!problem.empty())
      return error() << what << " (" << function << "): " << problem;
    return success();
  }
};

BlockMaskAttr maskAt(std::optional<ArrayAttr> masks, int64_t d) {
  if (!masks || static_cast<int64_t>(masks->size()) <= d)
    return nullptr;
  return dyn_cast<BlockMaskAttr>((*masks)[d]);
}
} // namespace

int64_t LSTMLayer::getRowAlign() const {
  int64_t align = 1;
  for (const LSTMDirection &direction : directions)
    align = std::lcm(
        align, std::lcm(direction.w.getRowAlign(), direction.r.getRowAlign()));
  return align;
}

FailureOr<LSTMLayer> lower::analyzeLSTM(LSTMOp op, const Target &target) {
  LSTMLayer layer;
  layer.op = op;
  layer.name = getLayerName(op);
  LayerChecker check{op, layer.name, target};
  layer.quant = op.getQuantAttr();
  if (!layer.quant)
    return check.error() << "is not quantized (run hcgs-quantize)";
  auto xType = cast<RankedTensorType>(op.getX().getType());
  layer.batchFirst = op.getLayout() == 1;
  layer.hidden = op.getHiddenSize();
  layer.input = xType.getDimSize(2);
  layer.batch = xType.getDimSize(layer.getBatchDim());
  if (ShapedType::isDynamic(layer.batch) || ShapedType::isDynamic(layer.input))
    return check.error() << "has a dynamic batch or input size " << xType
                         << "; the accelerator needs them static (only the "
                            "sequence length may vary)";

  FixedPointAttr xFormat = getValueFormat(op.getX());
  LSTMQuantAttr quant = layer.quant;
  int64_t act = target.actBits;
  FailureOr<int32_t> xFrac =
      check.fraction(xFormat, "its input X", act, "act_bits");
  FailureOr<int32_t> acc = check.fraction(quant.getAcc(), "the gate sums",
                                          target.accBits, "acc_bits");
  FailureOr<int32_t> gates =
      check.fraction(quant.getGates(), "the gates", act, "act_bits");
  FailureOr<int32_t> candidate =
      check.fraction(quant.getCandidate(), "the candidate", act, "act_bits");
  FailureOr<int32_t> cellAct =
      check.fraction(quant.getCellAct(), "h(c)", act, "act_bits");
  FailureOr<int32_t> cell =
      check.fraction(quant.getCell(), "the cell state", act, "act_bits");
  FailureOr<int32_t> hidden =
      check.fraction(quant.getHidden(), "the hidden state", act, "act_bits");
  if (failed(xFrac) || failed(acc) || failed(gates) || failed(candidate) ||
      failed(cellAct) || failed(cell) || failed(hidden))
    return failure();
  layer.accFrac = *acc;
  layer.gateFrac = *gates;
  layer.candidateFrac = *candidate;
  layer.cellActFrac = *cellAct;
  layer.cellFrac = *cell;
  layer.hiddenFrac = *hidden;

  if (op.getB()) {
    FailureOr<int64_t> shift =
        check.biasShift(quant.getBias(), layer.accFrac, op.getB(), "B");
    if (failed(shift))
      return failure();
    layer.biasShift = *shift;
  }
  if (op.getP()) {
    FailureOr<int32_t> peepholes =
        check.fraction(quant.getPeepholes(), "the peepholes", act, "act_bits");
    if (failed(peepholes))
      return failure();
    layer.peepholeShift = layer.accFrac - *peepholes - layer.cellFrac;
    if (failed(check.fitsSigned(*layer.peepholeShift, 8, "the peephole shift")))
      return failure();
    if (!op.getP().getDefiningOp<arith::ConstantOp>())
      return check.error() << "P is not a constant";
  }

  // c_t = f * c + i * g at the finer of the two products' formats, then to
  // the cell's; h_t = o * h(c) to the hidden state's.
  int64_t fc = layer.gateFrac + layer.cellFrac;
  int64_t ig = layer.gateFrac + layer.candidateFrac;
  int64_t common = std::max(fc, ig);
  layer.fcAlign = common - fc;
  layer.igAlign = common - ig;
  layer.cShift = layer.cellFrac - common;
  layer.hShift = layer.hiddenFrac - layer.gateFrac - layer.cellActFrac;
  if (failed(check.fitsUnsigned(layer.fcAlign, 6, "the f*c alignment")) ||
      failed(check.fitsUnsigned(layer.igAlign, 6, "the i*g alignment")) ||
      failed(check.fitsSigned(layer.cShift, 8, "the cell state shift")) ||
      failed(check.fitsSigned(layer.hShift, 8, "the hidden state shift")))
    return failure();
  if (op.getInputForget()) {
    // The code of 1.0 in the gate format.
    if (layer.gateFrac < 0 || layer.gateFrac > act)
      return check.error() << "input_forget needs 1.0 in the gate format "
                           << quant.getGates() << ", which has "
                           << layer.gateFrac << " fraction bits";
    layer.inputForget = int64_t(1) << layer.gateFrac;
  }

  auto functions = op.getActivations().getAsRange<ActivationAttr>();
  std::vector<ActivationAttr> fns(functions.begin(), functions.end());
  for (int64_t d = 0, e = op.getNumDirections(); d < e; ++d) {
    LSTMDirection &direction = layer.directions.emplace_back();
    direction.reverse =
        op.getDirection() == Direction::Reverse ||
        (op.getDirection() == Direction::Bidirectional && d == 1);
    BlockMaskAttr wMask = maskAt(op.getWMasks(), d);
    BlockMaskAttr rMask = maskAt(op.getRMasks(), d);
    if (!wMask || !rMask)
      return check.error() << "has no HCGS masks (run hcgs-legalize-masks)";
    int64_t firstRow = d * 4 * layer.hidden;
    direction.w = Matrix{wMask,     4,        layer.hidden,       layer.input,
                         op.getW(), firstRow, quant.getWeights(), layer.accFrac,
                         *xFrac};
    direction.r =
        Matrix{rMask,           4,        layer.hidden,         layer.hidden,
               op.getR(),       firstRow, quant.getRecurrent(), layer.accFrac,
               layer.hiddenFrac};
    std::string dir = "direction " + std::to_string(d);
    if (failed(check.checkMatrix(direction.w, "W (" + dir + ")")) ||
        failed(check.checkMatrix(direction.r, "R (" + dir + ")")))
      return failure();
    if (failed(check.planTable(fns[3 * d], layer.accFrac, quant.getGates(),
                               quant.getFRange(), "f", direction.lutF)) ||
        failed(check.planTable(fns[3 * d + 1], layer.accFrac,
                               quant.getCandidate(), quant.getGRange(), "g",
                               direction.lutG)) ||
        failed(check.planTable(fns[3 * d + 2], layer.cellFrac,
                               quant.getCellAct(), quant.getHRange(), "h",
                               direction.lutH)))
      return failure();
  }
  return layer;
}

FailureOr<FCLayer> lower::analyzeFC(FCOp op, const Target &target) {
  FCLayer layer;
  layer.op = op;
  layer.name = getLayerName(op);
  LayerChecker check{op, layer.name, target};
  FCQuantAttr quant = op.getQuantAttr();
  if (!quant)
    return check.error() << "is not quantized (run hcgs-quantize)";
  BlockMaskAttr mask = op.getMaskAttr();
  if (!mask)
    return check.error() << "has no HCGS mask (run hcgs-legalize-masks)";
  auto weightType = cast<RankedTensorType>(op.getWeight().getType());
  layer.outputs = weightType.getDimSize(0);
  layer.inputs = weightType.getDimSize(1);
  int64_t act = target.actBits;
  FailureOr<int32_t> xFrac = check.fraction(getValueFormat(op.getInput()),
                                            "its input", act, "act_bits");
  FailureOr<int32_t> acc =
      check.fraction(quant.getAcc(), "the sums", target.accBits, "acc_bits");
  FailureOr<int32_t> output =
      check.fraction(quant.getOutput(), "the output", act, "act_bits");
  if (failed(xFrac) || failed(acc) || failed(output))
    return failure();
  layer.accFrac = *acc;
  layer.outputFrac = *output;
  layer.outputShift = layer.outputFrac - layer.accFrac;
  if (failed(check.fitsSigned(layer.outputShift, 8, "the output shift")))
    return failure();
  if (op.getBias()) {
    FailureOr<int64_t> shift = check.biasShift(quant.getBias(), layer.accFrac,
                                               op.getBias(), "the bias");
    if (failed(shift))
      return failure();
    layer.biasShift = *shift;
  }
  layer.w = Matrix{mask,           1, layer.outputs,      layer.inputs,
                   op.getWeight(), 0, quant.getWeights(), layer.accFrac,
                   *xFrac};
  if (failed(check.checkMatrix(layer.w, "the weight")))
    return failure();
  return layer;
}

FailureOr<std::vector<MatrixTile>>
lower::tileMatrix(Operation *layer, StringRef layerName, StringRef what,
                  const Matrix &matrix, int64_t tileRows,
                  const Target &target) {
  std::vector<MatrixTile> tiles;
  for (int64_t begin = 0; begin < matrix.rows; begin += tileRows) {
    MatrixTile &tile = tiles.emplace_back();
    std::string problem =
        makeMatrixTile(matrix.mask, matrix.gates, begin,
                       std::min(begin + tileRows, matrix.rows), target, tile);
    if (!problem.empty())
      return layer->emitError()
             << "layer '" << layerName << "': " << what << ": " << problem;
  }
  return tiles;
}
