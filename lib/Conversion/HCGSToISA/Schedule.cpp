//===- Schedule.cpp - which layers share a loop, and where results go -----===//

#include "Schedule.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace hcgs;
using namespace hcgs::lower;

Value lower::getRoot(Value value) {
  while (Operation *op = value.getDefiningOp()) {
    if (!llvm::isa<TransposeOp, ReshapeOp, SliceOp>(op))
      break;
    value = op->getOperand(0);
  }
  return value;
}

//===----------------------------------------------------------------------===//
// Destinations
//===----------------------------------------------------------------------===//

/// Walks back from `value` through transposes and reshapes, undoing each on
/// the placement, to the layer or concatenation computing it; that root is
/// then written at the placement if nothing else claimed it.
bool Scheduler::adopt(Destinations &dest, Value value,
                      const Placement &placement) {
  View view = placement.view;
  while (true) {
    Operation *op = value.getDefiningOp();
    if (!op)
      return false;
    if (auto transpose = dyn_cast<TransposeOp>(op)) {
      ArrayRef<int64_t> permutation = transpose.getPermutation();
      SmallVector<int64_t> inverse(permutation.size());
      for (auto [d, source] : llvm::enumerate(permutation))
        inverse[source] = d;
      view = transposeView(view, inverse);
      value = transpose.getInput();
      continue;
    }
    if (auto reshape = dyn_cast<ReshapeOp>(op)) {
      std::optional<View> undone =
          reshapeView(view, getTensorShape(reshape.getInput()));
      if (!undone)
        return false;
      view = *undone;
      value = reshape.getInput();
      continue;
    }
    if (!llvm::isa<LSTMOp, FCOp, ConcatOp>(op) || dest.placed.count(value))
      return false;
    dest.placed.insert({value, Placement{placement.buffer, view}});
    return true;
  }
}

FailureOr<Destinations> Scheduler::findDestinations(int64_t seqLen) {
  Destinations dest;
  auto ret = cast<func::ReturnOp>(main.getBody().front().getTerminator());
  for (auto [i, value] : llvm::enumerate(ret.getOperands())) {
    IOBuffer buffer{"out." + outputNames[i], getTensorShape(value),
                    timeDims.get(value)};
    Placement placement{
        buffer.name,
        makeDenseView(MemSpace::IO, 0, buffer.shape, buffer.timeDim, seqLen)};
    dest.buffers.push_back(buffer);
    if (!adopt(dest, value, placement))
      dest.outputCopies.push_back(i);
  }

  for (Operation &op : llvm::reverse(main.getBody().front())) {
    auto concat = dyn_cast<ConcatOp>(op);
    if (!concat)
      continue;
    Value result = concat.getOutput();
    if (!dest.placed.count(result)) {
      IOBuffer buffer{names.lookup(concat), getTensorShape(result),
                      timeDims.get(result)};
      dest.placed.insert(
          {result,
           Placement{buffer.name, makeDenseView(MemSpace::IO, 0, buffer.shape,
                                                buffer.timeDim, seqLen)}});
      dest.buffers.push_back(buffer);
    }
    Placement whole = dest.placed.lookup(result);
    int64_t axis = concat.getAxis(), offset = 0;
    FixedPointAttr format = getValueFormat(result);
    for (auto [i, input] : llvm::enumerate(concat.getInputs())) {
      SmallVector<int64_t> offsets(whole.view.getRank(), 0),
          steps(whole.view.getRank(), 1), shape = getTensorShape(input);
      offsets[axis] = offset;
      offset += shape[axis];
      std::optional<View> slot = sliceView(whole.view, offsets, steps, shape);
      if (!slot)
        return concat.emitError() << "cannot address the slots of this "
                                     "concatenation along dimension "
                                  << axis;
      Value root = getRoot(input);
      if (getValueFormat(input) == format &&
          adopt(dest, input, Placement{whole.buffer, *slot}))
        dest.slotWriters[result].push_back(root);
      else
        dest.concatCopies[concat].push_back(i);
    }
  }
  return dest;
}

//===----------------------------------------------------------------------===//
// Schedule
//===----------------------------------------------------------------------===//

