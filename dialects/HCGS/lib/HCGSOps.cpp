//===- HCGSOps.cpp - hcgs operations --------------------------------------===//

#include "hcgs/Dialect/HCGS/HCGSOps.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace hcgs;

namespace {
constexpr int64_t kDynamic = ShapedType::kDynamic;

/// Prints a shape as [2, ?, 4].
std::string formatShape(ArrayRef<int64_t> shape) {
  std::string text = "[";
  llvm::raw_string_ostream os(text);
  llvm::interleaveComma(shape, os, [&](int64_t dim) {
    if (ShapedType::isDynamic(dim))
      os << '?';
    else
      os << dim;
  });
  os << ']';
  return text;
}

bool dimsAgree(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

/// Checks that `type` has the `expected` shape, where dynamic entries in
/// either stand for "unknown"; `meaning` names the dimensions for the error.
LogicalResult checkShape(Operation *op, StringRef name, Type type,
                         ArrayRef<int64_t> expected, StringRef meaning) {
  auto shaped = cast<RankedTensorType>(type);
  ArrayRef<int64_t> actual = shaped.getShape();
  bool agrees = actual.size() == expected.size() &&
                llvm::all_of(llvm::zip(actual, expected), [](auto pair) {
                  return dimsAgree(std::get<0>(pair), std::get<1>(pair));
                });
  if (agrees)
    return success();
  return op->emitOpError() << name << " has shape " << formatShape(actual)
                           << ", expected " << formatShape(expected) << " ("
                           << meaning << ")";
}

/// The size of `dim` of a ranked tensor value, or kDynamic.
int64_t dimOf(Value value, unsigned dim) {
  return cast<RankedTensorType>(value.getType()).getDimSize(dim);
}
/// Checks a weight format: signed, one fraction or one per row.
LogicalResult checkWeightFormat(Operation *op, StringRef name,
                                FixedPointAttr format, int64_t rows) {
  int64_t fractions = format.getFracBits().size();
  if (!format.getIsSigned() || (fractions != 1 && fractions != rows))
    return op->emitOpError()
           << "quant: " << name << " must be a signed format with one "
           << "fraction or one per row (" << rows << "), got " << fractions;
  return success();
}

/// Checks that an optional format is given exactly when its operand is.
LogicalResult checkPresence(Operation *op, StringRef name, FixedPointAttr format,
                            Value operand) {
  if (static_cast<bool>(format) != static_cast<bool>(operand))
    return op->emitOpError() << "quant: " << name << " format "
                             << (format ? "given without" : "missing for")
                             << " its operand";
  return success();
}

/// Checks that signal formats have one fraction each.
LogicalResult checkPerTensor(Operation *op,
                             ArrayRef<std::pair<StringRef, FixedPointAttr>> formats) {
  for (auto [name, format] : formats)
    if (format && format.isPerRow())
      return op->emitOpError() << "quant: " << name
                               << " must have one fraction for the tensor";
  return success();
}
} // namespace

//===----------------------------------------------------------------------===//
// LSTMOp
//===----------------------------------------------------------------------===//

namespace {
/// Keywords of the optional LSTM operands, in operand order after X, W, R.
constexpr llvm::StringLiteral kOptionalOperandKeywords[] = {
    "bias", "sequence_lens", "initial_h", "initial_c", "peepholes"};
constexpr llvm::StringLiteral kResultNames[] = {"Y", "Y_h", "Y_c"};
} // namespace

ParseResult LSTMOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<OpAsmParser::UnresolvedOperand, 8> operands;
  std::array<int32_t, 8> operandSegments{1, 1, 1, 0, 0, 0, 0, 0};
  std::array<int32_t, 3> resultSegments{0, 0, 0};
  SMLoc operandsLoc = parser.getCurrentLocation();
  if (parser.parseOperandList(operands, 3, OpAsmParser::Delimiter::Paren))
    return failure();
  for (auto [index, keyword] : llvm::enumerate(kOptionalOperandKeywords)) {
    if (failed(parser.parseOptionalKeyword(keyword)))
      continue;
    if (parser.parseLParen() || parser.parseOperand(operands.emplace_back()) ||
        parser.parseRParen())
      return failure();
    operandSegments[3 + index] = 1;
  }
  SmallVector<Type, 8> operandTypes;
  if (parser.parseOptionalAttrDict(result.attributes) || parser.parseColon() ||
      parser.parseLParen() || parser.parseTypeList(operandTypes) ||
      parser.parseRParen() || parser.parseArrow() || parser.parseLParen())
    return failure();
  size_t nextResult = 0;
  auto parseResult = [&]() -> ParseResult {
    StringRef name;
    SMLoc loc = parser.getCurrentLocation();
    Type type;
    if (parser.parseKeyword(&name) || parser.parseColon() ||
        parser.parseType(type))
      return failure();
    auto *it = llvm::find(kResultNames, name);
    if (it == std::end(kResultNames))
      return parser.emitError(loc, "expected result Y, Y_h or Y_c");
    size_t index = it - std::begin(kResultNames);
    if (index < nextResult)
      return parser.emitError(loc, "results must be listed once each, in the "
                                   "order Y, Y_h, Y_c");
    nextResult = index + 1;
    resultSegments[index] = 1;
    result.addTypes(type);
    return success();
  };
  if (failed(parser.parseOptionalRParen()) &&
      (parser.parseCommaSeparatedList(parseResult) || parser.parseRParen()))
    return failure();
  if (parser.resolveOperands(operands, operandTypes, operandsLoc,
                             result.operands))
    return failure();
  Properties &props = result.getOrAddProperties<Properties>();
  props.operandSegmentSizes = operandSegments;
  props.resultSegmentSizes = resultSegments;
  return success();
}

