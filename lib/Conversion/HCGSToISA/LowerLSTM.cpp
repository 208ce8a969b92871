//===- LowerLSTM.cpp - an hcgs.lstm as mvm and lstm_cell instructions -----===//
//
// docs/ISA.md 11.1. Before the loop each direction's h and c states are set
// (a fill, a move from an input, or constants from PMEM); in the loop, for
// each batch slice and hidden tile, an mvm of W with the input and the bias,
// an mvm of R with h accumulating, and an lstm_cell; after the loop the
// states move to Y_h and Y_c. With several hidden tiles the cells write
// h_next, copied to h once every tile has read the old h.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"

#include "hcgs/IR/Constants.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <numeric>

using namespace mlir;
using namespace hcgs;
using namespace hcgs::lower;

namespace {

/// `value / 2^shift` rounded as the target rounds.
int64_t roundShift(int64_t value, int64_t shift, bool tiesToEven) {
  if (shift <= 0)
    return value;
  int64_t divisor = int64_t(1) << shift;
  int64_t quotient =
      value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
  int64_t remainder = value - quotient * divisor;
  bool up = 2 * remainder > divisor ||
            (2 * remainder == divisor &&
             (tiesToEven ? (quotient & 1) != 0 : value >= 0));
  return quotient + (up ? 1 : 0);
}

class LSTMLowering {
public:
  LSTMLowering(Lowering &lowering, const LSTMLayer &layer,
               const Schedule &schedule, SegmentCode &code)
      : l(lowering), layer(layer), schedule(schedule), code(code), op(layer.op),
        target(lowering.target) {}

  LogicalResult run();

private:
  /// One direction's addresses and operands.
  struct DirectionCode {
    std::vector<MatrixTile> wTiles, rTiles;
    std::vector<TileAddresses> wAddresses, rAddresses;
    std::vector<int64_t> bias, peepholes; // per tile
    enc::Lut lutF, lutG, lutH;
    int64_t h = 0, c = 0, hNext = 0;
    VecRef x;
    std::optional<VecRef> y;
  };

  LogicalResult readConstants();
  LogicalResult packDirection(int64_t d, DirectionCode &dir);
  FailureOr<enc::Lut> writeTable(const LookupTable &table,
                                 const std::string &name);
  LogicalResult initState(int64_t d, Value initial, FixedPointAttr format,
                          int64_t state, StringRef what);
  LogicalResult emitStep(const DirectionCode &dir, const BatchSlice &slice);
  LogicalResult finalState(int64_t d, Value result, int64_t state);
  FailureOr<int64_t> address(const std::string &name) {
    return l.map.lookup(op, name);
  }
  View stateView(int64_t base) const {
    return View{MemSpace::Act,
                base,
                {{Axis{layer.batch, layer.hidden}}, {Axis{layer.hidden, 1}}}};
  }
  InFlightDiagnostic error() {
    return op.emitError() << "layer '" << schedule.name << "': ";
  }

