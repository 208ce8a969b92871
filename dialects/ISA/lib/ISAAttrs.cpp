//===- ISAAttrs.cpp - hcgs_isa operands and program attributes ------------===//

#include "hcgs/Dialect/ISA/ISAAttrs.h"
#include "hcgs/Dialect/ISA/ISADialect.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace hcgs;
using namespace hcgs::isa;

#include "hcgs/Dialect/ISA/ISAEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "hcgs/Dialect/ISA/ISAAttrs.cpp.inc"

void ISADialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "hcgs/Dialect/ISA/ISAAttrs.cpp.inc"
      >();
}

bool isa::isMemoryImage(ElementsAttr attr) {
  auto type = dyn_cast<RankedTensorType>(attr.getType());
  return type && type.getRank() == 1 && type.getElementType().isInteger(8) &&
         llvm::isa<DenseResourceElementsAttr, DenseIntElementsAttr>(attr);
}

//===----------------------------------------------------------------------===//
// Parsing helpers
//===----------------------------------------------------------------------===//

namespace {
/// Parses an unsigned integer no larger than `max` into `value`.
template <typename T>
ParseResult parseBounded(AsmParser &parser, T &value,
                         uint64_t max = std::numeric_limits<T>::max()) {
  SMLoc loc = parser.getCurrentLocation();
  uint64_t raw;
  if (parser.parseInteger(raw))
    return failure();
  if (raw > max)
    return parser.emitError(loc) << "value " << raw << " is too large";
  value = static_cast<T>(raw);
  return success();
}

/// Parses the keyword of a vector's memory space.
ParseResult parseMemSpace(AsmParser &parser, MemSpace &space) {
  SMLoc loc = parser.getCurrentLocation();
  StringRef name;
  if (parser.parseKeyword(&name))
    return failure();
  std::optional<MemSpace> parsed = symbolizeMemSpace(name);
  if (!parsed)
    return parser.emitError(loc)
           << "expected io, act or acc, got '" << name << "'";
  space = *parsed;
  return success();
}

/// Parses `KEYWORD[ADDRESS]`, where KEYWORD names a memory.
template <typename T> ParseResult parseAddress(AsmParser &parser, T &address) {
  return failure(parser.parseLSquare() || parseBounded(parser, address) ||
                 parser.parseRSquare());
}
} // namespace

//===----------------------------------------------------------------------===//
// VecRefAttr
//===----------------------------------------------------------------------===//

Attribute VecRefAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  MemSpace space;
  uint32_t base = 0, batchStride = 0, timeStride = 0, chunk = 0,
           chunkStride = 0;
  TimeMode time = TimeMode::None;
  if (parser.parseLess() || parseMemSpace(parser, space) ||
      parseAddress(parser, base))
    return {};
  bool seenBatch = false, seenTime = false, seenChunk = false;
  while (succeeded(parser.parseOptionalComma())) {
    SMLoc clauseLoc = parser.getCurrentLocation();
    StringRef clause;
    if (parser.parseKeyword(&clause))
      return {};
    auto once = [&](bool &seen, StringRef what) -> bool {
      if (seen)
        parser.emitError(clauseLoc) << what << " given twice";
      return !std::exchange(seen, true);
    };
    if (clause == "batch") {
      if (!once(seenBatch, "batch stride") || parseBounded(parser, batchStride))
        return {};
    } else if (clause == "fwd" || clause == "rev") {
      if (!once(seenTime, "time addressing") ||
          parseBounded(parser, timeStride))
        return {};
      time = clause == "fwd" ? TimeMode::Forward : TimeMode::Reverse;
    } else if (clause == "chunk") {
      if (!once(seenChunk, "chunking") || parseBounded(parser, chunk) ||
          parser.parseKeyword("step") || parseBounded(parser, chunkStride))
        return {};
    } else {
      parser.emitError(clauseLoc)
          << "expected batch, fwd, rev or chunk, got '" << clause << "'";
      return {};
    }
  }
  if (parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    space, base, batchStride, time, timeStride, chunk,
                    chunkStride);
}

