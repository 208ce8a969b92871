//===- MemoryPlan.cpp - hcgs-plan: tiles and memory placement -------------===//
//
// Decides how @main runs on the module's target and writes the decisions as
// the attributes Plan.h describes. In order:
//  1. every layer is read and checked (Layers.h);
//  2. destinations, the schedule and which results are stored where
//     (Schedule.h), first with provisional strides;
//  3. tiles, AMEM per segment, the longest sequence IOM holds, IOM;
//  4. the views of every value, and the FC tiles that depend on them;
//  5. parameters in WMEM, IMEM and PMEM (equal lookup tables once), and the
//     fit of every memory.
//
//===----------------------------------------------------------------------===//

#include "Layers.h"
#include "Plan.h"
#include "Schedule.h"

#include "hcgs/Dialect/HCGS/HCGSDialect.h"
#include "hcgs/Dialect/ISA/ISAAttrs.h"
#include "hcgs/Conversion/HCGSToISA/Passes.h"
#include "hcgs/Runtime/MachineCode/Program.h"
#include "hcgs/IR/Constants.h"
#include "hcgs/IR/LayerNames.h"
#include "hcgs/IR/ModelFunction.h"
#include "hcgs/IR/ModuleTarget.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Format.h"

namespace hcgs {
#define GEN_PASS_DEF_PLAN
#include "hcgs/Conversion/HCGSToISA/Passes.h.inc"
} // namespace hcgs

using namespace mlir;
using namespace hcgs;
using namespace hcgs::lower;

namespace {

/// A range of one memory.
struct Region {
  std::string name;
  isa::Memory memory;
  int64_t address = 0, size = 0;
};

class Planner {
public:
  Planner(func::FuncOp main, const Target &target, int64_t maxSeqLenOption,
          bool remarks)
      : main(main), context(main.getContext()), target(target),
        maxSeqLenOption(maxSeqLenOption), remarks(remarks) {}

  LogicalResult run();

private:
  LogicalResult readModel();
  LogicalResult findSequenceLength();
  LogicalResult chooseLSTMTiles();
  LogicalResult placeActivationMemory();
  LogicalResult chooseMaxSeqLen(const Destinations &dest);
  void placeIO(const Destinations &dest);
  LogicalResult writeViews(const Destinations &dest);
  LogicalResult chooseFCTiles();
  LogicalResult chooseTiles(Operation *op, int64_t rows, int64_t gates,
                            int64_t align, int64_t batch,
                            StringRef alignedRows);
  LogicalResult placeParameters();
  LogicalResult checkParameterMemories();
  void writePlan();
  void emitRemarks();

  std::string uniqueName(std::string name);
  std::string ioName(StringRef prefix, Attribute name, unsigned index);
  Region &addRegion(std::string name, isa::Memory memory, int64_t size);
  std::optional<std::vector<float>> constantValues(Value value);

  func::FuncOp main;
  MLIRContext *context;
  const Target &target;
  int64_t maxSeqLenOption;
  bool remarks;

  TimeDims timeDims;
  llvm::MapVector<Operation *, LSTMLayer> lstms;
  llvm::MapVector<Operation *, FCLayer> fcs;
  llvm::DenseMap<Operation *, std::string> names;
  llvm::StringSet<> usedNames;
  std::vector<std::string> inputNames, outputNames;

  bool dynamic = false;
  int64_t staticSeqLen = 1;
  int64_t maxSeqLen = 1;

  Scheduler scheduler{main, timeDims, names, outputNames};
  std::vector<IOBuffer> inputs;

