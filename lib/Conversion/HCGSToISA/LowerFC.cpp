//===- LowerFC.cpp - an hcgs.fc as mvm and move instructions --------------===//
//
// docs/ISA.md 11.3: for each row of the input (each step, batch entry and
// any other leading index), an mvm of every row tile with the bias into ACC,
// then a move that requantizes the sums into the output.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"

#include "hcgs/IR/Constants.h"

using namespace mlir;
using namespace hcgs;
using namespace hcgs::lower;

LogicalResult lower::lowerFC(Lowering &l, const FCLayer &layer,
                             const Schedule &schedule) {
  FCOp op = layer.op;
  auto error = [&]() {
    return op.emitError() << "layer '" << schedule.name << "': ";
  };
  FailureOr<SegmentCode *> code = l.getSegment(op, schedule.segment);
  if (failed(code))
    return failure();
  if (schedule.rowTile < 1 || schedule.batchTile < 1)
    return error() << "has no tiles in its schedule";
  const ValueViews &outViews = l.views[op.getOutput()];
  std::optional<View> out = outViews.full ? outViews.full : outViews.step;
  if (!out)
    return success(); // nothing reads the result
  FailureOr<View> in = l.readView(op, op.getInput());
  if (failed(in))
    return failure();

  std::vector<float> storage;
  llvm::Expected<llvm::ArrayRef<float>> weights =
      viewConstantFloats(op.getWeight(), storage);
  if (!weights)
    return error() << "its weight " << llvm::toString(weights.takeError());
  std::vector<float> bias;
  if (op.getBias()) {
    llvm::Expected<std::vector<float>> values =
        readConstantFloats(op.getBias());
    if (!values)
      return error() << "its bias " << llvm::toString(values.takeError());
    bias = std::move(*values);
  }
  FailureOr<std::vector<MatrixTile>> tiles = tileMatrix(
      op, schedule.name, "the weight", layer.w, schedule.rowTile, l.target);
  if (failed(tiles))
    return failure();
  std::vector<TileAddresses> addresses;
  std::vector<std::optional<enc::PVec>> biases;
  for (auto [t, tile] : llvm::enumerate(*tiles)) {
    std::string prefix = schedule.name + ".t" + std::to_string(t);
    FailureOr<TileAddresses> packed =
        l.packTile(op, prefix + ".W", layer.w, tile, *weights);
    if (failed(packed))
      return failure();
    addresses.push_back(*packed);
    std::optional<enc::PVec> &pvec = biases.emplace_back();
    if (!op.getBias())
      continue;
    std::vector<int64_t> fields;
    for (int64_t row = tile.rowBegin; row < tile.rowBegin + tile.rows; ++row)
      fields.push_back(l.toCode(op.getQuantAttr().getBias(), bias[row]));
    FailureOr<int64_t> biasAt =
        l.packVector(op, prefix + ".bias", fields, l.target.biasBits);
    if (failed(biasAt))
      return failure();
    pvec = enc::PVec{static_cast<uint32_t>(*biasAt),
                     static_cast<int32_t>(*layer.biasShift)};
  }
  FailureOr<int64_t> accBase = l.map.lookup(op, schedule.name + ".acc");
  if (failed(accBase))
    return failure();

  const View *both[] = {&*in, &*out};
  std::optional<RowWalk> walk = walkRows(both, in->getRank() - 1);
  std::optional<Elements> inElements = getElements(in->dims.back());
  std::optional<Elements> outElements = getElements(out->dims.back());
  if (!walk || !inElements || !outElements)
    return error() << "cannot walk its input " << *in << " and output " << *out
                   << " row by row";
  std::optional<int64_t> inTime, outTime;
  if (walk->time) {
    inTime = walk->time->strides[0];
    outTime = walk->time->strides[1];
  }
  const PairedAxis &batch = walk->batch;
  for (int64_t outer = 0, e = walk->getNumOuter(); outer < e; ++outer) {
    SmallVector<int64_t, 2> offsets = walk->getOuterOffsets(outer);
    for (const BatchSlice &slice :
         l.getBatchSlices(batch.size, schedule.batchTile)) {
      VecRef x =
          makeRef(*in, offsets[0] + slice.first * batch.strides[0],
                  batch.strides[0], inTime, TimeMode::Forward, *inElements);
      for (auto [t, tile] : llvm::enumerate(*tiles)) {
        VecRef acc;
        acc.space = MemSpace::Acc;
        acc.base = static_cast<uint32_t>(*accBase);
        acc.batchStride = static_cast<uint32_t>(tile.rows);
        l.emitMvm((*code)->body, tile, addresses[t], x, layer.inputs, acc,
                  /*accumulate=*/false, biases[t], slice);
        enc::MoveInst move;
        move.src = acc;
        move.dst =
            makeRef(*out, offsets[1] + slice.first * batch.strides[1],
                    batch.strides[1], outTime, TimeMode::Forward, *outElements);
        if (!offsetElements(move.dst, tile.rowBegin, tile.rows))
          return error() << "cannot address output rows " << tile.rowBegin
                         << " to " << tile.rowBegin + tile.rows - 1 << " of "
                         << *out;
        move.count = static_cast<uint32_t>(tile.rows);
        move.shift = static_cast<int32_t>(layer.outputShift);
        move.batchStart = static_cast<uint32_t>(slice.start);
        move.batchCount = static_cast<uint32_t>(slice.count);
        (*code)->body.push_back(move);
      }
    }
  }
  return success();
}