void VecRefAttr::print(AsmPrinter &printer) const {
  printer << '<' << stringifyMemSpace(getSpace()) << '[' << getBase() << ']';
  if (getBatchStride())
    printer << ", batch " << getBatchStride();
  if (getTime() != TimeMode::None)
    printer << ", " << stringifyTimeMode(getTime()) << ' ' << getTimeStride();
  if (getChunk())
    printer << ", chunk " << getChunk() << " step " << getChunkStride();
  printer << '>';
}

LogicalResult VecRefAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 MemSpace, uint32_t, uint32_t, TimeMode time,
                                 uint32_t timeStride, uint32_t chunk,
                                 uint32_t chunkStride) {
  // The text form leaves these out, so they must be zero.
  if (time == TimeMode::None && timeStride)
    return emitError() << "a vector without time addressing has no time stride";
  if (!chunk && chunkStride)
    return emitError() << "a vector without chunks has no chunk step";
  return success();
}

//===----------------------------------------------------------------------===//
// LutAttr
//===----------------------------------------------------------------------===//

Attribute LutAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  uint32_t table, segments, shift;
  uint64_t clip = 0;
  if (parser.parseLess() || parser.parseKeyword("param") ||
      parseAddress(parser, table) || parser.parseComma() ||
      parser.parseKeyword("segments") || parseBounded(parser, segments) ||
      parser.parseComma() || parser.parseKeyword("shift") ||
      parseBounded(parser, shift))
    return {};
  if (succeeded(parser.parseOptionalComma()))
    if (parser.parseKeyword("clip") || parseBounded(parser, clip))
      return {};
  if (parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    table, segments, shift, clip);
}

void LutAttr::print(AsmPrinter &printer) const {
  printer << "<param[" << getTable() << "], segments " << getSegments()
          << ", shift " << getShift();
  if (getClip())
    printer << ", clip " << getClip();
  printer << '>';
}

LogicalResult LutAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                              uint32_t, uint32_t segments, uint32_t shift,
                              uint64_t) {
  if (segments < 2 || !llvm::isPowerOf2_32(segments))
    return emitError()
           << "a table has a power of two segments, at least 2; got "
           << segments;
  if (shift + llvm::Log2_32(segments) > 62)
    return emitError() << "a table covers at most 2^62 inputs";
  return success();
}

//===----------------------------------------------------------------------===//
// PVecAttr
//===----------------------------------------------------------------------===//

Attribute PVecAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  uint32_t address;
  int32_t shift = 0;
  if (parser.parseLess() || parser.parseKeyword("param") ||
      parseAddress(parser, address))
    return {};
  if (succeeded(parser.parseOptionalComma()))
    if (parser.parseKeyword("shift") || parser.parseInteger(shift))
      return {};
  if (parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    address, shift);
}

void PVecAttr::print(AsmPrinter &printer) const {
  printer << "<param[" << getAddress() << ']';
  if (getShift())
    printer << ", shift " << getShift();
  printer << '>';
}

LogicalResult PVecAttr::verify(function_ref<InFlightDiagnostic()>, uint32_t,
                               int32_t) {
  return success();
}

//===----------------------------------------------------------------------===//
// LevelAttr
//===----------------------------------------------------------------------===//

Attribute LevelAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  SmallVector<int64_t> shape;
  uint32_t keep;
  if (parser.parseLess() ||
      parser.parseDimensionList(shape, /*allowDynamic=*/false,
                                /*withTrailingX=*/false))
    return {};
  if (shape.size() != 2 || shape[0] < 0 || shape[1] < 0 ||
      shape[0] > UINT32_MAX || shape[1] > UINT32_MAX) {
    parser.emitError(loc) << "a level's block shape is ROWSxCOLS";
    return {};
  }
  if (parser.parseKeyword("keep") || parseBounded(parser, keep) ||
      parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    static_cast<uint32_t>(shape[0]),
                    static_cast<uint32_t>(shape[1]), keep);
}

void LevelAttr::print(AsmPrinter &printer) const {
  printer << '<' << getRows() << 'x' << getCols() << " keep " << getKeep()
          << '>';
}