  llvm::DenseMap<Operation *, Schedule> schedules;
  std::vector<Region> regions;
  llvm::StringMap<int64_t> regionIndex;
  int64_t actWordsUsed = 0, accWordsUsed = 0;
};

//===----------------------------------------------------------------------===//
// Reading the model
//===----------------------------------------------------------------------===//

std::string Planner::uniqueName(std::string name) {
  std::string unique = name;
  for (int64_t k = 1; !usedNames.insert(unique).second; ++k)
    unique = name + "#" + std::to_string(k);
  return unique;
}

std::string Planner::ioName(StringRef prefix, Attribute name, unsigned index) {
  if (auto text = dyn_cast_or_null<StringAttr>(name))
    return text.str();
  return (prefix + Twine(index)).str();
}

LogicalResult Planner::readModel() {
  for (BlockArgument arg : main.getArguments()) {
    unsigned i = arg.getArgNumber();
    std::string name = ioName("input", main.getArgAttr(i, kNameAttrName), i);
    auto type = dyn_cast<RankedTensorType>(arg.getType());
    if (!type)
      return main.emitError() << "input '" << name << "' is not a tensor";
    int64_t dynamicDims =
        llvm::count_if(type.getShape(), ShapedType::isDynamic);
    if (dynamicDims > 1)
      return main.emitError() << "input '" << name << "' has " << dynamicDims
                              << " dynamic dimensions; only the sequence "
                                 "length may be dynamic";
    if (type.getElementType().isInteger(32)) {
      if (type.getRank() != 1 || dynamicDims)
        return main.emitError() << "input '" << name
                                << "' (sequence lengths) must be a static "
                                   "1-D tensor";
    } else if (!type.getElementType().isF32()) {
      return main.emitError() << "input '" << name << "' is " << type
                              << "; inputs are f32 data or i32 lengths";
    } else if (!main.getArgAttrOfType<FixedPointAttr>(i, kFormatAttrName)) {
      return main.emitError() << "input '" << name
                              << "' has no fixed-point format (run "
                                 "hcgs-quantize)";
    }
    if (!usedNames.insert("in." + name).second)
      return main.emitError() << "two inputs are named '" << name << "'";
    inputNames.push_back(name);
  }
  for (unsigned i = 0, e = main.getNumResults(); i < e; ++i) {
    std::string name =
        ioName("output", main.getResultAttr(i, kNameAttrName), i);
    if (!usedNames.insert("out." + name).second ||
        llvm::is_contained(inputNames, name))
      return main.emitError()
             << "two inputs or outputs are named '" << name << "'";
    outputNames.push_back(name);
  }

  for (Operation &op : main.getBody().front()) {
    if (auto lstm = dyn_cast<LSTMOp>(op)) {
      FailureOr<LSTMLayer> layer = analyzeLSTM(lstm, target);
      if (failed(layer))
        return failure();
      names[&op] = uniqueName(layer->name);
      lstms.insert({&op, std::move(*layer)});
    } else if (auto fc = dyn_cast<FCOp>(op)) {
      FailureOr<FCLayer> layer = analyzeFC(fc, target);
      if (failed(layer))
        return failure();
      names[&op] = uniqueName(layer->name);
      fcs.insert({&op, std::move(*layer)});
    } else if (auto concat = dyn_cast<ConcatOp>(op)) {
      if (!getValueFormat(concat.getOutput()))
        return op.emitError() << "an input of this concatenation has no "
                                 "fixed-point format (run hcgs-quantize)";
      names[&op] = uniqueName(getLayerName(&op));
    } else if (llvm::isa<TransposeOp, ReshapeOp, SliceOp, arith::ConstantOp>(
                   op)) {
      continue;
    } else if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      for (auto [i, value] : llvm::enumerate(ret.getOperands())) {
        if (value.getDefiningOp<arith::ConstantOp>() ||
            !llvm::isa<RankedTensorType>(value.getType()) ||
            !cast<RankedTensorType>(value.getType()).getElementType().isF32())
          return ret.emitError() << "output '" << outputNames[i]
                                 << "' is not an f32 tensor computed by the "
                                    "model";
      }
    } else {
      return op.emitError()
             << "'" << op.getName() << "' is not supported by the accelerator";
    }
  }
  return success();
}

