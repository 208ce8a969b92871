//===- RecurrentOps.cpp - ONNX LSTM to hcgs.lstm --------------------------===//
//
// The whole LSTM operator, attribute by attribute, with the spec's defaults
// made explicit in the IR. GRU and RNN are refused by name.
//
//===----------------------------------------------------------------------===//

#include "GraphImporter.h"

#include "hcgs/Dialect/HCGS/HCGSOps.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>

using namespace mlir;

namespace hcgs::onnximport {
namespace {

/// The largest hidden_size taken: enough for any speech model, small enough
/// that 8 * hidden_size and the weight shapes cannot overflow.
constexpr int64_t kMaxHiddenSize = int64_t(1) << 24;

/// An activation function the ONNX RNN operators list, with the defaults of
/// its alpha and beta: those of the ONNX operator of the same name. Affine
/// and ScaledTanh have no such operator, so no defaults: they must be given.
struct ActivationInfo {
  StringRef onnxName;
  ActivationKind kind;
  std::optional<float> defaultAlpha, defaultBeta;
};

const ActivationInfo kActivations[] = {
    {"Relu", ActivationKind::Relu, {}, {}},
    {"Tanh", ActivationKind::Tanh, {}, {}},
    {"Sigmoid", ActivationKind::Sigmoid, {}, {}},
    {"Affine", ActivationKind::Affine, {}, {}},
    {"LeakyRelu", ActivationKind::LeakyRelu, 0.01f, {}},
    {"ThresholdedRelu", ActivationKind::ThresholdedRelu, 1.0f, {}},
    {"ScaledTanh", ActivationKind::ScaledTanh, {}, {}},
    {"HardSigmoid", ActivationKind::HardSigmoid, 0.2f, 0.5f},
    {"Elu", ActivationKind::Elu, 1.0f, {}},
    {"Softsign", ActivationKind::Softsign, {}, {}},
    {"Softplus", ActivationKind::Softplus, {}, {}},
};

/// The activations attribute of hcgs.lstm: f, g, h for each direction.
///
/// activation_alpha and activation_beta are consumed in the order of the
/// activations, each value by the next function that takes one (as ONNX
/// Runtime reads them); a function whose list has run out gets its default.
/// Names are matched without regard to case, as ONNX Runtime does. Values
/// left over are an error rather than silently unused.
Expected<ArrayAttr> getActivations(MLIRContext *context, const Node &node,
                                   int64_t numDirections) {
  Expected<std::optional<SmallVector<std::string>>> names =
      node.getStrings("activations");
  if (!names)
    return names.takeError();
  Expected<std::optional<SmallVector<float>>> alphas =
      node.getFloats("activation_alpha");
  if (!alphas)
    return alphas.takeError();
  Expected<std::optional<SmallVector<float>>> betas =
      node.getFloats("activation_beta");
  if (!betas)
    return betas.takeError();

  SmallVector<std::string> functions;
  if (*names)
    functions = **names;
  else
    for (int64_t d = 0; d < numDirections; ++d)
      functions.append({"Sigmoid", "Tanh", "Tanh"});
  if (static_cast<int64_t>(functions.size()) != 3 * numDirections)
    return makeError("has " + Twine(functions.size()) +
                     " activations, expected " + Twine(3 * numDirections) +
                     " (f, g, h for each direction)");

  SmallVector<float> alphaList = alphas->value_or(SmallVector<float>());
  SmallVector<float> betaList = betas->value_or(SmallVector<float>());
  size_t nextAlpha = 0, nextBeta = 0;
  Type f32 = Float32Type::get(context);
  SmallVector<Attribute> result;
  for (auto [index, name] : llvm::enumerate(functions)) {
    const ActivationInfo *info = llvm::find_if(
        kActivations, [&, name = StringRef(name)](const ActivationInfo &a) {
          return a.onnxName.equals_insensitive(name);
        });
    if (info == std::end(kActivations))
      return makeError("activation " + Twine(index) + " is " + quote(name) +
                       ", which is not an ONNX RNN activation function");
    auto takeParameter = [&](bool takes, SmallVector<float> &list, size_t &next,
                             std::optional<float> fallback,
                             StringRef listName) -> Expected<FloatAttr> {
      if (!takes)
        return FloatAttr();
      if (next < list.size()) {
        // The hcgs.act verifier refuses them too; this names the node.
        if (!std::isfinite(list[next]))
          return makeError(listName + "[" + Twine(next) + "] (of activation " +
                           Twine(index) + ", " + info->onnxName +
                           ") is NaN or infinite");
        return FloatAttr::get(f32, list[next++]);
      }
      if (!fallback)
        return makeError("activation " + Twine(index) + " (" + info->onnxName +
                         ") has no default " +
                         StringRef(listName).drop_front(11) + ", and " +
                         listName + " has no value left for it");
      return FloatAttr::get(f32, *fallback);
    };
    Expected<FloatAttr> alpha =
        takeParameter(ActivationAttr::takesAlpha(info->kind), alphaList,
                      nextAlpha, info->defaultAlpha, "activation_alpha");
    if (!alpha)
      return alpha.takeError();
    Expected<FloatAttr> beta =
        takeParameter(ActivationAttr::takesBeta(info->kind), betaList, nextBeta,
                      info->defaultBeta, "activation_beta");
    if (!beta)
      return beta.takeError();
    result.push_back(ActivationAttr::get(context, info->kind, *alpha, *beta));
  }
  if (nextAlpha != alphaList.size() || nextBeta != betaList.size())
    return makeError("activation_alpha / activation_beta have " +
                     Twine(alphaList.size()) + " / " + Twine(betaList.size()) +
                     " values, but the activations take " + Twine(nextAlpha) +
                     " / " + Twine(nextBeta));
  return ArrayAttr::get(context, result);
}

Expected<Direction> getDirection(const Node &node) {
  Expected<std::string> direction = node.getString("direction", "forward");
  if (!direction)
    return direction.takeError();
  if (*direction == "forward")
    return Direction::Forward;
  if (*direction == "reverse")
    return Direction::Reverse;
  if (*direction == "bidirectional")
    return Direction::Bidirectional;
  return makeError("direction " + quote(*direction) +
                   " is not forward, reverse or bidirectional");
}

/// hidden_size, or R's last dimension when the attribute is absent.
Expected<int64_t> getHiddenSize(GraphImporter &importer, const Node &node) {
  std::optional<int64_t> hidden;
  if (node.hasAttribute("hidden_size")) {
    Expected<int64_t> attr = node.getInt("hidden_size", std::nullopt);
    if (!attr)
      return attr.takeError();
    hidden = *attr;
  } else {
    Expected<ImportedValue> r = importer.getInput(node, 2);
    if (!r)
      return r.takeError();
    ArrayRef<int64_t> shape = r->getShape();
    if (shape.size() != 3 || shape[2] == kDynamic)
      return makeError("has no hidden_size, and R's shape " +
                       formatShape(shape) + " does not give it");
    hidden = shape[2];
  }
  if (*hidden < 1 || *hidden > kMaxHiddenSize)
    return makeError("hidden_size " + Twine(*hidden) + " is out of range [1, " +
                     Twine(kMaxHiddenSize) + "]");
  return *hidden;
}

/// A 0/1 attribute.
Expected<int64_t> getFlag(const Node &node, StringRef name) {
  Expected<int64_t> value = node.getInt(name, 0);
  if (!value)
    return value.takeError();
  if (*value != 0 && *value != 1)
    return makeError(name + " must be 0 or 1, got " + Twine(*value));
  return *value;
}

/// The optional input `index` as an IR value (null when absent); an initial
/// state that is known to be all zeros is dropped, since an absent state
/// means zeros (exporters compute them, possibly of dynamic batch size).
Expected<Value> getOptionalInput(GraphImporter &importer, const Node &node,
                                 size_t index, bool dropIfZero) {
  if (!node.hasInput(index))
    return Value();
  ImportedValue *input = importer.lookup(node.getInputName(index));
  if (dropIfZero && input->isHost() && input->host->isAllZero())
    return Value();
  return importer.getValueInput(node, index);
}

Error importLSTM(GraphImporter &importer, const Node &node) {
  if (Error error = node.checkArity(3, 8, 3))
    return error;
  SmallVector<StringRef> known{
      "activation_alpha", "activation_beta", "activations", "clip",
      "direction",        "hidden_size",     "input_forget"};
  if (node.getOpset() >= 14)
    known.push_back("layout");
  if (Error error = node.checkAttributes(known))
    return error;

  MLIRContext *context = importer.getContext();
  Expected<Direction> direction = getDirection(node);
  if (!direction)
    return direction.takeError();
  int64_t numDirections = *direction == Direction::Bidirectional ? 2 : 1;
  Expected<int64_t> hidden = getHiddenSize(importer, node);
  if (!hidden)
    return hidden.takeError();
  Expected<ArrayAttr> activations =
      getActivations(context, node, numDirections);
  if (!activations)
    return activations.takeError();
  Expected<int64_t> inputForget = getFlag(node, "input_forget");
  if (!inputForget)
    return inputForget.takeError();
  Expected<int64_t> layout = getFlag(node, "layout");
  if (!layout)
    return layout.takeError();
  FloatAttr clip;
  if (node.hasAttribute("clip")) {
    Expected<float> value = node.getFloat("clip", std::nullopt);
    if (!value)
      return value.takeError();
    if (!(*value > 0.0f))
      return makeError("clip must be positive, got " + formatFloat(*value));
    clip = FloatAttr::get(Float32Type::get(context), *value);
  }

  SmallVector<Value, 3> required;
  for (size_t index : {0, 1, 2}) {
    Expected<Value> value = importer.getValueInput(node, index);
    if (!value)
      return value.takeError();
    required.push_back(*value);
  }
  Value x = required[0];
  SmallVector<Value, 5> optional;
  for (size_t index = 3; index < 8; ++index) {
    bool isState = index == 5 || index == 6;
    Expected<Value> value = getOptionalInput(importer, node, index, isState);
    if (!value)
      return value.takeError();
    optional.push_back(*value);
  }
  if (Value lengths = optional[1];
      lengths && !cast<RankedTensorType>(lengths.getType())
                      .getElementType()
                      .isSignlessInteger(32))
    return makeError("sequence_lens must be int32");

  auto xType = dyn_cast<RankedTensorType>(x.getType());
  if (xType.getRank() != 3)
    return makeError("X must have rank 3, got the shape " +
                     formatShape(xType.getShape()));
  int64_t seq = xType.getDimSize(*layout ? 1 : 0);
  int64_t batch = xType.getDimSize(*layout ? 0 : 1);
  if (node.hasInput(4)) {
    // Lengths known at import time are checked here, as ONNX Runtime does
    // when it runs the model.
    ImportedValue *lengths = importer.lookup(node.getInputName(4));
    if (lengths->isHost() && lengths->host->isKnown())
      for (int64_t i = 0, e = lengths->host->getNumElements(); i < e; ++i) {
        int64_t length = lengths->host->getInt(i);
        if (length < 0 || (seq != kDynamic && length > seq))
          return makeError("sequence_lens[" + Twine(i) + "] is " +
                           Twine(length) + ", outside [0, " +
                           (seq == kDynamic ? "the run's sequence length"
                                            : std::to_string(seq)) +
                           "]");
      }
  }

  SmallVector<int64_t> yShape =
      *layout ? SmallVector<int64_t>{batch, seq, numDirections, *hidden}
              : SmallVector<int64_t>{seq, numDirections, batch, *hidden};
  SmallVector<int64_t> stateShape =
      *layout ? SmallVector<int64_t>{batch, numDirections, *hidden}
              : SmallVector<int64_t>{numDirections, batch, *hidden};
  if (Error error = checkShapeSize(yShape))
    return error;
  auto typeIf = [&](size_t output, ArrayRef<int64_t> shape) {
    return node.hasOutput(output)
               ? Type(importer.getTensorType(shape, ElementKind::F32))
               : Type();
  };
  Type yType = typeIf(0, yShape), yhType = typeIf(1, stateShape),
       ycType = typeIf(2, stateShape);
  // A node whose outputs are all unused computes nothing.
  if (!yType && !yhType && !ycType)
    return Error::success();

  Builder &builder = importer.getBuilder();
  Expected<LSTMOp> op = importer.create<LSTMOp>(
      node, yType, yhType, ycType, x, required[1], required[2], optional[0],
      optional[1], optional[2], optional[3], optional[4],
      DirectionAttr::get(context, *direction),
      builder.getI64IntegerAttr(*hidden), *activations, clip,
      builder.getBoolAttr(*inputForget != 0),
      builder.getI64IntegerAttr(*layout), ArrayAttr(), ArrayAttr(),
      LSTMQuantAttr());
  if (!op)
    return op.takeError();
  Value results[] = {op->getY(), op->getYH(), op->getYC()};
  for (auto [index, result] : llvm::enumerate(results))
    if (result)
      if (Error error = importer.setOutput(node, index, {nullptr, result}))
        return error;
  return Error::success();
}

/// GRU and RNN: named, so that the error says what is missing.
Error refuseRecurrent(GraphImporter &, const Node &node) {
  return makeError(node.getOpType() +
                   " is not supported: hcgs imports LSTM layers only");
}

} // namespace

void registerRecurrentOps(llvm::StringMap<NodeImportFn> &table) {
  table["LSTM"] = importLSTM;
  table["GRU"] = refuseRecurrent;
  table["RNN"] = refuseRecurrent;
}

} // namespace hcgs::onnximport
