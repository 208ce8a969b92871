//===- LSTM.cpp - the ONNX LSTM operator in float -------------------------===//
//
// One step of direction d for one batch entry, with gates in W, R and B in the
// order i, o, f, c and peepholes P in the order i, o, f:
//
//   it = f(clip(Xt W_i^T + Ht-1 R_i^T + Wb_i + Rb_i + P_i . Ct-1))
//   ft = f(clip(Xt W_f^T + Ht-1 R_f^T + Wb_f + Rb_f + P_f . Ct-1))
//        (1 - it with input_forget)
//   ct = g(clip(Xt W_c^T + Ht-1 R_c^T + Wb_c + Rb_c))
//   Ct = ft . Ct-1 + it . ct
//   ot = f(clip(Xt W_o^T + Ht-1 R_o^T + Wb_o + Rb_o + P_o . Ct))
//   Ht = ot . h(Ct)
//
// As in ONNX Runtime, clip bounds the inputs of f and g only: Ct enters h
// unclipped. Each gate's sum and activation are computed in double; Ct and Ht
// are rounded to float, the precision of the state a float model carries.
//
// A quantized LSTM (one with `quant`) computes the same in float but rounds
// what the accelerator holds in integers to its format: the weights, bias
// and peepholes, each gate's sum (the accumulator), the outputs of f, g and
// h, and the states Ct and Ht. f, g and h see their inputs bounded to the
// ranges they are tabulated over.
//
// With sequence_lens, batch entry b runs steps 0 .. L-1 (from L-1 down to 0
// in the reverse direction); Y is zero at the other steps, and Y_h, Y_c hold
// the state after the last step run, or zeros when L is 0 (ONNX Runtime's
// behaviour).
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include <algorithm>
#include <limits>

using namespace hcgs;
using namespace hcgs::reference;
using llvm::Error;
using llvm::Expected;

namespace {
/// The sizes of one LSTM run and where each element lives in the tensors of
/// either layout.
struct LSTMGeometry {
  int64_t seq, batch, input, hidden, dirs;
  bool batchFirst;