LogicalResult Planner::findSequenceLength() {
  for (BlockArgument arg : main.getArguments())
    dynamic |= !cast<RankedTensorType>(arg.getType()).hasStaticShape();
  std::optional<int64_t> length;
  for (auto &[op, layer] : lstms) {
    int64_t steps = cast<RankedTensorType>(layer.op.getX().getType())
                        .getDimSize(layer.getTimeDim());
    if (dynamic != ShapedType::isDynamic(steps))
      return op->emitError()
             << "layer '" << names[op] << "': its sequence length is "
             << (dynamic ? "static" : "dynamic")
             << " while the model's inputs' is "
             << (dynamic ? "dynamic" : "static");
    if (!dynamic) {
      if (length && *length != steps)
        return op->emitError() << "layer '" << names[op] << "' runs " << steps
                               << " steps, another layer " << *length;
      length = steps;
    }
  }
  if (!dynamic)
    staticSeqLen = length.value_or(1);
  return success();
}

//===----------------------------------------------------------------------===//
// Buffers
//===----------------------------------------------------------------------===//

LogicalResult Planner::chooseLSTMTiles() {
  for (auto &[op, layer] : lstms) {
    Schedule &schedule = schedules[op];
    schedule.name = names[op];
    schedule.segment = scheduler.layerItems[op]->segment;
    int64_t hidden = layer.hidden, align = layer.getRowAlign();
    if (layer.op.getSequenceLens() && layer.batch > target.maxBatch)
      return op->emitError()
             << "layer '" << names[op] << "': a batch of " << layer.batch
             << " with sequence_lens needs more than the target's max_batch "
             << target.maxBatch << " length registers";
    if (failed(chooseTiles(op, hidden, 4, align, layer.batch,
                           "hidden units (its masks' block rows)")))
      return failure();
  }
  return success();
}

/// The tiles of a layer of `gates` row-sets of `rows` rows on a batch of
/// `batch`: as many rows as the accumulators hold (and a row count fits 16
/// bits), in whole mask blocks of `align` rows, then as many batch entries.
LogicalResult Planner::chooseTiles(Operation *op, int64_t rows, int64_t gates,
                                   int64_t align, int64_t batch,
                                   StringRef alignedRows) {
  if (gates * rows > target.accWords || rows > 65535) {
    rows = std::min<int64_t>(target.accWords / gates, 65535) / align * align;
    if (rows == 0)
      return op->emitError()
             << "layer '" << names[op] << "': a tile of " << align << " "
             << alignedRows << " needs " << gates * align
             << " accumulator words, the target has acc_words "
             << target.accWords;
  }
  Schedule &schedule = schedules[op];
  schedule.rowTile = rows;
  schedule.batchTile =
      std::min({batch, target.maxBatch, target.accWords / (gates * rows)});
  return success();
}

Region &Planner::addRegion(std::string name, isa::Memory memory, int64_t size) {
  regionIndex[name] = static_cast<int64_t>(regions.size());
  regions.push_back(Region{std::move(name), memory, 0, size});
  return regions.back();
}

LogicalResult Planner::placeActivationMemory() {
  // Each segment starts from the bottom of AMEM: its states and staging are
  // dead once it ends.
  std::vector<int64_t> used(scheduler.segments.size(), 0);
  auto place = [&](int64_t segment, std::string name, int64_t words) {
    Region &region = addRegion(std::move(name), isa::Memory::Act, words);
    region.address = used[segment];
    used[segment] += words;
  };
  for (const std::unique_ptr<Item> &item : scheduler.items) {
    Operation *op = item->op;
    std::string name = names.lookup(op);
    if (item->kind == Item::Kind::LSTM) {
      const LSTMLayer &layer = lstms.find(op)->second;
      int64_t words = layer.batch * layer.hidden;
      bool tiled = schedules[op].rowTile < layer.hidden;
      for (size_t d = 0; d < layer.directions.size(); ++d) {
        std::string prefix = name + ".d" + std::to_string(d);
        place(item->segment, prefix + ".h", words);
        place(item->segment, prefix + ".c", words);
        if (tiled)
          place(item->segment, prefix + ".h_next", words);
        if (scheduler.staged.count(layer.op.getY()) &&
            layer.op.getSequenceLens())
          place(item->segment, prefix + ".y", words);
      }
    } else if (item->kind == Item::Kind::FC) {
      Value output = cast<FCOp>(op).getOutput();
      if (scheduler.staged.count(output))
        place(item->segment, name + ".output",
              getStepWords(getTensorShape(output), *timeDims.get(output)));
    }
  }
  for (auto [segment, words] : llvm::enumerate(used)) {
    actWordsUsed = std::max(actWordsUsed, words);
    if (words > target.actMemWords)
      return main.emitError()
             << "segment " << segment << " needs " << words
             << " words of activation memory (AMEM) for its states, target "
             << target.name << " has " << target.actMemWords
             << ": use a smaller batch or choose a target with "
                "--target-config";
  }
  return success();
}

