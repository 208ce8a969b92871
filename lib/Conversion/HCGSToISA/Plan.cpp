//===- Plan.cpp - the plan hcgs-plan writes and hcgs-lower-to-isa reads ---===//

#include "Plan.h"
#include "Layers.h"

#include "hcgs/Dialect/HCGS/HCGSOps.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace hcgs;
using namespace hcgs::lower;

DictionaryAttr lower::getScheduleAttr(MLIRContext *context,
                                      const Schedule &schedule) {
  Builder builder(context);
  SmallVector<NamedAttribute> entries;
  if (!schedule.name.empty())
    entries.push_back(
        builder.getNamedAttr("name", builder.getStringAttr(schedule.name)));
  entries.push_back(builder.getNamedAttr(
      "segment", builder.getI64IntegerAttr(schedule.segment)));
  if (schedule.rowTile)
    entries.push_back(builder.getNamedAttr(
        "row_tile", builder.getI64IntegerAttr(schedule.rowTile)));
  if (schedule.batchTile)
    entries.push_back(builder.getNamedAttr(
        "batch_tile", builder.getI64IntegerAttr(schedule.batchTile)));
  return builder.getDictionaryAttr(entries);
}

static FailureOr<Schedule> parseSchedule(Operation *op, Attribute attr) {
  auto dict = dyn_cast_or_null<DictionaryAttr>(attr);
  if (!dict)
    return op->emitError() << "has no " << kScheduleAttr
                           << " dictionary (run hcgs-plan)";
  Schedule schedule;
  if (auto name = dict.getAs<StringAttr>("name"))
    schedule.name = name.str();
  auto integer = [&](StringRef key, int64_t &slot, bool required) {
    auto value = dict.getAs<IntegerAttr>(key);
    if (value)
      slot = value.getInt();
    return value || !required;
  };
  if (!integer("segment", schedule.segment, true) ||
      !integer("row_tile", schedule.rowTile, false) ||
      !integer("batch_tile", schedule.batchTile, false) ||
      schedule.segment < 0 || schedule.rowTile < 0 || schedule.batchTile < 0)
    return op->emitError() << "has a malformed " << kScheduleAttr << " "
                           << dict;
  return schedule;
}

FailureOr<Schedule> lower::readSchedule(Operation *op) {
  return parseSchedule(op, op->getAttr(kScheduleAttr));
}

FailureOr<Schedule> lower::readResultSchedule(func::FuncOp main,
                                              unsigned result) {
  return parseSchedule(main, main.getResultAttr(result, kScheduleAttr));
}

ArrayAttr lower::getViewsAttr(MLIRContext *context,
                              ArrayRef<std::optional<View>> views) {
  Builder builder(context);
  SmallVector<Attribute> entries;
  for (const std::optional<View> &view : views)
    entries.push_back(builder.getStringAttr(view ? view->str() : ""));
  return builder.getArrayAttr(entries);
}

/// Parses one view attribute entry ("" for none).
static LogicalResult parseViewAttr(Operation *op, Attribute attr,
                                   std::optional<View> &view) {
  auto text = dyn_cast_or_null<StringAttr>(attr);
  if (!text)
    return op->emitError() << "has a malformed view " << attr;
  if (text.getValue().empty())
    return success();
  view = parseView(text.getValue());
  if (!view)
    return op->emitError() << "has a malformed view '" << text.getValue()
                           << "'";
  return success();
}

/// The per-result views `key` holds, if the op has the attribute.
static LogicalResult
parseResultViews(Operation *op, StringRef key,
                 SmallVectorImpl<std::optional<View>> &out) {
  out.assign(op->getNumResults(), std::nullopt);
  Attribute attr = op->getAttr(key);
  if (!attr)
    return success();
  auto array = dyn_cast<ArrayAttr>(attr);
  if (!array || array.size() != op->getNumResults())
    return op->emitError() << "needs one " << key << " entry per result";
  for (auto [index, entry] : llvm::enumerate(array))
    if (failed(parseViewAttr(op, entry, out[index])))
      return failure();
  return success();
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
    std::optional<View> view;
    if (Attribute attr = main.getArgAttr(arg.getArgNumber(), kPlaceAttr))
      if (failed(parseViewAttr(main, attr, view)))
        return failure();
    views[arg].full = view;
  }
  for (Operation &op : main.getBody().front()) {
    if (llvm::isa<LSTMOp, FCOp, ConcatOp>(op)) {
      SmallVector<std::optional<View>> full, step;
      if (failed(parseResultViews(&op, kPlaceAttr, full)) ||
          failed(parseResultViews(&op, kStageAttr, step)))
        return failure();
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
             << from.str()
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
  auto array = main->getAttrOfType<ArrayAttr>(kMemoryMapAttr);
  if (!array)
    return main.emitError()
           << "has no " << kMemoryMapAttr << " (run hcgs-plan)";
  MemoryMap map;
  map.attr = array;
  for (Attribute entry : array) {
    auto symbol = dyn_cast<isa::SymbolAttr>(entry);
    if (!symbol)
      return main.emitError() << kMemoryMapAttr << " holds " << entry
                              << ", not a #hcgs_isa.symbol";
    if (!map.symbols.try_emplace(symbol.getName(), symbol).second)
      return main.emitError()
             << kMemoryMapAttr << " names '" << symbol.getName() << "' twice";
  }
  return map;
}