void Scheduler::buildItems(const Destinations &dest) {
  auto add = [&](Item::Kind kind, Operation *op) -> Item & {
    items.push_back(std::make_unique<Item>());
    Item &item = *items.back();
    item.kind = kind;
    item.op = op;
    return item;
  };
  auto setupRead = [](Item &item, Value value) {
    if (value && !value.getDefiningOp<arith::ConstantOp>())
      item.setupReads.push_back(value);
  };
  for (Operation &op : main.getBody().front()) {
    if (auto lstm = dyn_cast<LSTMOp>(op)) {
      Item &item = add(Item::Kind::LSTM, &op);
      item.stepped = true;
      item.forwardOnly = lstm.getDirection() == Direction::Forward;
      item.reads.push_back(lstm.getX());
      setupRead(item, lstm.getInitialH());
      setupRead(item, lstm.getInitialC());
      setupRead(item, lstm.getSequenceLens());
      item.lengths = lstm.getSequenceLens();
      layerItems[&op] = &item;
    } else if (auto fc = dyn_cast<FCOp>(op)) {
      Item &item = add(Item::Kind::FC, &op);
      item.stepped = timeDims.get(fc.getInput()).has_value();
      item.reads.push_back(fc.getInput());
      layerItems[&op] = &item;
    } else if (auto concat = dyn_cast<ConcatOp>(op)) {
      auto it = dest.concatCopies.find(&op);
      if (it == dest.concatCopies.end())
        continue;
      Item &item = add(Item::Kind::Concat, &op);
      item.stepped = timeDims.get(concat.getOutput()).has_value();
      for (unsigned i : it->second)
        item.reads.push_back(concat.getInputs()[i]);
      layerItems[&op] = &item;
    } else if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      for (unsigned i : dest.outputCopies) {
        Item &item = add(Item::Kind::Output, &op);
        item.result = i;
        item.stepped = timeDims.get(ret.getOperand(i)).has_value();
        item.reads.push_back(ret.getOperand(i));
      }
    }
  }
  slotWriters = dest.slotWriters;
}

SmallVector<std::pair<Item *, Value>> Scheduler::writersOf(Value root) {
  SmallVector<std::pair<Item *, Value>> writers;
  Operation *op = root.getDefiningOp();
  if (!op)
    return writers;
  if (Item *item = layerItems.lookup(op))
    writers.push_back({item, root});
  if (llvm::isa<ConcatOp>(op))
    for (Value slot : slotWriters.lookup(root))
      writers.append(writersOf(slot));
  return writers;
}

bool Scheduler::isStepAvailable(Item *writer, Value root) {
  switch (writer->kind) {
  case Item::Kind::LSTM:
    return writer->forwardOnly && root == cast<LSTMOp>(writer->op).getY();
  case Item::Kind::FC:
  case Item::Kind::Concat:
    return writer->stepped;
  case Item::Kind::Output:
    return false;
  }
  return false;
}

bool Scheduler::canJoin(const Item &item, int64_t segment) {
  const SegmentInfo &info = segments[segment];
  if (info.loop != item.stepped)
    return false;
  if (item.kind == Item::Kind::LSTM && info.lengths &&
      *info.lengths != item.lengths)
    return false;
  auto ready = [&](Value value, bool setup) {
    for (auto [writer, root] : writersOf(getRoot(value))) {
      if (writer->segment < segment)
        continue;
      if (setup || writer->segment != segment)
        return false;
      // Written earlier in the same segment: a run outside loops sees it;
      // a loop only when it is written step by step in forward order.
      if (info.loop && !(item.forwardOnly && isStepAvailable(writer, root)))
        return false;
    }
    return true;
  };
  return llvm::all_of(item.reads,
                      [&](Value value) { return ready(value, false); }) &&
         llvm::all_of(item.setupReads,
                      [&](Value value) { return ready(value, true); });
}

void Scheduler::schedule() {
  for (auto &owned : items) {
    Item &item = *owned;
    int64_t current = static_cast<int64_t>(segments.size()) - 1;
    if (current < 0 || !canJoin(item, current)) {
      segments.push_back(SegmentInfo{item.stepped, std::nullopt});
      current = static_cast<int64_t>(segments.size()) - 1;
    }
    item.segment = current;
    if (item.kind == Item::Kind::LSTM)
      segments[current].lengths = item.lengths;
    for (Value value : item.reads)
      readers[getRoot(value)].push_back({&item, false});
    for (Value value : item.setupReads)
      readers[getRoot(value)].push_back({&item, true});
  }
}

//===----------------------------------------------------------------------===//
// Stored results
//===----------------------------------------------------------------------===//

void Scheduler::chooseBuffers(const Destinations &dest) {
  static const char *lstmResults[] = {"Y", "Y_h", "Y_c"};
  for (const std::unique_ptr<Item> &item : items) {
    if (item->kind != Item::Kind::LSTM && item->kind != Item::Kind::FC)
      continue;
    Operation *op = item->op;
    for (OpResult result : op->getResults()) {
      if (dest.placed.count(result))
        continue;
      bool full = false, step = false;
      for (auto [reader, setup] : readers.lookup(result)) {
        if (setup || reader->segment != item->segment ||
            !segments[item->segment].loop || !reader->forwardOnly ||
            !isStepAvailable(item.get(), result))
          full = true;
        else
          step = true;
      }
      if (full) {
        std::string suffix = "output";
        if (auto lstm = dyn_cast<LSTMOp>(op)) {
          unsigned which = result == lstm.getY()    ? 0
                           : result == lstm.getYH() ? 1
                                                    : 2;
          suffix = lstmResults[which];
        }
        scratch.insert(
            {result, IOBuffer{names.lookup(op) + "." + suffix,
                              getTensorShape(result), timeDims.get(result)}});
      } else if (step) {
        staged.insert(result);
      }
    }
  }
}

void Scheduler::run(const Destinations &dest) {
  buildItems(dest);
  schedule();
  chooseBuffers(dest);
}