LogicalResult Planner::chooseMaxSeqLen(const Destinations &dest) {
  for (BlockArgument arg : main.getArguments())
    inputs.push_back(IOBuffer{"in." + inputNames[arg.getArgNumber()],
                              getTensorShape(arg), timeDims.get(arg)});
  auto wordsAt = [&](int64_t steps) {
    int64_t words = 0;
    for (const IOBuffer &buffer : inputs)
      words += buffer.getWords(steps);
    for (const IOBuffer &buffer : dest.buffers)
      words += buffer.getWords(steps);
    for (auto &entry : scheduler.scratch)
      words += entry.second.getWords(steps);
    return words;
  };
  if (!dynamic) {
    maxSeqLen = staticSeqLen;
  } else if (maxSeqLenOption > 0) {
    if (maxSeqLenOption > target.maxSeqLen)
      return main.emitError()
             << "--max-seq-len " << maxSeqLenOption
             << " is above the target's max_seq_len " << target.maxSeqLen;
    maxSeqLen = maxSeqLenOption;
  } else {
    int64_t perStep = wordsAt(2) - wordsAt(1);
    int64_t fixed = wordsAt(1) - perStep;
    maxSeqLen = perStep == 0 ? target.maxSeqLen
                             : std::min(target.maxSeqLen,
                                        (target.ioMemWords - fixed) / perStep);
    if (maxSeqLen < 1)
      return main.emitError()
             << "the model's tensors need " << fixed + perStep
             << " words of I/O memory (IOM) for one step, target "
             << target.name << " has " << target.ioMemWords;
  }
  int64_t words = wordsAt(maxSeqLen);
  if (words > target.ioMemWords)
    return main.emitError()
           << "the model's tensors need " << words
           << " words of I/O memory (IOM) for sequences of up to " << maxSeqLen
           << " steps, target " << target.name << " has " << target.ioMemWords
           << ": lower --max-seq-len";
  return success();
}

void Planner::placeIO(const Destinations &dest) {
  int64_t next = 0;
  // Gives the buffer the next IOM region; returns its address.
  auto place = [&](const IOBuffer &buffer) {
    int64_t address = next;
    int64_t words = buffer.getWords(maxSeqLen);
    next += words;
    addRegion(buffer.name, isa::Memory::IO, words).address = address;
    return address;
  };
  for (IOBuffer &buffer : inputs)
    buffer.address = place(buffer);
  // Outputs and concatenations, in the order findDestinations made them;
  // their readers find them by region.
  for (const IOBuffer &buffer : dest.buffers)
    place(buffer);
  for (auto &entry : scheduler.scratch)
    entry.second.address = place(entry.second);
}

//===----------------------------------------------------------------------===//
// Views and the tiles that depend on them
//===----------------------------------------------------------------------===//