void LSTMOp::print(OpAsmPrinter &p) {
  p << '(' << getX() << ", " << getW() << ", " << getR() << ')';
  Value optionals[] = {getB(), getSequenceLens(), getInitialH(), getInitialC(),
                       getP()};
  for (auto [keyword, value] : llvm::zip(kOptionalOperandKeywords, optionals))
    if (value)
      p << ' ' << keyword << '(' << value << ')';
  SmallVector<StringRef, 4> elided{"operandSegmentSizes", "resultSegmentSizes"};
  if (!getInputForget())
    elided.push_back("input_forget");
  if (getLayout() == 0)
    elided.push_back("layout");
  p.printOptionalAttrDict((*this)->getAttrs(), elided);
  p << " : (";
  llvm::interleaveComma(getOperandTypes(), p);
  p << ") -> (";
  Value results[] = {getY(), getYH(), getYC()};
  bool first = true;
  for (auto [name, value] : llvm::zip(kResultNames, results)) {
    if (!value)
      continue;
    if (!first)
      p << ", ";
    first = false;
    p << name << ": " << value.getType();
  }
  p << ')';
}

LogicalResult LSTMOp::verify() {
  Operation *op = getOperation();
  int64_t hidden = getHiddenSize();
  if (hidden <= 0)
    return emitOpError() << "hidden_size must be positive, got " << hidden;
  // Keeps 8 * hidden_size and the shapes derived from it far from overflow.
  constexpr int64_t kMaxHidden = int64_t(1) << 30;
  if (hidden > kMaxHidden)
    return emitOpError() << "hidden_size " << hidden << " is larger than "
                         << kMaxHidden;
  int64_t layout = getLayout();
  if (layout != 0 && layout != 1)
    return emitOpError() << "layout must be 0 or 1, got " << layout;
  if (!getY() && !getYH() && !getYC())
    return emitOpError() << "needs at least one of the results Y, Y_h, Y_c";

  int64_t dirs = getNumDirections();
  auto xType = cast<RankedTensorType>(getX().getType());
  if (xType.getRank() != 3)
    return emitOpError() << "X must have rank 3 ("
                         << (layout ? "[batch_size, seq_length, input_size]"
                                    : "[seq_length, batch_size, input_size]")
                         << "), got rank " << xType.getRank();
  int64_t seq = xType.getDimSize(layout ? 1 : 0);
  int64_t batch = xType.getDimSize(layout ? 0 : 1);
  int64_t input = xType.getDimSize(2);
  int64_t gates = 4 * hidden;

  if (failed(checkShape(op, "W", getW().getType(), {dirs, gates, input},
                        "[num_directions, 4*hidden_size, input_size]")) ||
      failed(checkShape(op, "R", getR().getType(), {dirs, gates, hidden},
                        "[num_directions, 4*hidden_size, hidden_size]")))
    return failure();
  if (getB() && failed(checkShape(op, "B", getB().getType(),
                                  {dirs, 8 * hidden},
                                  "[num_directions, 8*hidden_size]")))
    return failure();
  if (getSequenceLens() &&
      failed(checkShape(op, "sequence_lens", getSequenceLens().getType(),
                        {batch}, "[batch_size]")))
    return failure();
  SmallVector<int64_t, 3> stateShape =
      layout ? SmallVector<int64_t, 3>{batch, dirs, hidden}
             : SmallVector<int64_t, 3>{dirs, batch, hidden};
  StringRef stateMeaning = layout ? "[batch_size, num_directions, hidden_size]"
                                  : "[num_directions, batch_size, hidden_size]";
  if (getInitialH() && failed(checkShape(op, "initial_h",
                                         getInitialH().getType(), stateShape,
                                         stateMeaning)))
    return failure();
  if (getInitialC() && failed(checkShape(op, "initial_c",
                                         getInitialC().getType(), stateShape,
                                         stateMeaning)))
    return failure();
  if (getP() && failed(checkShape(op, "P", getP().getType(), {dirs, 3 * hidden},
                                  "[num_directions, 3*hidden_size]")))
    return failure();

  if (getY()) {
    SmallVector<int64_t, 4> yShape =
        layout ? SmallVector<int64_t, 4>{batch, seq, dirs, hidden}
               : SmallVector<int64_t, 4>{seq, dirs, batch, hidden};
    if (failed(checkShape(
            op, "Y", getY().getType(), yShape,
            layout ? "[batch_size, seq_length, num_directions, hidden_size]"
                   : "[seq_length, num_directions, batch_size, hidden_size]")))
      return failure();
  }
  if (getYH() && failed(checkShape(op, "Y_h", getYH().getType(), stateShape,
                                   stateMeaning)))
    return failure();
  if (getYC() && failed(checkShape(op, "Y_c", getYC().getType(), stateShape,
                                   stateMeaning)))
    return failure();

  if (static_cast<int64_t>(getActivations().size()) != 3 * dirs)
    return emitOpError() << "needs " << 3 * dirs
                         << " activations (f, g, h for each direction), got "
                         << getActivations().size();
  if (std::optional<APFloat> clip = getClip()) {
    if (!(clip->convertToDouble() > 0.0))
      return emitOpError() << "clip must be positive, got "
                           << clip->convertToDouble();
  }

  auto checkMasks = [&](StringRef name, std::optional<ArrayAttr> masks,
                        int64_t cols) -> LogicalResult {
    if (!masks)
      return success();
    if (static_cast<int64_t>(masks->size()) != dirs)
      return emitOpError() << name << " needs one mask per direction ("
                           << dirs << "), got " << masks->size();
    for (auto [index, attr] : llvm::enumerate(*masks)) {
      auto mask = cast<BlockMaskAttr>(attr);
      if (mask.getRows() != hidden || !dimsAgree(mask.getCols(), cols))
        return emitOpError()
               << name << "[" << index << "] is " << mask.getRows() << "x"
               << mask.getCols() << ", expected " << hidden << "x"
               << (ShapedType::isDynamic(cols) ? std::string("?")
                                               : std::to_string(cols))
               << " (shared by the four gates: hidden_size x "
               << (name == "w_masks" ? "input_size" : "hidden_size") << ")";
    }
    return success();
  };
  if (failed(checkMasks("w_masks", getWMasks(), dimOf(getW(), 2))) ||
      failed(checkMasks("r_masks", getRMasks(), hidden)))
    return failure();

  if (LSTMQuantAttr quant = getQuantAttr()) {
    int64_t rows = dirs * gates;
    if (failed(checkWeightFormat(op, "weights", quant.getWeights(), rows)) ||
        failed(checkWeightFormat(op, "recurrent", quant.getRecurrent(), rows)) ||
        failed(checkPresence(op, "bias", quant.getBias(), getB())) ||
        failed(checkPresence(op, "peepholes", quant.getPeepholes(), getP())) ||
        failed(checkPerTensor(
            op, {{"bias", quant.getBias()}, {"peepholes", quant.getPeepholes()},
                 {"acc", quant.getAcc()}, {"gates", quant.getGates()},
                 {"candidate", quant.getCandidate()},
                 {"cell_act", quant.getCellAct()}, {"cell", quant.getCell()},
                 {"hidden", quant.getHidden()}})))
      return failure();
    for (auto [name, range] :
         {std::pair<StringRef, FloatAttr>{"f_range", quant.getFRange()},
          {"g_range", quant.getGRange()}, {"h_range", quant.getHRange()}})
      if (!(range.getValueAsDouble() > 0.0))
        return emitOpError() << "quant: " << name << " must be positive";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// FCOp
//===----------------------------------------------------------------------===//

LogicalResult FCOp::verify() {
  Operation *op = getOperation();
  auto inputType = cast<RankedTensorType>(getInput().getType());
  auto weightType = cast<RankedTensorType>(getWeight().getType());
  if (inputType.getRank() < 1)
    return emitOpError() << "input must have rank 1 or more";
  if (weightType.getRank() != 2)
    return emitOpError() << "weight must have rank 2 ([out_features, "
                            "in_features]), got rank "
                         << weightType.getRank();
  int64_t in = inputType.getShape().back();
  int64_t out = weightType.getDimSize(0);
  if (failed(checkShape(op, "weight", weightType, {out, in},
                        "[out_features, in_features], in_features from the "
                        "input's last dimension")))
    return failure();
  if (getBias() && failed(checkShape(op, "bias", getBias().getType(), {out},
                                     "[out_features]")))
    return failure();
  SmallVector<int64_t> outShape(inputType.getShape());
  outShape.back() = out;
  if (failed(checkShape(op, "output", getOutput().getType(), outShape,
                        "the input's shape with out_features last")))
    return failure();
  if (BlockMaskAttr mask = getMaskAttr()) {
    if (!dimsAgree(mask.getRows(), out) || !dimsAgree(mask.getCols(), in))
      return emitOpError() << "mask is " << mask.getRows() << "x"
                           << mask.getCols() << ", expected the weight's "
                           << formatShape(weightType.getShape());
  }
  if (FCQuantAttr quant = getQuantAttr()) {
    if (failed(checkWeightFormat(op, "weights", quant.getWeights(), out)) ||
        failed(checkPresence(op, "bias", quant.getBias(), getBias())) ||
        failed(checkPerTensor(op, {{"bias", quant.getBias()},
                                   {"acc", quant.getAcc()},
                                   {"output", quant.getOutput()}})))
      return failure();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::verify() {
  auto inputType = cast<RankedTensorType>(getInput().getType());
  ArrayRef<int64_t> perm = getPermutation();
  if (static_cast<int64_t>(perm.size()) != inputType.getRank())
    return emitOpError() << "permutation has " << perm.size()
                         << " entries, input has rank " << inputType.getRank();
  SmallVector<bool> seen(perm.size(), false);
  SmallVector<int64_t> expected;
  for (int64_t dim : perm) {
    if (dim < 0 || dim >= inputType.getRank() || seen[dim])
      return emitOpError() << "permutation " << formatShape(perm)
                           << " is not a permutation of [0, "
                           << inputType.getRank() << ")";
    seen[dim] = true;
    expected.push_back(inputType.getDimSize(dim));
  }
  return checkShape(getOperation(), "output", getOutput().getType(), expected,
                    "the input's dimensions permuted");
}

LogicalResult ReshapeOp::verify() {
  auto inputType = cast<RankedTensorType>(getInput().getType());
  auto outputType = cast<RankedTensorType>(getOutput().getType());
  int64_t inputDynamic = inputType.getNumDynamicDims();
  int64_t outputDynamic = outputType.getNumDynamicDims();
  if (outputDynamic > 1 || outputDynamic > inputDynamic)
    return emitOpError() << "result shape " << formatShape(outputType.getShape())
                         << " has more unknown dimensions than the input's "
                         << formatShape(inputType.getShape())
                         << " can determine";
  if (inputDynamic == 0 &&
      inputType.getNumElements() != outputType.getNumElements())
    return emitOpError() << "cannot reshape " << inputType.getNumElements()
                         << " elements " << formatShape(inputType.getShape())
                         << " into " << outputType.getNumElements() << " "
                         << formatShape(outputType.getShape());
  return success();
}

LogicalResult ConcatOp::verify() {
  if (getInputs().empty())
    return emitOpError() << "needs at least one input";
  auto outputType = cast<RankedTensorType>(getOutput().getType());
  int64_t rank = outputType.getRank();
  int64_t axis = getAxis();
  if (axis < 0 || axis >= rank)
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << rank;
  SmallVector<int64_t> expected(outputType.getShape());
  expected[axis] = 0;
  for (auto [index, input] : llvm::enumerate(getInputs())) {
    auto type = cast<RankedTensorType>(input.getType());
    if (type.getRank() != rank)
      return emitOpError() << "input " << index << " has rank "
                           << type.getRank() << ", expected " << rank;
    for (int64_t d = 0; d < rank; ++d) {
      if (d == axis)
        continue;
      if (!dimsAgree(type.getDimSize(d), outputType.getDimSize(d)))
        return emitOpError() << "input " << index << " has shape "
                             << formatShape(type.getShape())
                             << ", which does not match the output "
                             << formatShape(outputType.getShape())
                             << " outside axis " << axis;
    }
    expected[axis] = ShapedType::isDynamic(expected[axis]) ||
                             type.isDynamicDim(axis)
                         ? kDynamic
                         : expected[axis] + type.getDimSize(axis);
  }
  return checkShape(getOperation(), "output", outputType, expected,
                    "the inputs joined along the axis");
}

LogicalResult SliceOp::verify() {
  auto inputType = cast<RankedTensorType>(getInput().getType());
  auto outputType = cast<RankedTensorType>(getOutput().getType());
  int64_t rank = inputType.getRank();
  ArrayRef<int64_t> offsets = getOffsets(), strides = getStrides();
  if (static_cast<int64_t>(offsets.size()) != rank ||
      static_cast<int64_t>(strides.size()) != rank ||
      outputType.getRank() != rank)
    return emitOpError() << "offsets, strides and the output need rank "
                         << rank;
  for (int64_t d = 0; d < rank; ++d) {
    if (offsets[d] < 0)
      return emitOpError() << "offset " << offsets[d] << " in dimension " << d
                           << " is negative";
    if (strides[d] <= 0)
      return emitOpError() << "stride " << strides[d] << " in dimension " << d
                           << " must be positive";
    int64_t count = outputType.getDimSize(d), size = inputType.getDimSize(d);
    if (ShapedType::isDynamic(count) || ShapedType::isDynamic(size))
      continue;
    if (count > 0 && offsets[d] + (count - 1) * strides[d] >= size)
      return emitOpError() << "dimension " << d << " reads index "
                           << offsets[d] + (count - 1) * strides[d]
                           << ", past the input's size " << size;
  }
  return success();
}

#define GET_OP_CLASSES
#include "hcgs/Dialect/HCGS/HCGSOps.cpp.inc"