  Lowering &l;
  const LSTMLayer &layer;
  const Schedule &schedule;
  SegmentCode &code;
  LSTMOp op;
  const Target &target;
  /// The weights, views of their blobs (or of `storage` when inline).
  llvm::ArrayRef<float> w, r, b, p;
  std::vector<float> storage[4];
  int64_t gates = 0;
};

LogicalResult LSTMLowering::readConstants() {
  auto read = [&](Value value, StringRef name, llvm::ArrayRef<float> &out,
                  std::vector<float> &storage) {
    if (!value)
      return success();
    llvm::Expected<llvm::ArrayRef<float>> values =
        viewConstantFloats(value, storage);
    if (!values) {
      error() << name << " " << llvm::toString(values.takeError());
      return failure();
    }
    out = *values;
    return success();
  };
  return success(succeeded(read(op.getW(), "W", w, storage[0])) &&
                 succeeded(read(op.getR(), "R", r, storage[1])) &&
                 succeeded(read(op.getB(), "B", b, storage[2])) &&
                 succeeded(read(op.getP(), "P", p, storage[3])));
}

FailureOr<enc::Lut> LSTMLowering::writeTable(const LookupTable &table,
                                             const std::string &name) {
  std::vector<int64_t> entries;
  std::string problem = buildLookupTable(table, target, entries);
  if (!problem.empty())
    return error() << name << ": " << problem;
  FailureOr<int64_t> tableAt =
      l.packVector(op, name, entries, target.lutEntryBits);
  if (failed(tableAt))
    return failure();
  enc::Lut lut;
  lut.table = static_cast<uint32_t>(*tableAt);
  lut.segments = static_cast<uint32_t>(table.segments);
  lut.shift = static_cast<uint32_t>(table.shift);
  lut.clip = static_cast<uint64_t>(table.clip);
  return lut;
}

LogicalResult LSTMLowering::packDirection(int64_t d, DirectionCode &dir) {
  const LSTMDirection &direction = layer.directions[d];
  std::string prefix = schedule.name + ".d" + std::to_string(d);
  FailureOr<std::vector<MatrixTile>> wTiles =
      tileMatrix(op, schedule.name, "W", direction.w, schedule.rowTile, target);
  FailureOr<std::vector<MatrixTile>> rTiles =
      tileMatrix(op, schedule.name, "R", direction.r, schedule.rowTile, target);
  if (failed(wTiles) || failed(rTiles))
    return failure();
  dir.wTiles = std::move(*wTiles);
  dir.rTiles = std::move(*rTiles);
  int64_t hidden = layer.hidden;
  for (size_t t = 0; t < dir.wTiles.size(); ++t) {
    std::string tile = prefix + ".t" + std::to_string(t);
    FailureOr<TileAddresses> wAddress =
        l.packTile(op, tile + ".W", direction.w, dir.wTiles[t], w);
    FailureOr<TileAddresses> rAddress =
        l.packTile(op, tile + ".R", direction.r, dir.rTiles[t], r);
    if (failed(wAddress) || failed(rAddress))
      return failure();
    dir.wAddresses.push_back(*wAddress);
    dir.rAddresses.push_back(*rAddress);
    int64_t first = dir.wTiles[t].rowBegin, rows = dir.wTiles[t].rows;
    if (op.getB()) {
      // Wb + Rb, summed in double, at the bias format.
      std::vector<int64_t> fields;
      const float *wb = b.data() + d * 8 * hidden;
      const float *rb = wb + 4 * hidden;
      for (int64_t g = 0; g < 4; ++g)
        for (int64_t j = first; j < first + rows; ++j)
          fields.push_back(
              l.toCode(layer.quant.getBias(), double(wb[g * hidden + j]) +
                                                  double(rb[g * hidden + j])));
      FailureOr<int64_t> biasAt =
          l.packVector(op, tile + ".bias", fields, target.biasBits);
      if (failed(biasAt))
        return failure();
      dir.bias.push_back(*biasAt);
    }
    if (op.getP()) {
      // i, o, f of the tile's units.
      std::vector<int64_t> fields;
      const float *values = p.data() + d * 3 * hidden;
      for (int64_t g = 0; g < 3; ++g)
        for (int64_t j = first; j < first + rows; ++j)
          fields.push_back(
              l.toCode(layer.quant.getPeepholes(), values[g * hidden + j]));
      FailureOr<int64_t> peepholesAt =
          l.packVector(op, tile + ".peepholes", fields, target.actBits);
      if (failed(peepholesAt))
        return failure();
      dir.peepholes.push_back(*peepholesAt);
    }
  }
  FailureOr<enc::Lut> lutF = writeTable(direction.lutF, prefix + ".lut_f");
  FailureOr<enc::Lut> lutG = writeTable(direction.lutG, prefix + ".lut_g");
  FailureOr<enc::Lut> lutH = writeTable(direction.lutH, prefix + ".lut_h");
  FailureOr<int64_t> h = address(prefix + ".h");
  FailureOr<int64_t> c = address(prefix + ".c");
  if (failed(lutF) || failed(lutG) || failed(lutH) || failed(h) || failed(c))
    return failure();
  dir.lutF = *lutF;
  dir.lutG = *lutG;
  dir.lutH = *lutH;
  dir.h = *h;
  dir.c = *c;
  dir.hNext = dir.h;
  if (dir.wTiles.size() > 1) {
    FailureOr<int64_t> hNext = address(prefix + ".h_next");
    if (failed(hNext))
      return failure();
    dir.hNext = *hNext;
  }

  // The input, and where Y goes: every step to IOM, or the current step to
  // AMEM for readers in the loop (only needed with sequence lengths, where
  // padding steps read zeros rather than the kept state).
  TimeMode mode = direction.reverse ? TimeMode::Reverse : TimeMode::Forward;
  FailureOr<View> x = l.readView(op, op.getX());
  if (failed(x))
    return failure();
  std::optional<VecRef> xRef =
      makeTensorRef(*x, layer.getTimeDim(), layer.getBatchDim(), 2, mode);
  if (!xRef)
    return error() << "cannot address its input " << *x << " step by step";
  dir.x = *xRef;
  if (Value y = op.getY()) {
    const ValueViews &views = l.views[y];
    if (views.full) {
      int64_t dirDim = layer.batchFirst ? 2 : 1;
      std::optional<View> yd = selectView(*views.full, dirDim, d);
      std::optional<VecRef> yRef =
          yd ? makeTensorRef(*yd, layer.getTimeDim(), layer.getBatchDim(), 2,
                             mode)
             : std::nullopt;
      if (!yRef)
        return error() << "cannot address its output Y " << *views.full
                       << " step by step";
      dir.y = yRef;
    } else if (views.step && op.getSequenceLens()) {
      FailureOr<int64_t> stage = address(prefix + ".y");
      if (failed(stage))
        return failure();
      VecRef ref;
      ref.space = MemSpace::Act;
      ref.base = static_cast<uint32_t>(*stage);
      ref.batchStride = static_cast<uint32_t>(hidden);
      dir.y = ref;
    }
  }
  return success();
}

LogicalResult LSTMLowering::initState(int64_t d, Value initial,
                                      FixedPointAttr format, int64_t state,
                                      StringRef what) {
  int64_t batch = layer.batch, hidden = layer.hidden;
  int64_t stateDirDim = layer.batchFirst ? 1 : 0;
  auto fill = [&](int64_t value) {
    for (const BatchSlice &slice : l.getBatchSlices(batch, target.maxBatch)) {
      enc::FillInst inst;
      inst.dst.space = MemSpace::Act;
      inst.dst.base = static_cast<uint32_t>(state + slice.first * hidden);
      inst.dst.batchStride = static_cast<uint32_t>(hidden);
      inst.count = static_cast<uint32_t>(hidden);
      inst.value = static_cast<int32_t>(value);
      inst.batchStart = static_cast<uint32_t>(slice.start);
      inst.batchCount = static_cast<uint32_t>(slice.count);
      code.prologue.push_back(inst);
    }
    return success();
  };
  if (!initial)
    return fill(0);
  if (!initial.getDefiningOp<arith::ConstantOp>()) {
    FailureOr<View> view = l.readView(op, initial);
    if (failed(view))
      return failure();
    std::optional<View> selected = selectView(*view, stateDirDim, d);
    if (!selected)
      return error() << "cannot address its " << what << " " << *view;
    FixedPointAttr from = getValueFormat(initial);
    if (!from || from.isPerRow())
      return error() << "its " << what << " has no fixed-point format";
    return l.emitCopy(code.prologue, op, *selected, stateView(state),
                      format.getFracBits()[0] - from.getFracBits()[0]);
  }

  llvm::Expected<std::vector<float>> values = readConstantFloats(initial);
  if (!values)
    return error() << what << " " << llvm::toString(values.takeError());
  if (llvm::all_equal(*values))
    return fill(l.toCode(format, values->front()));
  // Different constants: PMEM holds them as bias fields; an mvm that reads
  // no input adds them to zero in ACC, and a move brings them to the state.
  int64_t dirs = static_cast<int64_t>(layer.directions.size());
  int64_t shift = std::max<int64_t>(0, target.actBits - target.biasBits);
  std::vector<int64_t> fields;
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t j = 0; j < hidden; ++j) {
      int64_t index = layer.batchFirst ? (b * dirs + d) * hidden + j
                                       : (d * batch + b) * hidden + j;
      fields.push_back(
          roundShift(l.toCode(format, (*values)[index]), shift, l.tiesToEven));
    }
  std::string name =
      schedule.name + ".d" + std::to_string(d) + "." + what.str();
  FailureOr<int64_t> constants =
      l.packVector(op, name, fields, target.biasBits);
  if (failed(constants))
    return failure();
  FailureOr<int64_t> acc = address(schedule.name + ".gates");
  if (failed(acc))
    return failure();
  int64_t edge = *llvm::min_element(target.hcgsBlockSizes);
  // Chunks start on whole bytes of the bias fields and on whole blocks.
  int64_t align = std::lcm<int64_t>(edge, 8);
  int64_t chunkRows =
      std::min<int64_t>({target.accWords, 65535, 4095 * edge}) / align * align;
  if (chunkRows == 0)
    return error() << "the target's " << target.accWords
                   << " accumulator words cannot hold its constant " << what;
  int64_t total = batch * hidden;
  for (int64_t first = 0; first < total; first += chunkRows) {
    int64_t rows = std::min(chunkRows, total - first);
    enc::MvmInst mvm;
    mvm.x.space = MemSpace::Act;
    mvm.xLen = 0;
    mvm.acc.space = MemSpace::Acc;
    mvm.acc.base = static_cast<uint32_t>(*acc);
    mvm.gates = 1;
    mvm.rows = static_cast<uint32_t>(rows);
    mvm.rowBlocks = static_cast<uint32_t>((rows + edge - 1) / edge);
    mvm.colBlocks = 1;
    mvm.levels = {enc::Level{static_cast<uint32_t>(edge),
                             static_cast<uint32_t>(edge), 1}};
    mvm.bias = enc::PVec{
        static_cast<uint32_t>(*constants + first * target.biasBits / 8),
        static_cast<int32_t>(shift)};
    mvm.batchCount = 1;
    code.prologue.push_back(mvm);
    enc::MoveInst move;
    move.src = mvm.acc;
    move.dst.space = MemSpace::Act;
    move.dst.base = static_cast<uint32_t>(state + first);
    move.count = static_cast<uint32_t>(rows);
    move.batchCount = 1;
    code.prologue.push_back(move);
  }
  return success();
}