LogicalResult Planner::writeViews(const Destinations &dest) {
  auto address = [&](StringRef name) {
    return regions[regionIndex.lookup(name)].address;
  };
  auto withBase = [&](const Placement &placement) {
    View view = placement.view;
    view.base += address(placement.buffer);
    return view;
  };
  for (BlockArgument arg : main.getArguments()) {
    const IOBuffer &buffer = inputs[arg.getArgNumber()];
    main.setArgAttr(
        arg.getArgNumber(), isa::kPlaceAttrName,
        getViewAttr(context,
                    makeDenseView(MemSpace::IO, buffer.address, buffer.shape,
                                  buffer.timeDim, maxSeqLen)));
  }
  for (unsigned i = 0, e = main.getNumResults(); i < e; ++i) {
    const IOBuffer &buffer = dest.buffers[i];
    main.setResultAttr(
        i, isa::kPlaceAttrName,
        getViewAttr(context,
                    makeDenseView(MemSpace::IO, address(buffer.name),
                                  buffer.shape, buffer.timeDim, maxSeqLen)));
  }
  for (Operation &op : main.getBody().front()) {
    if (!llvm::isa<LSTMOp, FCOp, ConcatOp>(op))
      continue;
    SmallVector<std::optional<View>> full, step;
    bool anyStep = false;
    for (OpResult result : op.getResults()) {
      std::optional<View> &fullView = full.emplace_back();
      std::optional<View> &stepView = step.emplace_back();
      if (auto it = dest.placed.find(result); it != dest.placed.end())
        fullView = withBase(it->second);
      else if (auto it = scheduler.scratch.find(result);
               it != scheduler.scratch.end())
        fullView =
            makeDenseView(MemSpace::IO, it->second.address, it->second.shape,
                          it->second.timeDim, maxSeqLen);
      if (!scheduler.staged.count(result))
        continue;
      anyStep = true;
      std::string name = names[&op];
      std::string buffer = name + ".output";
      if (auto lstm = dyn_cast<LSTMOp>(op))
        buffer = name + (lstm.getSequenceLens() ? ".d0.y" : ".d0.h");
      stepView = makeStepView(address(buffer), getTensorShape(result),
                              *timeDims.get(result));
    }
    op.setAttr(isa::kPlaceAttrName, getViewsAttr(context, full));
    if (anyStep)
      op.setAttr(isa::kStageAttrName, getViewsAttr(context, step));
    else
      op.removeAttr(isa::kStageAttrName);
  }
  return success();
}