  int64_t xOffset(int64_t t, int64_t b) const {
    return (batchFirst ? b * seq + t : t * batch + b) * input;
  }
  int64_t yOffset(int64_t t, int64_t d, int64_t b) const {
    return (batchFirst ? (b * seq + t) * dirs + d
                       : (t * dirs + d) * batch + b) *
           hidden;
  }
  int64_t stateOffset(int64_t d, int64_t b) const {
    return (batchFirst ? b * dirs + d : d * batch + b) * hidden;
  }
  llvm::SmallVector<int64_t, 4> yShape() const {
    if (batchFirst)
      return {batch, seq, dirs, hidden};
    return {seq, dirs, batch, hidden};
  }
  llvm::SmallVector<int64_t, 3> stateShape() const {
    if (batchFirst)
      return {batch, dirs, hidden};
    return {dirs, batch, hidden};
  }
  llvm::StringRef stateMeaning() const {
    return batchFirst ? "[batch_size, num_directions, hidden_size]"
                      : "[num_directions, batch_size, hidden_size]";
  }
};

/// The operands of an LSTM; absent optional ones are null.
struct LSTMOperands {
  const Tensor *x, *w, *r, *b, *sequenceLens, *initialH, *initialC, *p;
};

/// Checks every operand's shape against the sizes X and hidden_size imply,
/// and the sequence lengths against the sequence.
Error checkOperands(const LSTMOperands &in, const LSTMGeometry &geo) {
  int64_t dirs = geo.dirs, hidden = geo.hidden, gates = 4 * hidden;
  if (Error err = checkShape("W", *in.w, {dirs, gates, geo.input},
                             "[num_directions, 4*hidden_size, input_size]"))
    return err;
  if (Error err = checkShape("R", *in.r, {dirs, gates, hidden},
                             "[num_directions, 4*hidden_size, hidden_size]"))
    return err;
  if (in.b)
    if (Error err = checkShape("B", *in.b, {dirs, 2 * gates},
                               "[num_directions, 8*hidden_size]"))
      return err;
  if (in.p)
    if (Error err = checkShape("P", *in.p, {dirs, 3 * hidden},
                               "[num_directions, 3*hidden_size]"))
      return err;
  for (auto [name, state] : {std::pair("initial_h", in.initialH),
                             std::pair("initial_c", in.initialC)})
    if (state)
      if (Error err =
              checkShape(name, *state, geo.stateShape(), geo.stateMeaning()))
        return err;
  if (in.sequenceLens) {
    if (Error err = checkShape("sequence_lens", *in.sequenceLens, {geo.batch},
                               "[batch_size]"))
      return err;
    for (auto [b, length] :
         llvm::enumerate(in.sequenceLens->getValues<int32_t>()))
      if (length < 0 || length > geo.seq)
        return llvm::createStringError("sequence_lens[" + llvm::Twine(b) +
                                       "] is " + llvm::Twine(length) +
                                       ", outside [0, " + llvm::Twine(geo.seq) +
                                       "] (the sequence length)");
  }
  return Error::success();
}

/// Copies the [rows, cols] matrix of direction `d` out of a
/// [num_directions, rows, cols] tensor.
std::vector<float> directionSlice(const Tensor &tensor, int64_t d) {
  int64_t size = tensor.getNumElements() / tensor.getDimSize(0);
  llvm::ArrayRef<float> values =
      tensor.getValues<float>().slice(d * size, size);
  return std::vector<float>(values.begin(), values.end());
}

/// Runs one direction of the LSTM over every batch entry.
class DirectionRunner {
public:
  DirectionRunner(LSTMOp op, const LSTMOperands &in, const LSTMGeometry &geo,
                  int64_t d, const KernelContext &context)
      : op(op), in(in), geo(geo), d(d), context(context),
        w(directionSlice(*in.w, d)),
        r(directionSlice(*in.r, d)), bias(4 * geo.hidden, 0.0),
        quant(op.getQuantAttr()), inputForget(op.getInputForget()) {
    Direction direction = op.getDirection();
    reverse = direction == Direction::Reverse ||
              (direction == Direction::Bidirectional && d == 1);
    auto activations = op.getActivations().getAsRange<ActivationAttr>();
    auto it = std::next(activations.begin(), 3 * d);
    f = *it++;
    g = *it++;
    h = *it;
    if (std::optional<llvm::APFloat> clipValue = op.getClip())
      clip = clipValue->convertToDouble();
    if (in.b) {
      // Wb + Rb, summed once in double.
      const float *wb = in.b->getValues<float>().data() + d * 8 * geo.hidden;
      const float *rb = wb + 4 * geo.hidden;
      for (int64_t k = 0; k < 4 * geo.hidden; ++k)
        bias[k] = context.quantize(double(wb[k]) + double(rb[k]),
                                   quant ? quant.getBias() : nullptr);
    }
    if (in.p) {
      const float *values = in.p->getValues<float>().data() + d * 3 * geo.hidden;
      for (int64_t k = 0; k < 3 * geo.hidden; ++k)
        peepholes.push_back(context.quantize(
            values[k], quant ? quant.getPeepholes() : nullptr));
    }
  }

  /// Zeroes the weights the masks drop.
  Error applyMasks() {
    int64_t gates = 4 * geo.hidden;
    if (std::optional<mlir::ArrayAttr> masks = op.getWMasks())
      if (Error err = applyMask(mlir::cast<BlockMaskAttr>((*masks)[d]), w,
                                gates, geo.input))
        return llvm::createStringError("w_masks[" + llvm::Twine(d) +
                                       "]: " + llvm::toString(std::move(err)));
    if (std::optional<mlir::ArrayAttr> masks = op.getRMasks())
      if (Error err = applyMask(mlir::cast<BlockMaskAttr>((*masks)[d]), r,
                                gates, geo.hidden))
        return llvm::createStringError("r_masks[" + llvm::Twine(d) +
                                       "]: " + llvm::toString(std::move(err)));
    if (quant) {
      int64_t firstRow = d * 4 * geo.hidden;
      context.quantizeRows(w, geo.input, quant.getWeights(), firstRow);
      context.quantizeRows(r, geo.hidden, quant.getRecurrent(), firstRow);
    }
    return Error::success();
  }

