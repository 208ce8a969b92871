//===- Quantize.cpp - choose the fixed-point format of every value --------===//

#include "hcgs/Reference/Executor.h"
#include "hcgs/Runtime/Tensor/TensorCompare.h"
#include "hcgs/Runtime/Tensor/TensorIO.h"
#include "hcgs/Transforms/Passes.h"
#include "hcgs/Transforms/FixedPoint.h"
#include "hcgs/IR/Constants.h"
#include "hcgs/IR/LayerNames.h"
#include "hcgs/IR/ModelFunction.h"
#include "hcgs/IR/ModuleTarget.h"

#include "hcgs/Dialect/HCGS/HCGSOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <cmath>

namespace hcgs {
#define GEN_PASS_DEF_QUANTIZE
#include "hcgs/Transforms/Passes.h.inc"
} // namespace hcgs

using namespace mlir;
using namespace hcgs;

namespace {

double maxAbs(llvm::ArrayRef<float> values) {
  double largest = 0.0;
  for (float value : values)
    largest = std::max(largest, std::fabs(double(value)));
  return largest;
}

/// The values of a layer's constant operand `name`; emits "layer 'L': NAME
/// <why>" at the layer where the operand is not a float constant or holds a
/// NaN or an infinity (no fixed-point code stands for one, so the program
/// would compute finite values where the model computes NaN).
FailureOr<std::vector<float>> readLayerConstant(Operation *op, Value operand,
                                                StringRef name) {
  llvm::Expected<std::vector<float>> values = readConstantFloats(operand);
  if (!values)
    return op->emitError() << "layer '" << getLayerName(op) << "': " << name
                           << " " << llvm::toString(values.takeError());
  auto nonFinite = llvm::find_if(
      *values, [](float value) { return !std::isfinite(value); });
  if (nonFinite != values->end())
    return op->emitError() << "layer '" << getLayerName(op) << "': " << name
                           << " holds "
                           << (std::isnan(*nonFinite) ? "NaN"
                               : *nonFinite > 0       ? "+Inf"
                                                      : "-Inf")
                           << " at element "
                           << int64_t(nonFinite - values->begin())
                           << "; weights and biases must be finite";
  return std::move(*values);
}

/// The ranges one float run of the model reaches: of every value, and inside
/// every LSTM, of the gate sums (i, o and f together, c apart) and of the
/// cell state.
struct Calibration : RunObserver {
  void observeResult(OpResult result, const Tensor &value) override {
    if (value.getElementType() != ElementType::Float32)
      return;
    double &slot = values[result];
    slot = std::max(slot, maxAbs(value.getValues<float>()));
  }

  void observeLSTMStep(LSTMOp op, llvm::ArrayRef<double> gateSums,
                       llvm::ArrayRef<float> cell) override {
    LSTMRanges &ranges = lstms[op];
    int64_t hidden = cell.size();
    for (auto [k, sum] : llvm::enumerate(gateSums)) {
      double &slot = static_cast<int64_t>(k) < 3 * hidden ? ranges.gateSums
                                                          : ranges.candidateSums;
      slot = std::max(slot, std::fabs(sum));
    }
    ranges.cell = std::max(ranges.cell, maxAbs(cell));
  }

  struct LSTMRanges {
    double gateSums = 0.0, candidateSums = 0.0, cell = 0.0;
  };
  llvm::DenseMap<Value, double> values;
  llvm::DenseMap<Operation *, LSTMRanges> lstms;
};

/// A value's format and the magnitude it bounds.
struct ValueFormat {
  FixedPointAttr format;
  double bound;
};

struct QuantizePass : hcgs::impl::QuantizeBase<QuantizePass> {
  using QuantizeBase::QuantizeBase;

  void runOnOperation() override;

private:
  LogicalResult calibrate(func::FuncOp main);
  LogicalResult quantizeLSTM(LSTMOp op);
  LogicalResult quantizeFC(FCOp op);
  /// Data movement keeps formats; a concat takes its widest input's.
  void propagate(Operation *op);

  /// A signed format of `bits` that holds magnitudes below `bound`.
  ValueFormat formatFor(double bound, unsigned bits) {
    int32_t frac = fractionForBound(bound, bits);
    return {FixedPointAttr::get(&getContext(), bits, true, {frac}),
            boundOfFormat(bits, frac)};
  }
  /// Per-row formats for a constant weight operand, which is rewritten to
  /// the values the codes stand for. Returns the sum of the magnitudes of
  /// each row's quantized weights.
  FailureOr<std::vector<double>> quantizeWeights(Operation *op,
                                                unsigned operandIndex,
                                                StringRef name, int64_t cols,
                                                FixedPointAttr &format);
  FailureOr<ValueFormat> inputFormat(Operation *op, Value input);
  /// The calibrated bound of `value`, or `fallback` where there is none.
  double calibratedBound(Value value, double fallback) const {
    if (calibration) {
      auto it = calibration->values.find(value);
      if (it != calibration->values.end())
        return floorBound(it->second);
    }
    return fallback;
  }
  /// A calibrated bound of a value that never moved still gets a format.
  static double floorBound(double bound) { return std::max(bound, 1e-6); }