LogicalResult Planner::chooseFCTiles() {
  llvm::DenseMap<Value, ValueViews> views;
  if (failed(computeValueViews(main, views)))
    return failure();
  for (auto &[op, layer] : fcs) {
    Schedule &schedule = schedules[op];
    schedule.name = names[op];
    schedule.segment = scheduler.layerItems[op]->segment;
    const ValueViews &in = views[layer.op.getInput()];
    const ValueViews &out = views[layer.op.getOutput()];
    const View *inView = in.full ? &*in.full : in.step ? &*in.step : nullptr;
    const View *outView = out.full   ? &*out.full
                          : out.step ? &*out.step
                                     : nullptr;
    int64_t batch = 1;
    if (inView && outView) {
      const View *both[] = {inView, outView};
      std::optional<RowWalk> walk = walkRows(both, inView->getRank() - 1);
      if (!walk)
        return op->emitError()
               << "layer '" << names[op] << "': cannot walk its input "
               << *inView << " and output " << *outView << " row by row";
      batch = walk->batch.size;
    }
    if (failed(chooseTiles(op, layer.outputs, 1, layer.w.getRowAlign(), batch,
                           "rows (its mask's block rows)")))
      return failure();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Parameters
//===----------------------------------------------------------------------===//

std::optional<std::vector<float>> Planner::constantValues(Value value) {
  llvm::Expected<std::vector<float>> values = readConstantFloats(value);
  if (!values) {
    llvm::consumeError(values.takeError());
    return std::nullopt;
  }
  return std::move(*values);
}

LogicalResult Planner::placeParameters() {
  int64_t next[3] = {0, 0, 0}; // weight, index, param
  auto place = [&](std::string name, isa::Memory memory, int64_t bytes) {
    int64_t &cursor = next[static_cast<int>(memory)];
    addRegion(std::move(name), memory, bytes).address = cursor;
    cursor += bytes;
  };
  llvm::StringMap<int64_t> tables; // key -> address
  auto placeTable = [&](std::string name, const LookupTable &table) {
    auto [it, inserted] =
        tables.try_emplace(table.getKey(), next[int(isa::Memory::Param)]);
    if (inserted) {
      place(std::move(name), isa::Memory::Param, table.getBytes(target));
      return;
    }
    addRegion(std::move(name), isa::Memory::Param, table.getBytes(target))
        .address = it->second;
  };
  auto placeTiles = [&](const std::string &prefix, StringRef what,
                        const std::vector<MatrixTile> &tileList) {
    for (auto [t, tile] : llvm::enumerate(tileList)) {
      std::string base = prefix + ".t" + std::to_string(t) + "." + what.str();
      place(base, isa::Memory::Weight, tile.weightBytes);
      place(base + ".index", isa::Memory::Index, tile.indexBytes);
      place(base + ".shifts", isa::Memory::Param,
            mc::packedBytes(tile.fields.gates * tile.rows, target.shiftBits));
    }
  };
  // Initial states that are not all one value: per direction, the codes
  // as bias fields (an mvm adds them to zero, see LowerLSTM.cpp).
  auto placeStateConstant = [&](Operation *op, const LSTMLayer &layer,
                                StringRef what, Value value) {
    if (!value || !value.getDefiningOp<arith::ConstantOp>())
      return success();
    std::optional<std::vector<float>> values = constantValues(value);
    if (!values) {
      op->emitError() << "layer '" << names[op] << "': cannot read its "
                      << what;
      return failure();
    }
    if (llvm::all_equal(*values))
      return success(); // set with a fill
    for (size_t d = 0; d < layer.directions.size(); ++d)
      place(names[op] + ".d" + std::to_string(d) + "." + what.str(),
            isa::Memory::Param,
            mc::packedBytes(layer.batch * layer.hidden, target.biasBits));
    return success();
  };

  for (auto &[op, layer] : lstms) {
    const Schedule &schedule = schedules[op];
    for (auto [d, direction] : llvm::enumerate(layer.directions)) {
      std::string prefix = names[op] + ".d" + std::to_string(d);
      FailureOr<std::vector<MatrixTile>> wTiles =
          tileMatrix(op, names[op], "W", direction.w, schedule.rowTile, target);
      FailureOr<std::vector<MatrixTile>> rTiles =
          tileMatrix(op, names[op], "R", direction.r, schedule.rowTile, target);
      if (failed(wTiles) || failed(rTiles))
        return failure();
      placeTiles(prefix, "W", *wTiles);
      placeTiles(prefix, "R", *rTiles);
      for (auto [t, tile] : llvm::enumerate(*wTiles)) {
        std::string base = prefix + ".t" + std::to_string(t);
        if (layer.op.getB())
          place(base + ".bias", isa::Memory::Param,
                mc::packedBytes(4 * tile.rows, target.biasBits));
        if (layer.op.getP())
          place(base + ".peepholes", isa::Memory::Param,
                mc::packedBytes(3 * tile.rows, target.actBits));
      }
      placeTable(prefix + ".lut_f", direction.lutF);
      placeTable(prefix + ".lut_g", direction.lutG);
      placeTable(prefix + ".lut_h", direction.lutH);
    }
    if (failed(placeStateConstant(op, layer, "initial_h",
                                  layer.op.getInitialH())) ||
        failed(
            placeStateConstant(op, layer, "initial_c", layer.op.getInitialC())))
      return failure();
    if (Value lengths = layer.op.getSequenceLens();
        lengths && lengths.getDefiningOp<arith::ConstantOp>())
      place(names[op] + ".sequence_lens", isa::Memory::Param,
            mc::packedBytes(layer.batch, 16));
    addRegion(names[op] + ".gates", isa::Memory::Acc,
              4 * schedule.rowTile * schedule.batchTile);
    accWordsUsed =
        std::max(accWordsUsed, 4 * schedule.rowTile * schedule.batchTile);
  }
  for (auto &[op, layer] : fcs) {
    const Schedule &schedule = schedules[op];
    FailureOr<std::vector<MatrixTile>> wTiles = tileMatrix(
        op, names[op], "the weight", layer.w, schedule.rowTile, target);
    if (failed(wTiles))
      return failure();
    placeTiles(names[op], "W", *wTiles);
    if (layer.op.getBias())
      for (auto [t, tile] : llvm::enumerate(*wTiles))
        place(names[op] + ".t" + std::to_string(t) + ".bias",
              isa::Memory::Param, mc::packedBytes(tile.rows, target.biasBits));
    addRegion(names[op] + ".acc", isa::Memory::Acc,
              schedule.rowTile * schedule.batchTile);
    accWordsUsed =
        std::max(accWordsUsed, schedule.rowTile * schedule.batchTile);
  }
  return checkParameterMemories();
}

LogicalResult Planner::checkParameterMemories() {
  int64_t used[3] = {0, 0, 0};
  for (const Region &region : regions)
    if (region.memory <= isa::Memory::Param)
      used[int(region.memory)] =
          std::max(used[int(region.memory)], region.address + region.size);
  struct Capacity {
    const char *what;
    int64_t bytes;
    const char *advice;
  };
  Capacity capacities[3] = {
      {"weight memory (WMEM)", target.weightMemBytes,
       "compress further with --hcgs, use fewer --weight-bits, or choose a "
       "target with --target-config"},
      {"index memory (IMEM)", target.indexMemBytes,
       "use larger HCGS blocks or choose a target with --target-config"},
      {"parameter memory (PMEM: shifts, biases, peepholes, lookup tables)",
       target.paramMemBytes, "choose a target with --target-config"}};
  // "600 bytes", "256 kB", "196.5 kB".
  auto kB = [](int64_t bytes) {
    if (bytes < 1024)
      return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    std::string text;
    llvm::raw_string_ostream(text) << llvm::format("%.1f", bytes / 1024.0);
    if (StringRef(text).ends_with(".0"))
      text.resize(text.size() - 2);
    return text + " kB";
  };
  for (int m = 0; m < 3; ++m)
    if (used[m] > capacities[m].bytes)
      return main.emitError()
             << "the model needs " << kB(used[m]) << " of "
             << capacities[m].what << ", target " << target.name << " has "
             << kB(capacities[m].bytes) << " (of its "
             << kB(target.getParameterMemoryBytes())
             << " parameter SRAM): " << capacities[m].advice;
  return success();
}

//===----------------------------------------------------------------------===//
// Writing the plan
//===----------------------------------------------------------------------===//

void Planner::writePlan() {
  Builder builder(context);
  SmallVector<Attribute> kinds;
  for (const SegmentInfo &segment : scheduler.segments)
    kinds.push_back(isa::SegmentKindAttr::get(
        context,
        segment.loop ? isa::SegmentKind::Loop : isa::SegmentKind::Once));
  main->setAttr(isa::kSegmentsAttrName, builder.getArrayAttr(kinds));
  main->setAttr(isa::kMaxSeqLenAttrName, builder.getI64IntegerAttr(maxSeqLen));
  SmallVector<Attribute> symbols;
  for (const Region &region : regions)
    symbols.push_back(
        isa::SymbolAttr::get(context, region.name, region.memory,
                             static_cast<uint32_t>(region.address),
                             static_cast<uint32_t>(region.size)));
  main->setAttr(isa::kMemoryMapAttrName, builder.getArrayAttr(symbols));

  for (auto &[op, schedule] : schedules)
    op->setAttr(isa::kScheduleAttrName, getScheduleAttr(context, schedule));
  for (const std::unique_ptr<Item> &item : scheduler.items) {
    if (item->kind == Item::Kind::Concat)
      item->op->setAttr(
          isa::kScheduleAttrName,
          getScheduleAttr(context, Schedule{names[item->op], item->segment}));
    else if (item->kind == Item::Kind::Output)
      main.setResultAttr(item->result, isa::kScheduleAttrName,
                         getScheduleAttr(context, Schedule{"", item->segment}));
  }
}

void Planner::emitRemarks() {
  llvm::StringMap<int64_t> bytesByLayer[3];
  int64_t totals[6] = {};
  for (const Region &region : regions) {
    int memory = int(region.memory);
    if (memory <= int(isa::Memory::Param)) {
      StringRef layer = StringRef(region.name).split('.').first;
      bytesByLayer[memory][layer] += region.size;
    }
    totals[memory] = std::max(totals[memory], region.address + region.size);
  }
  auto report = [&](Operation *op, const std::string &name, int64_t kept) {
    op->emitRemark() << "layer '" << name << "': segment "
                     << schedules[op].segment << ", tiles of "
                     << schedules[op].rowTile << " rows x "
                     << schedules[op].batchTile << " batch entries; " << kept
                     << " kept weights in " << bytesByLayer[0].lookup(name)
                     << " bytes of WMEM, index " << bytesByLayer[1].lookup(name)
                     << " bytes, PMEM " << bytesByLayer[2].lookup(name)
                     << " bytes";
  };
  for (auto &[op, layer] : lstms) {
    int64_t kept = 0;
    for (const LSTMDirection &direction : layer.directions)
      kept +=
          4 * (direction.w.mask.getNumKept() + direction.r.mask.getNumKept());
    report(op, names[op], kept);
  }
  for (auto &[op, layer] : fcs)
    report(op, names[op], layer.w.mask.getNumKept());
  main.emitRemark() << "plan: " << scheduler.segments.size() << " segments, "
                    << "max_seq_len " << maxSeqLen << "; WMEM "
                    << totals[int(isa::Memory::Weight)] << " of "
                    << target.weightMemBytes << " bytes, IMEM "
                    << totals[int(isa::Memory::Index)] << " of "
                    << target.indexMemBytes << " bytes, PMEM "
                    << totals[int(isa::Memory::Param)] << " of "
                    << target.paramMemBytes << " bytes, AMEM " << actWordsUsed
                    << " of " << target.actMemWords << " words, ACC "
                    << accWordsUsed << " of " << target.accWords
                    << " words, IOM " << totals[int(isa::Memory::IO)] << " of "
                    << target.ioMemWords << " words";
}

LogicalResult Planner::run() {
  if (failed(readModel()) || failed(findSequenceLength()))
    return failure();
  // Destination passing decides which copies exist before anything is
  // scheduled; its views are recomputed once max_seq_len is known (strides
  // change, the decisions do not).
  FailureOr<Destinations> provisional = scheduler.findDestinations(1);
  if (failed(provisional))
    return failure();
  scheduler.run(*provisional);
  if (failed(chooseLSTMTiles()) || failed(placeActivationMemory()) ||
      failed(chooseMaxSeqLen(*provisional)))
    return failure();
  FailureOr<Destinations> dest = scheduler.findDestinations(maxSeqLen);
  if (failed(dest))
    return failure();
  placeIO(*dest);
  if (failed(writeViews(*dest)) || failed(chooseFCTiles()) ||
      failed(placeParameters()))
    return failure();
  writePlan();
  if (remarks)
    emitRemarks();
  return success();
}

struct PlanPass : hcgs::impl::PlanBase<PlanPass> {
  using PlanBase::PlanBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<Target> target = getModuleTargetOrEmit(module);
    if (failed(target))
      return signalPassFailure();
    FailureOr<func::FuncOp> model = getModelFunctionOrEmit(module);
    if (failed(model))
      return signalPassFailure();
    func::FuncOp main = *model;
    if (maxSeqLen < 0) {
      module.emitError() << "--max-seq-len must not be negative";
      return signalPassFailure();
    }
    Planner planner(main, *target, maxSeqLen, remarks);
    if (failed(planner.run()))
      signalPassFailure();
  }
};

} // namespace