  void run(Tensor *y, Tensor *yh, Tensor *yc) {
    int64_t hidden = geo.hidden;
    std::vector<float> hState(hidden), cState(hidden);
    std::vector<double> gates(4 * hidden);
    const float *x = in.x->getValues<float>().data();
    for (int64_t b = 0; b < geo.batch; ++b) {
      int64_t length =
          in.sequenceLens ? in.sequenceLens->getValues<int32_t>()[b] : geo.seq;
      if (length == 0)
        continue; // Y, Y_h and Y_c stay zero.
      initState(in.initialH, quant ? quant.getHidden() : nullptr, b, hState);
      initState(in.initialC, quant ? quant.getCell() : nullptr, b, cState);
      for (int64_t step = 0; step < length; ++step) {
        int64_t t = reverse ? length - 1 - step : step;
        const float *xt = x + geo.xOffset(t, b);
        for (int64_t k = 0; k < 4 * hidden; ++k)
          gates[k] = accumulate(bias[k] +
                                dot(w.data() + k * geo.input, xt, geo.input) +
                                dot(r.data() + k * hidden, hState.data(), hidden));
        updateState(gates, hState, cState);
        if (RunObserver *observer = context.getObserver())
          observer->observeLSTMStep(op, gates, cState);
        if (y)
          std::copy(hState.begin(), hState.end(),
                    y->getMutableValues<float>().data() + geo.yOffset(t, d, b));
      }
      for (auto [out, state] : {std::pair(yh, &hState), std::pair(yc, &cState)})
        if (out)
          std::copy(state->begin(), state->end(),
                    out->getMutableValues<float>().data() +
                        geo.stateOffset(d, b));
    }
  }

private:
  /// The state at the start, rounded to its format in a quantized LSTM.
  void initState(const Tensor *initial, FixedPointAttr format, int64_t b,
                 std::vector<float> &state) {
    if (!initial) {
      std::fill(state.begin(), state.end(), 0.0f);
      return;
    }
    const float *values =
        initial->getValues<float>().data() + geo.stateOffset(d, b);
    for (int64_t j = 0; j < geo.hidden; ++j)
      state[j] = static_cast<float>(context.quantize(values[j], format));
  }

  double clipped(double value) const {
    return clip ? std::clamp(value, -*clip, *clip) : value;
  }

  /// A gate sum as the accumulator holds it.
  double accumulate(double sum) const {
    return quant ? context.quantize(sum, quant.getAcc()) : sum;
  }

  /// `fn` of `input`, bounded to the range `fn` is tabulated over, rounded
  /// to `format` (all without effect in an unquantized LSTM).
  double activate(ActivationAttr fn, double input, mlir::FloatAttr range,
                  FixedPointAttr format) const {
    if (quant) {
      double bound = range.getValueAsDouble();
      input = std::clamp(input, -bound, bound);
    }
    return context.quantize(fn.evaluate(input), format);
  }