LogicalResult LSTMLowering::emitStep(const DirectionCode &dir,
                                     const BatchSlice &slice) {
  int64_t hidden = layer.hidden;
  int64_t stateOffset = slice.first * hidden;
  VecRef x = dir.x;
  x.base += static_cast<uint32_t>(slice.first * x.batchStride);
  VecRef h;
  h.space = MemSpace::Act;
  h.base = static_cast<uint32_t>(dir.h + stateOffset);
  h.batchStride = static_cast<uint32_t>(hidden);
  for (size_t t = 0; t < dir.wTiles.size(); ++t) {
    const MatrixTile &tile = dir.wTiles[t];
    int64_t rows = tile.rows, first = tile.rowBegin;
    VecRef acc;
    acc.space = MemSpace::Acc;
    acc.base = static_cast<uint32_t>(gates);
    acc.batchStride = static_cast<uint32_t>(4 * rows);
    std::optional<enc::PVec> bias;
    if (!dir.bias.empty())
      bias = enc::PVec{static_cast<uint32_t>(dir.bias[t]),
                       static_cast<int32_t>(*layer.biasShift)};
    l.emitMvm(code.body, tile, dir.wAddresses[t], x, layer.input, acc,
              /*accumulate=*/false, bias, slice);
    l.emitMvm(code.body, dir.rTiles[t], dir.rAddresses[t], h, hidden, acc,
              /*accumulate=*/true, std::nullopt, slice);

    enc::LstmCellInst cell;
    cell.gates = acc;
    cell.c.space = MemSpace::Act;
    cell.c.base = static_cast<uint32_t>(dir.c + stateOffset + first);
    cell.c.batchStride = static_cast<uint32_t>(hidden);
    cell.h = cell.c;
    cell.h.base = static_cast<uint32_t>(dir.hNext + stateOffset + first);
    if (dir.y) {
      VecRef y = *dir.y;
      y.base += static_cast<uint32_t>(slice.first * y.batchStride);
      if (!offsetElements(y, first, rows))
        return error() << "cannot address hidden units " << first << " to "
                       << first + rows - 1 << " of its output Y";
      cell.y = y;
    }
    cell.hidden = static_cast<uint32_t>(rows);
    cell.lutF = dir.lutF;
    cell.lutG = dir.lutG;
    cell.lutH = dir.lutH;
    if (!dir.peepholes.empty())
      cell.peepholes = enc::PVec{static_cast<uint32_t>(dir.peepholes[t]),
                                 static_cast<int32_t>(*layer.peepholeShift)};
    if (layer.inputForget)
      cell.inputForget = static_cast<uint32_t>(*layer.inputForget);
    cell.fcAlign = static_cast<uint32_t>(layer.fcAlign);
    cell.igAlign = static_cast<uint32_t>(layer.igAlign);
    cell.cShift = static_cast<int32_t>(layer.cShift);
    cell.hShift = static_cast<int32_t>(layer.hShift);
    cell.batchStart = static_cast<uint32_t>(slice.start);
    cell.batchCount = static_cast<uint32_t>(slice.count);
    code.body.push_back(cell);
  }
  if (dir.hNext != dir.h) {
    enc::MoveInst move;
    move.src = h;
    move.src.base = static_cast<uint32_t>(dir.hNext + stateOffset);
    move.dst = h;
    move.count = static_cast<uint32_t>(hidden);
    move.batchStart = static_cast<uint32_t>(slice.start);
    move.batchCount = static_cast<uint32_t>(slice.count);
    code.body.push_back(move);
  }
  return success();
}

