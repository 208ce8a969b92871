//===- ISADialect.cpp - the accelerator's instruction set -----------------===//

#include "hcgs/Dialect/ISA/ISADialect.h"
#include "hcgs/Dialect/HCGS/HCGSDialect.h"
#include "hcgs/Dialect/ISA/ISAAttrs.h"
#include "hcgs/Dialect/ISA/ISAOps.h"

#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/StringSet.h"

#include "hcgs/Dialect/ISA/ISADialect.cpp.inc"

using namespace mlir;
using namespace hcgs;
using namespace hcgs::isa;

void ISADialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "hcgs/Dialect/ISA/ISAOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// The plan's attributes
//===----------------------------------------------------------------------===//

/// Checks that `view` can hold a tensor of `type` in `space`.
static LogicalResult verifyViewOf(Operation *op, StringRef name, ViewAttr view,
                                  Type type, MemSpace space,
                                  const Twine &what) {
  if (view.getSpace() != space)
    return op->emitOpError() << name << " of " << what << " must be a view of "
                             << stringifyMemSpace(space) << ", got " << view;
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return op->emitOpError()
           << name << " is for ranked tensors, " << what << " is " << type;
  if (tensor.getRank() != view.getRank())
    return op->emitOpError()
           << name << " of " << what << " has rank " << view.getRank()
           << ", the tensor " << tensor.getRank();
  for (unsigned dim = 0; dim < view.getRank(); ++dim)
    if (view.getDimSize(dim) != tensor.getDimSize(dim))
      return op->emitOpError() << name << " of " << what << " does not have "
                               << "the shape of " << type << ": " << view;
  return success();
}

/// Checks a schedule's segment against the segments of `planned`, which
/// holds (or is) the scheduled op.
static LogicalResult verifySchedule(Operation *op, Operation *planned,
                                    Attribute attr) {
  auto schedule = dyn_cast<ScheduleAttr>(attr);
  if (!schedule)
    return op->emitOpError() << kScheduleAttrName
                             << " must be a #hcgs_isa.schedule, got " << attr;
  auto segments =
      planned ? planned->getAttrOfType<ArrayAttr>(kSegmentsAttrName) : nullptr;
  if (!segments)
    return op->emitOpError() << "has a " << kScheduleAttrName << " but its "
                             << "function has no " << kSegmentsAttrName;
  if (schedule.getSegment() >= static_cast<int64_t>(segments.size()))
    return op->emitOpError()
           << "is scheduled in segment " << schedule.getSegment() << ", but "
           << kSegmentsAttrName << " has " << segments.size();
  return success();
}

/// Checks a place or stage of an op: one view (or `unit`) per result.
static LogicalResult verifyResultViews(Operation *op, StringRef name,
                                       Attribute attr) {
  auto views = dyn_cast<ArrayAttr>(attr);
  if (!views || views.size() != op->getNumResults())
    return op->emitOpError() << name << " must be an array of one view (or "
                             << "unit) per result, " << op->getNumResults()
                             << " in all; got " << attr;
  MemSpace space = name == kPlaceAttrName ? MemSpace::IO : MemSpace::Act;
  for (auto [index, entry] : llvm::enumerate(views)) {
    if (llvm::isa<UnitAttr>(entry))
      continue;
    auto view = dyn_cast<ViewAttr>(entry);
    if (!view)
      return op->emitOpError() << name << " entries are #hcgs_isa.view or "
                               << "unit, got " << entry;
    if (failed(verifyViewOf(op, name, view, op->getResult(index).getType(),
                            space, "result " + Twine(index))))
      return failure();
  }
  return success();
}

/// Checks that `value` is an array of `AttrT` (printed as `what`).
template <typename AttrT>
static LogicalResult verifyArrayOf(Operation *op, StringRef name,
                                   Attribute value, StringRef what) {
  auto array = dyn_cast<ArrayAttr>(value);
  if (!array || !llvm::all_of(array, llvm::IsaPred<AttrT>))
    return op->emitOpError()
           << name << " must be an array of " << what << ", got " << value;
  return success();
}

LogicalResult ISADialect::verifyOperationAttribute(Operation *op,
                                                   NamedAttribute attr) {
  StringRef name = attr.getName().getValue();
  Attribute value = attr.getValue();
  if (name == kMaxSeqLenAttrName) {
    auto length = dyn_cast<IntegerAttr>(value);
    if (!length || !length.getType().isSignlessInteger(64) ||
        length.getInt() < 1)
      return op->emitOpError()
             << name << " must be a positive i64, got " << value;
    return success();
  }
  if (name == kSegmentsAttrName)
    return verifyArrayOf<SegmentKindAttr>(op, name, value, "#hcgs_isa.segment");
  if (name == kMemoryMapAttrName) {
    if (failed(verifyArrayOf<SymbolAttr>(op, name, value, "#hcgs_isa.symbol")))
      return failure();
    auto symbols = cast<ArrayAttr>(value);
    llvm::StringSet<> names;
    for (SymbolAttr symbol : symbols.getAsRange<SymbolAttr>())
      if (!names.insert(symbol.getName()).second)
        return op->emitOpError()
               << name << " names '" << symbol.getName() << "' twice";
    return success();
  }
  if (name == kScheduleAttrName)
    return verifySchedule(op, op->getParentOp(), value);
  if (name == kPlaceAttrName || name == kStageAttrName)
    return verifyResultViews(op, name, value);
  return op->emitOpError() << "has an unknown attribute " << name;
}

/// Checks a function argument's or result's place: a view of IOM.
static LogicalResult verifyValuePlace(Operation *op, Attribute attr, Type type,
                                      const Twine &what) {
  auto view = dyn_cast<ViewAttr>(attr);
  if (!view)
    return op->emitOpError() << kPlaceAttrName << " of " << what
                             << " must be a #hcgs_isa.view, got " << attr;
  return verifyViewOf(op, kPlaceAttrName, view, type, MemSpace::IO, what);
}

LogicalResult ISADialect::verifyRegionArgAttribute(Operation *op, unsigned,
                                                   unsigned argIndex,
                                                   NamedAttribute attr) {
  auto function = dyn_cast<FunctionOpInterface>(op);
  if (!function || attr.getName() != kPlaceAttrName)
    return op->emitOpError()
           << "argument " << argIndex << " has " << attr.getName().getValue()
           << ", not an argument attribute of a function";
  return verifyValuePlace(op, attr.getValue(),
                          function.getArgumentTypes()[argIndex],
                          "argument " + Twine(argIndex));
}

LogicalResult ISADialect::verifyRegionResultAttribute(Operation *op, unsigned,
                                                      unsigned resultIndex,
                                                      NamedAttribute attr) {
  auto function = dyn_cast<FunctionOpInterface>(op);
  if (function && attr.getName() == kPlaceAttrName)
    return verifyValuePlace(op, attr.getValue(),
                            function.getResultTypes()[resultIndex],
                            "result " + Twine(resultIndex));
  if (function && attr.getName() == kScheduleAttrName)
    return verifySchedule(op, op, attr.getValue());
  return op->emitOpError() << "result " << resultIndex << " has "
                           << attr.getName().getValue()
                           << ", not a result attribute of a function";
}
