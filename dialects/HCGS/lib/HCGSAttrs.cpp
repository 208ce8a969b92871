//===- HCGSAttrs.cpp - hcgs attributes ------------------------------------===//

#include "hcgs/Dialect/HCGS/HCGSAttrs.h"
#include "hcgs/Dialect/HCGS/HCGSDialect.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <cstring>

using namespace mlir;
using namespace hcgs;

#include "hcgs/Dialect/HCGS/HCGSEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "hcgs/Dialect/HCGS/HCGSAttrs.cpp.inc"

void HCGSDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "hcgs/Dialect/HCGS/HCGSAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// ActivationAttr
//===----------------------------------------------------------------------===//

bool ActivationAttr::takesAlpha(ActivationKind kind) {
  switch (kind) {
  case ActivationKind::Affine:
  case ActivationKind::LeakyRelu:
  case ActivationKind::ThresholdedRelu:
  case ActivationKind::ScaledTanh:
  case ActivationKind::HardSigmoid:
  case ActivationKind::Elu:
    return true;
  default:
    return false;
  }
}

bool ActivationAttr::takesBeta(ActivationKind kind) {
  return kind == ActivationKind::Affine || kind == ActivationKind::ScaledTanh ||
         kind == ActivationKind::HardSigmoid;
}

LogicalResult
ActivationAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                       ActivationKind kind, FloatAttr alpha, FloatAttr beta) {
  StringRef name = stringifyActivationKind(kind);
  if (takesAlpha(kind) != static_cast<bool>(alpha))
    return emitError() << "activation '" << name << "' "
                       << (alpha ? "takes no alpha" : "needs an alpha");
  if (takesBeta(kind) != static_cast<bool>(beta))
    return emitError() << "activation '" << name << "' "
                       << (beta ? "takes no beta" : "needs a beta");
  for (FloatAttr value : {alpha, beta})
    if (value && !value.getType().isF32())
      return emitError() << "activation parameters are f32";
  // A NaN or infinite parameter makes NaN table entries, which no lookup
  // table code can hold.
  for (auto [paramName, value] : {std::pair{"alpha", alpha}, {"beta", beta}})
    if (value && !value.getValue().isFinite())
      return emitError() << "activation '" << name << "' has a non-finite "
                         << paramName << "; its parameters must be finite";
  return success();
}

double ActivationAttr::evaluate(double x) const {
  double alpha = getAlpha() ? getAlpha().getValueAsDouble() : 0.0;
  double beta = getBeta() ? getBeta().getValueAsDouble() : 0.0;
  switch (getKind()) {
  case ActivationKind::Relu:
    return std::max(x, 0.0);
  case ActivationKind::Tanh:
    return std::tanh(x);
  case ActivationKind::Sigmoid:
    return 1.0 / (1.0 + std::exp(-x));
  case ActivationKind::Affine:
    return alpha * x + beta;
  case ActivationKind::LeakyRelu:
    return x >= 0 ? x : alpha * x;
  case ActivationKind::ThresholdedRelu:
    return x > alpha ? x : 0.0;
  case ActivationKind::ScaledTanh:
    return alpha * std::tanh(beta * x);
  case ActivationKind::HardSigmoid:
    return std::clamp(alpha * x + beta, 0.0, 1.0);
  case ActivationKind::Elu:
    return x >= 0 ? x : alpha * (std::exp(x) - 1.0);
  case ActivationKind::Softsign:
    return x / (1.0 + std::fabs(x));
  case ActivationKind::Softplus:
    return std::log1p(std::exp(-std::fabs(x))) + std::max(x, 0.0);
  }
  llvm_unreachable("unknown activation kind");
}

Attribute ActivationAttr::parse(AsmParser &parser, Type) {
  StringRef keyword;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseLess() || parser.parseKeyword(&keyword))
    return {};
  std::optional<ActivationKind> kind = symbolizeActivationKind(keyword);
  if (!kind) {
    parser.emitError(loc) << "unknown activation '" << keyword << "'";
    return {};
  }
  FloatAttr alpha, beta;
  Type f32 = parser.getBuilder().getF32Type();
  while (succeeded(parser.parseOptionalComma())) {
    StringRef name;
    loc = parser.getCurrentLocation();
    APFloat value(0.0f);
    if (parser.parseKeyword(&name) || parser.parseEqual() ||
        parser.parseFloat(llvm::APFloat::IEEEsingle(), value))
      return {};
    FloatAttr *slot = name == "alpha" ? &alpha : name == "beta" ? &beta : nullptr;
    if (!slot) {
      parser.emitError(loc) << "expected 'alpha' or 'beta', got '" << name << "'";
      return {};
    }
    if (*slot) {
      parser.emitError(loc) << "'" << name << "' given twice";
      return {};
    }
    *slot = FloatAttr::get(f32, value);
  }
  if (parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(loc); },
                    parser.getContext(), *kind, alpha, beta);
}