LogicalResult LSTMLowering::finalState(int64_t d, Value result, int64_t state) {
  if (!result)
    return success();
  const ValueViews &views = l.views[result];
  if (!views.full)
    return success(); // read by nothing
  int64_t stateDirDim = layer.batchFirst ? 1 : 0;
  std::optional<View> selected = selectView(*views.full, stateDirDim, d);
  if (!selected)
    return error() << "cannot address its final state " << *views.full;
  return l.emitCopy(code.epilogue, op, stateView(state), *selected, 0);
}

LogicalResult LSTMLowering::run() {
  if (failed(readConstants()))
    return failure();
  FailureOr<int64_t> acc = address(schedule.name + ".gates");
  if (failed(acc))
    return failure();
  gates = *acc;
  if (layer.hidden > 65535)
    return error() << "hidden_size " << layer.hidden
                   << " is above the 65535 elements an instruction moves";

  // The length registers this layer needs.
  code.hasLSTM = true;
  if (Value lengths = op.getSequenceLens()) {
    code.lengths = lengths;
    enc::SetLenInst &setlen = code.setlen;
    setlen.batchStart = 0;
    setlen.batchCount = static_cast<uint32_t>(layer.batch);
    if (lengths.getDefiningOp<arith::ConstantOp>()) {
      auto attr = dyn_cast<DenseIntElementsAttr>(
          lengths.getDefiningOp<arith::ConstantOp>().getValue());
      if (!attr)
        return error() << "its sequence_lens constant is not dense";
      std::vector<int64_t> fields;
      for (const APInt &length : attr.getValues<APInt>()) {
        int64_t value = length.getSExtValue();
        if (value < 0 || value > 65535)
          return error() << "sequence length " << value
                         << " does not fit the 16-bit length fields";
        fields.push_back(value);
      }
      std::string name = schedule.name + ".sequence_lens";
      FailureOr<int64_t> lengthsAt = l.packVector(op, name, fields, 16);
      if (failed(lengthsAt))
        return failure();
      setlen.source = enc::SetLenSource::Param;
      setlen.address = static_cast<uint32_t>(*lengthsAt);
    } else {
      FailureOr<View> view = l.readView(op, lengths);
      if (failed(view))
        return failure();
      setlen.source = enc::SetLenSource::IO;
      setlen.address = static_cast<uint32_t>(view->base);
    }
  }

  std::vector<DirectionCode> directions(layer.directions.size());
  for (size_t d = 0; d < directions.size(); ++d) {
    if (failed(packDirection(d, directions[d])) ||
        failed(initState(d, op.getInitialH(), layer.quant.getHidden(),
                         directions[d].h, "initial_h")) ||
        failed(initState(d, op.getInitialC(), layer.quant.getCell(),
                         directions[d].c, "initial_c")))
      return failure();
  }
  std::vector<BatchSlice> slices =
      l.getBatchSlices(layer.batch, schedule.batchTile);
  for (const DirectionCode &dir : directions)
    for (const BatchSlice &slice : slices)
      if (failed(emitStep(dir, slice)))
        return failure();
  for (size_t d = 0; d < directions.size(); ++d)
    if (failed(finalState(d, op.getYH(), directions[d].h)) ||
        failed(finalState(d, op.getYC(), directions[d].c)))
      return failure();
  return success();
}

} // namespace

LogicalResult lower::lowerLSTM(Lowering &lowering, const LSTMLayer &layer,
                               const Schedule &schedule) {
  LSTMOp op = layer.op;
  FailureOr<SegmentCode *> code = lowering.getSegment(op, schedule.segment);
  if (failed(code))
    return failure();
  if (schedule.rowTile < 1 || schedule.batchTile < 1)
    return op.emitError() << "layer '" << schedule.name
                          << "' has no tiles in its schedule";
  return LSTMLowering(lowering, layer, schedule, **code).run();
}