  /// One step's gates and state update, from the sums `gates` (i, o, f, c).
  void updateState(llvm::ArrayRef<double> gates, std::vector<float> &hState,
                   std::vector<float> &cState) const {
    int64_t hidden = geo.hidden;
    mlir::FloatAttr fRange, gRange, hRange;
    FixedPointAttr gateFormat, candidateFormat, cellActFormat, cellFormat,
        hiddenFormat;
    if (quant) {
      fRange = quant.getFRange();
      gRange = quant.getGRange();
      hRange = quant.getHRange();
      gateFormat = quant.getGates();
      candidateFormat = quant.getCandidate();
      cellActFormat = quant.getCellAct();
      cellFormat = quant.getCell();
      hiddenFormat = quant.getHidden();
    }
    for (int64_t j = 0; j < hidden; ++j) {
      double cPrev = cState[j];
      double peepI = peepholes.empty() ? 0.0 : peepholes[j];
      double peepO = peepholes.empty() ? 0.0 : peepholes[hidden + j];
      double peepF = peepholes.empty() ? 0.0 : peepholes[2 * hidden + j];
      double inputGate =
          activate(f, clipped(accumulate(gates[j] + peepI * cPrev)), fRange,
                   gateFormat);
      double forgetGate =
          inputForget
              ? context.quantize(1.0 - inputGate, gateFormat)
              : activate(f,
                         clipped(accumulate(gates[2 * hidden + j] +
                                            peepF * cPrev)),
                         fRange, gateFormat);
      double cellGate =
          activate(g, clipped(gates[3 * hidden + j]), gRange, candidateFormat);
      float c = static_cast<float>(context.quantize(
          forgetGate * cPrev + inputGate * cellGate, cellFormat));
      double outputGate =
          activate(f, clipped(accumulate(gates[hidden + j] + peepO * c)),
                   fRange, gateFormat);
      cState[j] = c;
      hState[j] = static_cast<float>(context.quantize(
          outputGate * activate(h, c, hRange, cellActFormat), hiddenFormat));
    }
  }

  LSTMOp op;
  const LSTMOperands &in;
  const LSTMGeometry &geo;
  int64_t d;
  const KernelContext &context;
  std::vector<float> w, r;
  std::vector<double> bias;
  std::vector<double> peepholes;
  LSTMQuantAttr quant;
  ActivationAttr f, g, h;
  std::optional<double> clip;
  bool inputForget;
  bool reverse;
};
} // namespace

Expected<std::vector<Tensor>> reference::runLSTM(LSTMOp op, ValueLookup valueOf,
                                                 const KernelContext &context) {
  auto optional = [&](mlir::Value value) {
    return value ? &valueOf(value) : nullptr;
  };
  LSTMOperands in{&valueOf(op.getX()),
                  &valueOf(op.getW()),
                  &valueOf(op.getR()),
                  optional(op.getB()),
                  optional(op.getSequenceLens()),
                  optional(op.getInitialH()),
                  optional(op.getInitialC()),
                  optional(op.getP())};
  bool batchFirst = op.getLayout() == 1;
  int64_t hidden = op.getHiddenSize();
  // 8 * hidden_size must fit; R then bounds hidden_size by memory.
  if (hidden > std::numeric_limits<int64_t>::max() / 8)
    return llvm::createStringError("hidden_size " + llvm::Twine(hidden) +
                                   " is too large");
  const Tensor &x = *in.x;
  LSTMGeometry geo{x.getDimSize(batchFirst ? 1 : 0),
                   x.getDimSize(batchFirst ? 0 : 1),
                   x.getDimSize(2),
                   hidden,
                   op.getNumDirections(),
                   batchFirst};
  if (Error err = checkOperands(in, geo))
    return std::move(err);

  // Outputs start as zeros: the padding steps of short sequences stay so.
  std::optional<Tensor> y, yh, yc;
  auto allocate = [&](mlir::Value result, llvm::ArrayRef<int64_t> shape,
                      std::optional<Tensor> &slot) -> Error {
    if (!result)
      return Error::success();
    Expected<Tensor> tensor = context.create(ElementType::Float32, shape);
    if (!tensor)
      return tensor.takeError();
    slot.emplace(std::move(*tensor));
    return Error::success();
  };
  if (Error err = allocate(op.getY(), geo.yShape(), y))
    return std::move(err);
  if (Error err = allocate(op.getYH(), geo.stateShape(), yh))
    return std::move(err);
  if (Error err = allocate(op.getYC(), geo.stateShape(), yc))
    return std::move(err);

  for (int64_t d = 0; d < geo.dirs; ++d) {
    DirectionRunner runner(op, in, geo, d, context);
    if (Error err = runner.applyMasks())
      return std::move(err);
    runner.run(y ? &*y : nullptr, yh ? &*yh : nullptr, yc ? &*yc : nullptr);
  }

  std::vector<Tensor> results;
  for (std::optional<Tensor> *result : {&y, &yh, &yc})
    if (*result)
      results.push_back(std::move(**result));
  return results;
}