void ActivationAttr::print(AsmPrinter &printer) const {
  printer << '<' << stringifyActivationKind(getKind());
  if (getAlpha()) {
    printer << ", alpha = ";
    printer.printFloat(getAlpha().getValue());
  }
  if (getBeta()) {
    printer << ", beta = ";
    printer.printFloat(getBeta().getValue());
  }
  printer << '>';
}

//===----------------------------------------------------------------------===//
// FixedPointAttr
//===----------------------------------------------------------------------===//

LogicalResult
FixedPointAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                       unsigned bits, bool isSigned, ArrayRef<int32_t> fracBits) {
  // Up to 63 bits, so that every code fits an int64_t.
  if (bits < 1 || bits > 63)
    return emitError() << "fixed-point width must be 1 to 63 bits, got " << bits;
  if (isSigned && bits < 2)
    return emitError() << "a signed fixed-point format needs at least 2 bits";
  if (fracBits.empty())
    return emitError() << "fixed-point format needs fraction bits";
  for (int32_t frac : fracBits)
    if (frac < -64 || frac > 64)
      return emitError() << "fraction bits must be in [-64, 64], got " << frac;
  return success();
}

int32_t FixedPointAttr::getFracBitsForRow(int64_t row) const {
  return isPerRow() ? getFracBits()[row] : getFracBits().front();
}

int64_t FixedPointAttr::getMinCode() const {
  return getIsSigned() ? -(int64_t(1) << (getBits() - 1)) : 0;
}

int64_t FixedPointAttr::getMaxCode() const {
  return getIsSigned() ? (int64_t(1) << (getBits() - 1)) - 1
                       : (int64_t(1) << getBits()) - 1;
}

/// value * 2^exponent, as std::ldexp: multiplying by an exact power of two
/// rounds the exact product once, as ldexp does, without the libm call.
static double scaleByPowerOfTwo(double value, int32_t exponent) {
  if (exponent < -1022 || exponent > 1023)
    return std::ldexp(value, exponent);
  uint64_t bits = uint64_t(1023 + exponent) << 52; // a normal double
  double power;
  std::memcpy(&power, &bits, sizeof(power));
  return value * power;
}

double FixedPointAttr::roundToInteger(double value, bool tiesToEven) {
  // Below 2^51 without libm: adding 1.5 * 2^52 leaves no fraction bits (the
  // FPU rounds to nearest, ties to even); truncating through int64 and
  // looking at the exact remainder rounds ties away.
  if (!(std::fabs(value) < 0x1p51))
    return tiesToEven ? std::nearbyint(value) : std::round(value);
  double rounded;
  if (tiesToEven) {
    constexpr double kMagic = 0x1.8p52;
    rounded = (value + kMagic) - kMagic;
  } else {
    rounded = static_cast<double>(static_cast<int64_t>(value));
    double remainder = value - rounded;
    if (remainder >= 0.5)
      rounded += 1.0;
    else if (remainder <= -0.5)
      rounded -= 1.0;
  }
  return std::copysign(rounded, value); // -0.3 rounds to -0, as in libm
}

int64_t FixedPointAttr::toCode(double value, int64_t row,
                               bool tiesToEven) const {
  if (std::isnan(value))
    return 0;
  double scaled = scaleByPowerOfTwo(value, getFracBitsForRow(row));
  double rounded = roundToInteger(scaled, tiesToEven);
  double low = static_cast<double>(getMinCode());
  double high = static_cast<double>(getMaxCode());
  return static_cast<int64_t>(std::clamp(rounded, low, high));
}

double FixedPointAttr::fromCode(int64_t code, int64_t row) const {
  return scaleByPowerOfTwo(static_cast<double>(code),
                           -getFracBitsForRow(row));
}

Attribute FixedPointAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  Type storage;
  if (parser.parseLess() || parser.parseType(storage))
    return {};
  auto intType = dyn_cast<IntegerType>(storage);
  if (!intType) {
    parser.emitError(loc) << "expected an integer type such as i6 or ui8";
    return {};
  }
  SmallVector<int32_t> fracBits;
  if (parser.parseComma())
    return {};
  auto parseOne = [&]() -> ParseResult {
    return parser.parseInteger(fracBits.emplace_back());
  };
  if (succeeded(parser.parseOptionalLSquare())) {
    if (parser.parseCommaSeparatedList(parseOne) || parser.parseRSquare())
      return {};
  } else if (parseOne()) {
    return {};
  }
  if (parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    intType.getWidth(), !intType.isUnsigned(), fracBits);
}