LogicalResult LevelAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                uint32_t rows, uint32_t cols, uint32_t keep) {
  for (uint32_t edge : {rows, cols})
    if (edge < 1 || edge > 128 || !llvm::isPowerOf2_32(edge))
      return emitError() << "block edges are powers of two from 1 to 128, got "
                         << edge;
  if (keep < 1)
    return emitError() << "a level keeps at least one block per block-row";
  return success();
}

//===----------------------------------------------------------------------===//
// TensorAttr
//===----------------------------------------------------------------------===//

Attribute TensorAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  std::string name;
  SmallVector<int64_t> shape;
  uint32_t address;
  FixedPointAttr format;
  if (parser.parseLess() || parser.parseString(&name) || parser.parseComma() ||
      parser.parseCommaSeparatedList(
          AsmParser::Delimiter::Square,
          [&]() -> ParseResult {
            if (succeeded(parser.parseOptionalQuestion())) {
              shape.push_back(ShapedType::kDynamic);
              return success();
            }
            return parser.parseInteger(shape.emplace_back());
          }) ||
      parser.parseComma() || parser.parseKeyword("io") ||
      parseBounded(parser, address) || parser.parseComma())
    return {};
  if (failed(parser.parseOptionalKeyword("lengths"))) {
    SMLoc formatLoc = parser.getCurrentLocation();
    Attribute attr;
    if (parser.parseAttribute(attr))
      return {};
    format = dyn_cast<FixedPointAttr>(attr);
    if (!format) {
      parser.emitError(formatLoc)
          << "expected a #hcgs.fixed format or 'lengths'";
      return {};
    }
  }
  if (parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    name, shape, address, format);
}

void TensorAttr::print(AsmPrinter &printer) const {
  printer << '<';
  printer.printString(getName());
  printer << ", [";
  llvm::interleaveComma(getShape(), printer, [&](int64_t dim) {
    if (ShapedType::isDynamic(dim))
      printer << '?';
    else
      printer << dim;
  });
  printer << "], io " << getIoAddress() << ", ";
  if (getFormat())
    printer.printAttribute(getFormat());
  else
    printer << "lengths";
  printer << '>';
}

LogicalResult TensorAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 StringRef name, ArrayRef<int64_t> shape,
                                 uint32_t, FixedPointAttr format) {
  if (name.empty())
    return emitError() << "a tensor needs a name";
  for (int64_t dim : shape)
    if (!ShapedType::isDynamic(dim) && dim < 1)
      return emitError() << "tensor '" << name << "' has dimension " << dim
                         << "; dimensions are positive or ?";
  if (format && format.isPerRow())
    return emitError() << "tensor '" << name
                       << "' needs one format for the whole tensor";
  return success();
}

//===----------------------------------------------------------------------===//
// SymbolAttr
//===----------------------------------------------------------------------===//

Attribute SymbolAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  std::string name;
  StringRef memoryName;
  uint32_t address, size;
  if (parser.parseLess() || parser.parseString(&name) || parser.parseComma())
    return {};
  SMLoc memoryLoc = parser.getCurrentLocation();
  if (parser.parseKeyword(&memoryName))
    return {};
  std::optional<Memory> memory = symbolizeMemory(memoryName);
  if (!memory) {
    parser.emitError(memoryLoc) << "unknown memory '" << memoryName << "'";
    return {};
  }
  if (parseAddress(parser, address) || parser.parseComma() ||
      parseBounded(parser, size) || parser.parseGreater())
    return {};
  (void)loc;
  return get(parser.getContext(), name, *memory, address, size);
}

void SymbolAttr::print(AsmPrinter &printer) const {
  printer << '<';
  printer.printString(getName());
  printer << ", " << stringifyMemory(getMemory()) << '[' << getAddress()
          << "], " << getSize() << '>';
}

//===----------------------------------------------------------------------===//
// ViewAttr
//===----------------------------------------------------------------------===//

ArrayRef<ViewAxis> ViewAttr::getDim(unsigned dim) const {
  unsigned first = 0;
  for (unsigned count : getDimAxes().take_front(dim))
    first += count;
  return getAxes().slice(first, getDimAxes()[dim]);
}

int64_t ViewAxis::getExtent(ArrayRef<ViewAxis> axes) {
  int64_t size = 1;
  for (const ViewAxis &axis : axes) {
    if (axis.isDynamic())
      return kDynamic;
    size *= axis.size;
  }
  return size;
}

