//===- Plan.cpp - the plan hcgs-plan writes and hcgs-lower-to-isa reads ---===//

#include "Plan.h"
#include "Layers.h"

#include "hcgs/Dialect/HCGS/HCGSOps.h"

using namespace mlir;
using namespace hcgs;
using namespace hcgs::lower;

isa::ScheduleAttr lower::getScheduleAttr(MLIRContext *context,
                                         const Schedule &schedule) {
  return isa::ScheduleAttr::get(context, schedule.name, schedule.segment,
                                schedule.rowTile, schedule.batchTile);
}

static FailureOr<Schedule> getSchedule(Operation *op, Attribute attr) {
  auto schedule = dyn_cast_or_null<isa::ScheduleAttr>(attr);
  if (!schedule)
    return op->emitError() << "has no " << isa::kScheduleAttrName
                           << " (run hcgs-plan)";
  return Schedule{schedule.getName().str(), schedule.getSegment(),
                  schedule.getRowTile(), schedule.getBatchTile()};
}

FailureOr<Schedule> lower::readSchedule(Operation *op) {
  return getSchedule(op, op->getAttr(isa::kScheduleAttrName));
}

FailureOr<Schedule> lower::readResultSchedule(func::FuncOp main,
                                              unsigned result) {
  return getSchedule(main, main.getResultAttr(result, isa::kScheduleAttrName));
}

// The dialect's enum and the encoder's are the same list.
static_assert(static_cast<int>(isa::MemSpace::IO) ==
                      static_cast<int>(MemSpace::IO) &&
                  static_cast<int>(isa::MemSpace::Act) ==
                      static_cast<int>(MemSpace::Act) &&
                  static_cast<int>(isa::MemSpace::Acc) ==
                      static_cast<int>(MemSpace::Acc),
              "isa::MemSpace and mc::enc::MemSpace differ");

isa::ViewAttr lower::getViewAttr(MLIRContext *context, const View &view) {
  SmallVector<unsigned> dimAxes;
  SmallVector<Axis> axes;
  for (const Dim &dim : view.dims) {
    dimAxes.push_back(dim.size());
    llvm::append_range(axes, dim);
  }
  return isa::ViewAttr::get(context, static_cast<isa::MemSpace>(view.space),
                            view.base, dimAxes, axes);
}

View lower::getView(isa::ViewAttr attr) {
  View view{static_cast<MemSpace>(attr.getSpace()), attr.getBase(), {}};
  for (unsigned dim = 0; dim < attr.getRank(); ++dim)
    view.dims.push_back(Dim(attr.getDim(dim)));
  return view;
}

Diagnostic &lower::operator<<(Diagnostic &diag, const View &view) {
  return diag << getViewAttr(diag.getLocation().getContext(), view);
}

ArrayAttr lower::getViewsAttr(MLIRContext *context,
                              ArrayRef<std::optional<View>> views) {
  SmallVector<Attribute> entries;
  for (const std::optional<View> &view : views)
    entries.push_back(view ? Attribute(getViewAttr(context, *view))
                           : UnitAttr::get(context));
  return ArrayAttr::get(context, entries);
}

/// The views `name` holds, one per result (none if absent).
static SmallVector<std::optional<View>> getResultViews(Operation *op,
                                                       StringRef name) {
  SmallVector<std::optional<View>> views(op->getNumResults());
  if (auto array = op->getAttrOfType<ArrayAttr>(name))
    for (auto [index, entry] : llvm::enumerate(array))
      if (auto view = dyn_cast<isa::ViewAttr>(entry))
        views[index] = getView(view);
  return views;
}

/// The view of a data-movement result, from its operand's.
static std::optional<View> deriveView(Operation *op, const View &operand) {
  if (auto transpose = dyn_cast<TransposeOp>(op))
    return transposeView(operand, transpose.getPermutation());
  if (auto reshape = dyn_cast<ReshapeOp>(op))
    return reshapeView(operand, getTensorShape(reshape.getOutput()));
  if (auto slice = dyn_cast<SliceOp>(op))
    return sliceView(operand, slice.getOffsets(), slice.getStrides(),
                     getTensorShape(slice.getOutput()));
  return std::nullopt;
}

LogicalResult
lower::computeValueViews(func::FuncOp main,
                         llvm::DenseMap<Value, ValueViews> &views) {
  for (BlockArgument arg : main.getArguments()) {
    if (auto view = main.getArgAttrOfType<isa::ViewAttr>(arg.getArgNumber(),
                                                         isa::kPlaceAttrName))
      views[arg].full = getView(view);
  }
  for (Operation &op : main.getBody().front()) {
    if (llvm::isa<LSTMOp, FCOp, ConcatOp>(op)) {
      SmallVector<std::optional<View>> full =
          getResultViews(&op, isa::kPlaceAttrName);
      SmallVector<std::optional<View>> step =
          getResultViews(&op, isa::kStageAttrName);
      for (auto [index, result] : llvm::enumerate(op.getResults()))
        views[result] = ValueViews{full[index], step[index]};
      continue;
    }
    if (!llvm::isa<TransposeOp, ReshapeOp, SliceOp>(op))
      continue;
    // Each view is derived on its own: a slice of one step of a static
    // sequence is a view of the whole sequence in IOM but not of the step
    // held in AMEM. Only a value that ends up nowhere is an error.
    const ValueViews &operand = views[op.getOperand(0)];
    ValueViews derived;
    if (operand.full)
      derived.full = deriveView(&op, *operand.full);
    if (operand.step)
      derived.step = deriveView(&op, *operand.step);
    if ((operand.full || operand.step) && !derived.full && !derived.step) {
      const View &from = operand.full ? *operand.full : *operand.step;
      if (auto slice = dyn_cast<SliceOp>(op))
        for (int64_t d = 0; d < from.getRank(); ++d)
          if (from.getDimSize(d) == kDynamicSize &&
              !ShapedType::isDynamic(slice.getType().getDimSize(d)))
            return op.emitError()
                   << "takes part of a sequence of dynamic length; the "
                      "accelerator cannot (for the last step of a forward "
                      "LSTM, use its Y_h)";
      return op.emitError()
             << "cannot address this " << op.getName().stripDialect() << " of "
             << from
             << " with strides (the accelerator would need a copy the "
                "compiler does not make)";
    }
    views[op.getResult(0)] = derived;
  }
  return success();
}

FailureOr<int64_t> MemoryMap::lookup(Operation *op, StringRef name) const {
  auto it = symbols.find(name);
  if (it == symbols.end())
    return op->emitError() << "the memory map has no '" << name
                           << "' (run hcgs-plan)";
  return static_cast<int64_t>(it->second.getAddress());
}

FailureOr<MemoryMap> lower::readMemoryMap(func::FuncOp main) {
  auto array = main->getAttrOfType<ArrayAttr>(isa::kMemoryMapAttrName);
  if (!array)
    return main.emitError()
           << "has no " << isa::kMemoryMapAttrName << " (run hcgs-plan)";
  // The dialect verifier checked the entries and that names are unique.
  MemoryMap map;
  map.attr = array;
  for (isa::SymbolAttr symbol : array.getAsRange<isa::SymbolAttr>())
    map.symbols.try_emplace(symbol.getName(), symbol);
  return map;
}