void FixedPointAttr::print(AsmPrinter &printer) const {
  printer << '<' << (getIsSigned() ? "i" : "ui") << getBits() << ", ";
  if (isPerRow()) {
    printer << '[';
    llvm::interleaveComma(getFracBits(), printer);
    printer << ']';
  } else {
    printer << getFracBits().front();
  }
  printer << '>';
}

//===----------------------------------------------------------------------===//
// MaskLevelAttr
//===----------------------------------------------------------------------===//

MaskLevelAttr MaskLevelAttr::get(MLIRContext *context, int64_t blockRows,
                                 int64_t blockCols,
                                 ArrayRef<SmallVector<int32_t>> rows) {
  SmallVector<int32_t> offsets{0}, kept;
  for (const SmallVector<int32_t> &row : rows) {
    kept.append(row.begin(), row.end());
    offsets.push_back(kept.size());
  }
  return get(context, blockRows, blockCols, offsets, kept);
}

std::optional<int64_t> MaskLevelAttr::getBalancedKeep() const {
  std::optional<int64_t> keep;
  for (int64_t row = 0, e = getNumRows(); row < e; ++row) {
    int64_t count = getOffsets()[row + 1] - getOffsets()[row];
    if (keep && *keep != count)
      return std::nullopt;
    keep = count;
  }
  return keep.value_or(0);
}

/// Parses `BRxBC [[k, ...], ...]`, the body of a level.
static MaskLevelAttr parseMaskLevelBody(AsmParser &parser) {
  SmallVector<int64_t> shape;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseDimensionList(shape, /*allowDynamic=*/false,
                                /*withTrailingX=*/false))
    return {};
  if (shape.size() != 2) {
    parser.emitError(loc) << "a mask block shape is ROWSxCOLS";
    return {};
  }
  SmallVector<SmallVector<int32_t>> rows;
  auto parseRow = [&]() -> ParseResult {
    SmallVector<int32_t> &row = rows.emplace_back();
    return parser.parseCommaSeparatedList(
        AsmParser::Delimiter::Square,
        [&]() { return parser.parseInteger(row.emplace_back()); });
  };
  if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, parseRow))
    return {};
  return MaskLevelAttr::get(parser.getContext(), shape[0], shape[1], rows);
}

static void printMaskLevelBody(AsmPrinter &printer, MaskLevelAttr level) {
  printer << level.getBlockRows() << 'x' << level.getBlockCols() << " [";
  for (int64_t row = 0, e = level.getNumRows(); row < e; ++row) {
    if (row)
      printer << ", ";
    printer << '[';
    llvm::interleaveComma(level.getKeptInRow(row), printer);
    printer << ']';
  }
  printer << ']';
}

Attribute MaskLevelAttr::parse(AsmParser &parser, Type) {
  if (parser.parseLess())
    return {};
  MaskLevelAttr level = parseMaskLevelBody(parser);
  if (!level || parser.parseGreater())
    return {};
  return level;
}

void MaskLevelAttr::print(AsmPrinter &printer) const {
  printer << '<';
  printMaskLevelBody(printer, *this);
  printer << '>';
}

//===----------------------------------------------------------------------===//
// BlockMaskAttr
//===----------------------------------------------------------------------===//

LogicalResult
BlockMaskAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                      int64_t rows, int64_t cols, ArrayRef<MaskLevelAttr> levels) {
  if (rows <= 0 || cols <= 0)
    return emitError() << "mask shape must be positive, got " << rows << "x"
                       << cols;
  if (levels.empty())
    return emitError() << "mask needs at least one level";
  // The level above a level is described by its block shape and by how many
  // blocks it keeps; the first level's "parent" is the whole padded matrix.
  int64_t parentRows = 0, parentCols = 0, parentKept = 0;
  for (auto [index, level] : llvm::enumerate(levels)) {
    int64_t br = level.getBlockRows(), bc = level.getBlockCols();
    auto diag = [&, index = index]() {
      return emitError() << "mask level " << index << " (" << br << "x" << bc
                         << " blocks): ";
    };
    if (br <= 0 || bc <= 0)
      return diag() << "block shape must be positive";
    int64_t expectedRows, numCols;
    if (index == 0) {
      expectedRows = llvm::divideCeilSigned(rows, br);
      numCols = llvm::divideCeilSigned(cols, bc);
    } else {
      if (parentRows % br || parentCols % bc)
        return diag() << "block shape must divide the level above's "
                      << parentRows << "x" << parentCols << " blocks";
      expectedRows = parentKept * (parentRows / br);
      numCols = parentCols / bc;
    }
    ArrayRef<int32_t> offsets = level.getOffsets();
    if (static_cast<int64_t>(offsets.size()) != expectedRows + 1)
      return diag() << "has " << static_cast<int64_t>(offsets.size()) - 1
                    << " block-rows, expected " << expectedRows;
    if (offsets.front() != 0 ||
        offsets.back() != static_cast<int64_t>(level.getKept().size()))
      return diag() << "row offsets do not cover the kept list";
    for (int64_t row = 0; row < expectedRows; ++row) {
      if (offsets[row + 1] < offsets[row])
        return diag() << "row offsets decrease at block-row " << row;
      ArrayRef<int32_t> kept = level.getKeptInRow(row);
      for (auto [i, column] : llvm::enumerate(kept)) {
        if (column < 0 || column >= numCols)
          return diag() << "block-row " << row << " keeps block " << column
                        << ", out of range [0, " << numCols << ")";
        if (i > 0 && kept[i - 1] >= column)
          return diag() << "block-row " << row
                        << " kept blocks must be unique and sorted";
      }
    }
    parentRows = br;
    parentCols = bc;
    parentKept = level.getKept().size();
  }
  return success();
}

