//===- LowerDataMovement.cpp - copies between tensors ---------------------===//
//
// Data movement is addressing where the plan could make it so (Views.h);
// what remains is copied with move instructions: a concatenation's inputs
// that were not written into their slots (they come from a model input, or
// need requantizing to the concatenation's format), and program outputs
// that are not where their tensor must be (an input returned as is, one
// value returned twice, a slice).
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

using namespace mlir;
using namespace hcgs;
using namespace hcgs::lower;

LogicalResult Lowering::emitCopy(std::vector<enc::Instruction> &out,
                                 Operation *op, const View &src,
                                 const View &dst, int64_t shift) {
  std::optional<CopyWalk> walk = walkCopy(src, dst);
  if (!walk)
    return op->emitError() << "cannot copy " << src << " to " << dst
                           << " with strided moves";
  const PairedAxis &batch = walk->rows.batch;
  constexpr int64_t kMaxCount = 65535;
  for (int64_t outer = 0, e = walk->rows.getNumOuter(); outer < e; ++outer) {
    SmallVector<int64_t, 2> offsets = walk->rows.getOuterOffsets(outer);
    for (const BatchSlice &slice : getBatchSlices(batch.size, target.maxBatch))
      for (int64_t first = 0; first < walk->count; first += kMaxCount) {
        enc::MoveInst move;
        move.src = walk->src;
        move.dst = walk->dst;
        move.src.base +=
            static_cast<uint32_t>(offsets[0] + slice.first * batch.strides[0]);
        move.dst.base +=
            static_cast<uint32_t>(offsets[1] + slice.first * batch.strides[1]);
        int64_t count = std::min(kMaxCount, walk->count - first);
        offsetElements(move.src, first, count);
        offsetElements(move.dst, first, count);
        move.count = static_cast<uint32_t>(count);
        move.shift = static_cast<int32_t>(shift);
        move.batchStart = static_cast<uint32_t>(slice.start);
        move.batchCount = static_cast<uint32_t>(slice.count);
        out.push_back(move);
      }
  }
  return success();
}

/// The shift that brings codes of `from` to `to`.
static FailureOr<int64_t> formatShift(Operation *op, Value value,
                                      FixedPointAttr to) {
  FixedPointAttr from = getValueFormat(value);
  if (!from || !to || from.isPerRow() || to.isPerRow())
    return op->emitError() << "copies a value without a fixed-point format";
  return int64_t(to.getFracBits()[0]) - from.getFracBits()[0];
}

LogicalResult lower::lowerConcat(Lowering &l, ConcatOp concat,
                                 const Schedule &schedule) {
  FailureOr<SegmentCode *> code = l.getSegment(concat, schedule.segment);
  if (failed(code))
    return failure();
  const ValueViews &views = l.views[concat.getOutput()];
  if (!views.full)
    return concat.emitError() << "has no place (run hcgs-plan)";
  FixedPointAttr format = getValueFormat(concat.getOutput());
  int64_t axis = concat.getAxis(), offset = 0;
  for (Value input : concat.getInputs()) {
    SmallVector<int64_t> shape = getTensorShape(input);
    SmallVector<int64_t> offsets(shape.size(), 0), steps(shape.size(), 1);
    offsets[axis] = offset;
    offset += shape[axis];
    std::optional<View> slot = sliceView(*views.full, offsets, steps, shape);
    FailureOr<View> src = l.readView(concat, input);
    if (!slot || failed(src))
      return concat.emitError() << "cannot address its slots";
    if (sameLayout(*src, *slot))
      continue; // written in place
    FailureOr<int64_t> shift = formatShift(concat, input, format);
    if (failed(shift) ||
        failed(l.emitCopy((*code)->body, concat, *src, *slot, *shift)))
      return failure();
  }
  return success();
}

LogicalResult lower::lowerOutputCopy(Lowering &l, unsigned result,
                                     const Schedule &schedule) {
  func::FuncOp main = l.main;
  FailureOr<SegmentCode *> code = l.getSegment(main, schedule.segment);
  if (failed(code))
    return failure();
  auto ret = cast<func::ReturnOp>(main.getBody().front().getTerminator());
  Value value = ret.getOperand(result);
  auto place =
      main.getResultAttrOfType<isa::ViewAttr>(result, isa::kPlaceAttrName);
  if (!place)
    return main.emitError()
           << "output " << result << " has no place (run hcgs-plan)";
  View dst = getView(place);
  FailureOr<View> src = l.readView(ret, value);
  if (failed(src))
    return failure();
  if (sameLayout(*src, dst))
    return success();
  return l.emitCopy((*code)->body, ret, *src, dst, 0);
}