int64_t ViewAttr::getDimSize(unsigned dim) const {
  return ViewAxis::getExtent(getDim(dim));
}

/// Parses `SIZE:STRIDE`, SIZE prefixed with `t` for a time axis, `t?` for a
/// dynamic one.
static ParseResult parseViewAxis(AsmParser &parser, ViewAxis &axis) {
  SMLoc loc = parser.getCurrentLocation();
  StringRef keyword;
  if (succeeded(parser.parseOptionalKeyword(&keyword))) {
    // The lexer reads `t8` as one identifier, `t?` as two tokens.
    axis.time = keyword.consume_front("t");
    if (!axis.time || (keyword.empty() ? failed(parser.parseOptionalQuestion())
                                       : keyword.getAsInteger(10, axis.size)))
      return parser.emitError(loc) << "expected an axis: SIZE:STRIDE, "
                                      "tSIZE:STRIDE or t?:STRIDE";
    if (keyword.empty())
      axis.size = ViewAxis::kDynamic;
  } else if (parser.parseInteger(axis.size)) {
    return failure();
  }
  return failure(parser.parseColon() || parser.parseInteger(axis.stride));
}

Attribute ViewAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  MemSpace space;
  int64_t base;
  if (parser.parseLess() || parseMemSpace(parser, space) ||
      parser.parseLSquare() || parser.parseInteger(base) ||
      parser.parseRSquare())
    return {};
  SmallVector<unsigned> dimAxes;
  SmallVector<ViewAxis> axes;
  while (succeeded(parser.parseOptionalLSquare())) {
    size_t before = axes.size();
    if (parser.parseCommaSeparatedList(
            [&] { return parseViewAxis(parser, axes.emplace_back()); }) ||
        parser.parseRSquare())
      return {};
    dimAxes.push_back(axes.size() - before);
  }
  if (parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    space, base, dimAxes, axes);
}

void ViewAttr::print(AsmPrinter &printer) const {
  printer << '<' << stringifyMemSpace(getSpace()) << '[' << getBase() << ']';
  if (getRank())
    printer << ' ';
  for (unsigned dim = 0; dim < getRank(); ++dim) {
    printer << '[';
    llvm::interleave(
        getDim(dim),
        [&](const ViewAxis &axis) {
          if (axis.time)
            printer << 't';
          if (axis.isDynamic())
            printer << '?';
          else
            printer << axis.size;
          printer << ':' << axis.stride;
        },
        [&] { printer << ','; });
    printer << ']';
  }
  printer << '>';
}

LogicalResult ViewAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                               MemSpace space, int64_t base,
                               ArrayRef<unsigned> dimAxes,
                               ArrayRef<ViewAxis> axes) {
  if (space == MemSpace::Acc)
    return emitError() << "a view lives in io or act";
  if (base < 0)
    return emitError() << "a view's base is a word address, got " << base;
  if (llvm::is_contained(dimAxes, 0u))
    return emitError() << "each dimension of a view has an axis";
  unsigned numAxes = 0;
  for (unsigned count : dimAxes)
    numAxes += count;
  if (numAxes != axes.size())
    return emitError() << "a view's dimensions have " << numAxes
                       << " axes, not " << axes.size();
  for (const ViewAxis &axis : axes) {
    if (axis.isDynamic() ? !axis.time : axis.size < 1)
      return emitError() << "an axis has a positive size, or is t? (dynamic "
                            "time)";
    if (axis.stride < 0)
      return emitError() << "an axis has a non-negative stride, got "
                         << axis.stride;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// ScheduleAttr
//===----------------------------------------------------------------------===//

LogicalResult ScheduleAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                   StringRef, int64_t segment, int64_t rowTile,
                                   int64_t batchTile) {
  if (segment < 0)
    return emitError() << "a schedule's segment is an index, got " << segment;
  if (rowTile < 0 || batchTile < 0)
    return emitError() << "a schedule's tiles are positive (0: none), got "
                       << "row_tile " << rowTile << ", batch_tile "
                       << batchTile;
  return success();
}