namespace {
/// A kept block of some level, in matrix coordinates.
struct KeptBlock {
  int64_t row, col;
};
} // namespace

/// Walks the levels and returns the kept blocks of the finest one.
static std::vector<KeptBlock> finestKeptBlocks(BlockMaskAttr mask) {
  std::vector<KeptBlock> parents;
  for (auto [index, level] : llvm::enumerate(mask.getLevels())) {
    int64_t br = level.getBlockRows(), bc = level.getBlockCols();
    std::vector<KeptBlock> blocks;
    blocks.reserve(level.getKept().size());
    if (index == 0) {
      for (int64_t row = 0, e = level.getNumRows(); row < e; ++row)
        for (int32_t column : level.getKeptInRow(row))
          blocks.push_back({row * br, column * bc});
    } else {
      MaskLevelAttr parentLevel = mask.getLevels()[index - 1];
      int64_t subRows = parentLevel.getBlockRows() / br;
      int64_t row = 0;
      for (const KeptBlock &parent : parents)
        for (int64_t sub = 0; sub < subRows; ++sub, ++row)
          for (int32_t column : level.getKeptInRow(row))
            blocks.push_back({parent.row + sub * br, parent.col + column * bc});
    }
    parents = std::move(blocks);
  }
  return parents;
}

void BlockMaskAttr::walkKeptBlocks(
    function_ref<void(int64_t, int64_t, int64_t, int64_t)> fn) const {
  MaskLevelAttr finest = getLevels().back();
  for (const KeptBlock &block : finestKeptBlocks(*this)) {
    int64_t rows = std::min(finest.getBlockRows(), getRows() - block.row);
    int64_t cols = std::min(finest.getBlockCols(), getCols() - block.col);
    if (rows > 0 && cols > 0)
      fn(block.row, block.col, rows, cols);
  }
}

int64_t BlockMaskAttr::getNumKept() const {
  int64_t kept = 0;
  walkKeptBlocks([&](int64_t, int64_t, int64_t rows, int64_t cols) {
    kept += rows * cols;
  });
  return kept;
}

double BlockMaskAttr::getDensity() const {
  return static_cast<double>(getNumKept()) /
         static_cast<double>(getRows() * getCols());
}

bool BlockMaskAttr::isBalanced() const {
  return llvm::all_of(getLevels(), [](MaskLevelAttr level) {
    return level.getBalancedKeep().has_value();
  });
}

std::vector<bool> BlockMaskAttr::toBitmap() const {
  std::vector<bool> bitmap(getRows() * getCols(), false);
  walkKeptBlocks([&](int64_t row, int64_t col, int64_t rows, int64_t cols) {
    for (int64_t r = row; r < row + rows; ++r)
      for (int64_t c = col; c < col + cols; ++c)
        bitmap[r * getCols() + c] = true;
  });
  return bitmap;
}

Attribute BlockMaskAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  SmallVector<int64_t> shape;
  if (parser.parseLess() ||
      parser.parseDimensionList(shape, /*allowDynamic=*/false,
                                /*withTrailingX=*/false))
    return {};
  if (shape.size() != 2) {
    parser.emitError(loc) << "a mask shape is ROWSxCOLS";
    return {};
  }
  SmallVector<MaskLevelAttr> levels;
  while (succeeded(parser.parseOptionalComma())) {
    MaskLevelAttr level = parseMaskLevelBody(parser);
    if (!level)
      return {};
    levels.push_back(level);
  }
  if (parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    shape[0], shape[1], levels);
}

void BlockMaskAttr::print(AsmPrinter &printer) const {
  printer << '<' << getRows() << 'x' << getCols();
  for (MaskLevelAttr level : getLevels()) {
    printer << ", ";
    printMaskLevelBody(printer, level);
  }
  printer << '>';
}