  Target target;
  bool tiesToEven = true;
  llvm::DenseMap<Value, ValueFormat> formats;
  std::optional<Calibration> calibration;
};

LogicalResult QuantizePass::calibrate(func::FuncOp main) {
  if (calibrationFiles.empty())
    return success();
  TensorMap inputs;
  for (const std::string &entry : calibrationFiles) {
    auto [name, path] = StringRef(entry).rsplit('=');
    if (name.empty() || path.empty())
      return main.emitError() << "--calibrate: '" << entry
                              << "' is not NAME=FILE";
    llvm::Expected<Tensor> tensor = readTensorFile(path);
    if (!tensor)
      return main.emitError() << "--calibrate " << name << ": "
                              << llvm::toString(tensor.takeError());
    if (!inputs.emplace(name.str(), std::move(*tensor)).second)
      return main.emitError() << "--calibrate: input '" << name
                              << "' given twice";
  }
  // The float model as it stands: calibration runs before anything is
  // quantized.
  llvm::Expected<ReferenceExecutor> executor =
      ReferenceExecutor::create(getOperation());
  if (!executor)
    return main.emitError() << "calibration: "
                            << llvm::toString(executor.takeError());
  calibration.emplace();
  llvm::Expected<TensorMap> outputs = executor->run(inputs, &*calibration);
  if (!outputs)
    return main.emitError() << "calibration: "
                            << llvm::toString(outputs.takeError());
  for (BlockArgument arg : main.getArguments()) {
    auto name = main.getArgAttrOfType<StringAttr>(arg.getArgNumber(),
                                                  kNameAttrName);
    auto it = name ? inputs.find(name.str()) : inputs.end();
    if (it != inputs.end() &&
        it->second.getElementType() == ElementType::Float32)
      calibration->values[arg] = maxAbs(it->second.getValues<float>());
  }
  return success();
}

FailureOr<ValueFormat> QuantizePass::inputFormat(Operation *op, Value input) {
  auto it = formats.find(input);
  if (it != formats.end())
    return it->second;
  return op->emitError() << "layer '" << getLayerName(op)
                         << "': its input has no fixed-point format (it "
                            "is not a model input nor a layer's output)";
}

FailureOr<std::vector<double>>
QuantizePass::quantizeWeights(Operation *op, unsigned operandIndex,
                              StringRef name, int64_t cols,
                              FixedPointAttr &format) {
  Value operand = op->getOperand(operandIndex);
  FailureOr<std::vector<float>> weights =
      readLayerConstant(op, operand, name);
  if (failed(weights))
    return failure();
  int64_t rows = static_cast<int64_t>(weights->size()) / cols;
  unsigned bits = target.weightBits;
  std::vector<int32_t> fractions =
      chooseRowFractions(*weights, rows, cols, bits, tiesToEven);
  format = FixedPointAttr::get(&getContext(), bits, true, fractions);
  // Zeros (most weights of a masked matrix) quantize to +0 in every format
  // and add nothing to the sums.
  std::vector<double> absSums(rows, 0.0);
  for (int64_t r = 0; r < rows; ++r)
    for (float &weight :
         llvm::MutableArrayRef(*weights).slice(r * cols, cols)) {
      if (weight == 0.0f) {
        weight = 0.0f;
        continue;
      }
      weight = static_cast<float>(format.quantize(weight, r, tiesToEven));
      absSums[r] += std::fabs(double(weight));
    }
  replaceConstantOperand(op, operandIndex, std::move(*weights),
                         getLayerName(op) + "_" + name.str());
  return absSums;
}

LogicalResult QuantizePass::quantizeLSTM(LSTMOp op) {
  std::string layer = getLayerName(op);
  MLIRContext *context = &getContext();
  int64_t hidden = op.getHiddenSize();
  int64_t dirs = op.getNumDirections();
  int64_t inputSize = cast<RankedTensorType>(op.getW().getType()).getDimSize(2);
  FailureOr<ValueFormat> x = inputFormat(op, op.getX());
  if (failed(x))
    return failure();

  auto activations = op.getActivations().getAsRange<ActivationAttr>();
  std::vector<ActivationAttr> fns(activations.begin(), activations.end());
  std::optional<double> clip;
  if (std::optional<APFloat> value = op.getClip())
    clip = value->convertToDouble();
  const Calibration::LSTMRanges *calibrated = nullptr;
  if (calibration) {
    auto it = calibration->lstms.find(op);
    if (it != calibration->lstms.end())
      calibrated = &it->second;
  }

  // The inputs each function is tabulated over: a saturating function needs
  // no more than its saturation, a clipped one no more than the clip; the
  // others the calibrated sums, or the uncalibrated default.
  auto tableRange = [&](ActivationAttr fn, std::optional<double> observed) {
    std::optional<double> range = clip;
    if (std::optional<double> saturation = activationSaturation(fn))
      range = range ? std::min(*range, *saturation) : *saturation;
    if (range)
      return *range;
    return observed && *observed > 0.0 ? *observed : double(inputRange);
  };
  double fRange = 0.0, gRange = 0.0, hRange = 0.0;
  double gateBound = 0.0, candidateBound = 0.0, cellActBound = 0.0;
  double cellBound =
      calibrated ? floorBound(calibrated->cell) : double(cellRange);
  for (int64_t d = 0; d < dirs; ++d) {
    ActivationAttr f = fns[3 * d], g = fns[3 * d + 1], h = fns[3 * d + 2];
    double fr = tableRange(f, calibrated ? std::optional(calibrated->gateSums)
                                         : std::nullopt);
    double gr = tableRange(g, calibrated
                                  ? std::optional(calibrated->candidateSums)
                                  : std::nullopt);
    std::optional<double> hSaturation = activationSaturation(h);
    double hr = hSaturation ? std::min(cellBound, *hSaturation) : cellBound;
    fRange = std::max(fRange, fr);
    gRange = std::max(gRange, gr);
    hRange = std::max(hRange, hr);
    double gate = activationOutputBound(f, fr);
    if (op.getInputForget())
      gate = std::max({gate, std::fabs(1.0 - f.evaluate(-fr)),
                       std::fabs(1.0 - f.evaluate(fr))});
    gateBound = std::max(gateBound, gate);
    candidateBound = std::max(candidateBound, activationOutputBound(g, gr));
    cellActBound = std::max(cellActBound, activationOutputBound(h, hr));
  }

  // The states must also hold the initial states: constants by their
  // values, model inputs by their formats.
  auto initialBound = [&](Value state) -> double {
    if (!state)
      return 0.0;
    if (llvm::Expected<std::vector<float>> values = readConstantFloats(state))
      return maxAbs(*values);
    else
      llvm::consumeError(values.takeError());
    auto it = formats.find(state);
    return it != formats.end() ? it->second.bound : 0.0;
  };
  cellBound = std::max(cellBound, initialBound(op.getInitialC()));

  unsigned actBits = target.actBits;
  ValueFormat gates = formatFor(gateBound, actBits);
  ValueFormat candidate = formatFor(candidateBound, actBits);
  ValueFormat cellAct = formatFor(cellActBound, actBits);
  ValueFormat cell = formatFor(cellBound, actBits);
  ValueFormat hiddenState =
      formatFor(std::max(gates.bound * cellAct.bound,
                         initialBound(op.getInitialH())),
                actBits);

  // Sums of magnitudes of every row of W and R.
  FixedPointAttr wFormat, rFormat;
  FailureOr<std::vector<double>> wSums =
      quantizeWeights(op, 1, "W", inputSize, wFormat);
  if (failed(wSums))
    return failure();
  FailureOr<std::vector<double>> rSums =
      quantizeWeights(op, 2, "R", hidden, rFormat);
  if (failed(rSums))
    return failure();

  // Wb + Rb, as the accelerator adds them, and the peepholes.
  std::vector<float> bias(dirs * 4 * hidden, 0.0f), peepholes;
  if (op.getB()) {
    FailureOr<std::vector<float>> b = readLayerConstant(op, op.getB(), "B");
    if (failed(b))
      return failure();
    for (int64_t d = 0; d < dirs; ++d)
      for (int64_t k = 0; k < 4 * hidden; ++k)
        bias[d * 4 * hidden + k] = (*b)[d * 8 * hidden + k] +
                                   (*b)[d * 8 * hidden + 4 * hidden + k];
  }
  if (op.getP()) {
    FailureOr<std::vector<float>> p = readLayerConstant(op, op.getP(), "P");
    if (failed(p))
      return failure();
    peepholes = std::move(*p);
  }
  double peepholeMax = maxAbs(peepholes);
  ValueFormat biasFormat = formatFor(maxAbs(bias), target.biasBits);
  ValueFormat peepholeFormat = formatFor(peepholeMax, actBits);

  // Gate sums cannot exceed what the weights do to the largest inputs.
  double sumBound = 0.0;
  for (size_t k = 0; k < wSums->size(); ++k)
    sumBound = std::max(sumBound, (*wSums)[k] * x->bound +
                                      (*rSums)[k] * hiddenState.bound +
                                      std::fabs(bias[k]) +
                                      peepholeMax * cell.bound);
  ValueFormat acc = formatFor(sumBound, target.accBits);

  auto floatAttr = [&](double value) {
    return FloatAttr::get(Float32Type::get(context), value);
  };
  op.setQuantAttr(LSTMQuantAttr::get(
      context, wFormat, rFormat, op.getB() ? biasFormat.format : nullptr,
      op.getP() ? peepholeFormat.format : nullptr, acc.format, gates.format,
      candidate.format, cellAct.format, cell.format, hiddenState.format,
      floatAttr(fRange), floatAttr(gRange), floatAttr(hRange)));
  for (Value result : {op.getY(), op.getYH()})
    if (result)
      formats[result] = hiddenState;
  if (op.getYC())
    formats[op.getYC()] = cell;
  return success();
}

LogicalResult QuantizePass::quantizeFC(FCOp op) {
  auto weightType = cast<RankedTensorType>(op.getWeight().getType());
  int64_t in = weightType.getDimSize(1);
  FailureOr<ValueFormat> x = inputFormat(op, op.getInput());
  if (failed(x))
    return failure();
  FixedPointAttr wFormat;
  FailureOr<std::vector<double>> sums =
      quantizeWeights(op, 1, "weight", in, wFormat);
  if (failed(sums))
    return failure();
  std::vector<float> bias(weightType.getDimSize(0), 0.0f);
  if (op.getBias()) {
    FailureOr<std::vector<float>> b =
        readLayerConstant(op, op.getBias(), "bias");
    if (failed(b))
      return failure();
    bias = std::move(*b);
  }
  double sumBound = 0.0;
  for (size_t k = 0; k < sums->size(); ++k)
    sumBound = std::max(sumBound, (*sums)[k] * x->bound + std::fabs(bias[k]));
  ValueFormat acc = formatFor(sumBound, target.accBits);
  ValueFormat output =
      formatFor(calibratedBound(op.getOutput(), sumBound), target.actBits);
  ValueFormat biasFormat = formatFor(maxAbs(bias), target.biasBits);
  op.setQuantAttr(FCQuantAttr::get(&getContext(), wFormat,
                                   op.getBias() ? biasFormat.format : nullptr,
                                   acc.format, output.format));
  formats[op.getOutput()] = output;
  return success();
}

void QuantizePass::propagate(Operation *op) {
  if (isa<TransposeOp, ReshapeOp, SliceOp>(op)) {
    auto it = formats.find(op->getOperand(0));
    if (it != formats.end())
      formats[op->getResult(0)] = it->second;
    return;
  }
  if (auto concat = dyn_cast<ConcatOp>(op)) {
    std::optional<ValueFormat> widest;
    for (Value input : concat.getInputs()) {
      auto it = formats.find(input);
      if (it == formats.end())
        return;
      if (!widest || it->second.bound > widest->bound)
        widest = it->second;
    }
    formats[concat.getOutput()] = *widest;
  }
}

void QuantizePass::runOnOperation() {
  ModuleOp module = getOperation();
  FailureOr<Target> moduleTarget = getModuleTargetOrEmit(module);
  if (failed(moduleTarget))
    return signalPassFailure();
  target = std::move(*moduleTarget);
  tiesToEven = target.rounding == Rounding::NearestEven;
  if (!(inputRange > 0.0) || !(cellRange > 0.0)) {
    module.emitError() << "--input-range and --cell-range must be positive";
    return signalPassFailure();
  }
  FailureOr<func::FuncOp> model = getModelFunctionOrEmit(module);
  if (failed(model))
    return signalPassFailure();
  func::FuncOp main = *model;
  if (failed(calibrate(main)))
    return signalPassFailure();

  for (BlockArgument arg : main.getArguments()) {
    auto type = dyn_cast<RankedTensorType>(arg.getType());
    if (!type || !type.getElementType().isF32())
      continue;
    ValueFormat format =
        formatFor(calibratedBound(arg, inputRange), target.actBits);
    main.setArgAttr(arg.getArgNumber(), kFormatAttrName, format.format);
    formats[arg] = format;
  }

  for (Operation &op : llvm::make_early_inc_range(main.getBody().front())) {
    LogicalResult result = success();
    if (auto lstm = dyn_cast<LSTMOp>(op))
      result = quantizeLSTM(lstm);
    else if (auto fc = dyn_cast<FCOp>(op))
      result = quantizeFC(fc);
    else
      propagate(&op);
    if (failed(result))
      return signalPassFailure();
  }
}

} // namespace
