//===- LowerToISA.cpp - hcgs-lower-to-isa: @main becomes a program --------===//

#include "Lowering.h"

#include "hcgs/Dialect/HCGS/HCGSDialect.h"
#include "hcgs/Dialect/ISA/ISARecords.h"
#include "hcgs/Conversion/HCGSToISA/Passes.h"
#include "hcgs/IR/Constants.h"
#include "hcgs/IR/ModelFunction.h"
#include "hcgs/IR/ModuleTarget.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/Support/Format.h"

namespace hcgs {
#define GEN_PASS_DEF_LOWERTOISA
#include "hcgs/Conversion/HCGSToISA/Passes.h.inc"
} // namespace hcgs

using namespace mlir;
using namespace hcgs;
using namespace hcgs::lower;

namespace {

/// A memory image: inline when small, otherwise a dense_resource blob that
/// takes the bytes over.
ElementsAttr makeImage(MLIRContext *context, StringRef name,
                       std::vector<uint8_t> bytes) {
  if (bytes.empty())
    return nullptr;
  auto type = RankedTensorType::get({static_cast<int64_t>(bytes.size())},
                                    IntegerType::get(context, 8));
  if (bytes.size() <= kMaxInlineConstantElements)
    return DenseIntElementsAttr::get(
        type, ArrayRef<int8_t>(reinterpret_cast<const int8_t *>(bytes.data()),
                               bytes.size()));
  return cast<ElementsAttr>(DenseI8ResourceElementsAttr::get(
      type, name, makeOwningBlob(std::move(bytes))));
}

struct LowerToISAPass : hcgs::impl::LowerToISABase<LowerToISAPass> {
  using LowerToISABase::LowerToISABase;

  void runOnOperation() override;

private:
  FailureOr<isa::ProgramOp> buildProgram(Lowering &lowering, int64_t maxSeqLen,
                                         ArrayRef<bool> loops);
  void emitCostRemark(isa::ProgramOp program, const Target &target,
                      func::FuncOp main);
};

LogicalResult lowerLayers(Lowering &lowering, const Target &target) {
  func::FuncOp main = lowering.main;
  for (Operation &op : main.getBody().front()) {
    if (auto lstm = dyn_cast<LSTMOp>(op)) {
      FailureOr<LSTMLayer> layer = analyzeLSTM(lstm, target);
      FailureOr<Schedule> schedule = readSchedule(&op);
      if (failed(layer) || failed(schedule) ||
          failed(lowerLSTM(lowering, *layer, *schedule)))
        return failure();
    } else if (auto fc = dyn_cast<FCOp>(op)) {
      FailureOr<FCLayer> layer = analyzeFC(fc, target);
      FailureOr<Schedule> schedule = readSchedule(&op);
      if (failed(layer) || failed(schedule) ||
          failed(lowerFC(lowering, *layer, *schedule)))
        return failure();
    } else if (auto concat = dyn_cast<ConcatOp>(op)) {
      if (!op.hasAttr(isa::kScheduleAttrName))
        continue; // every input written in place
      FailureOr<Schedule> schedule = readSchedule(&op);
      if (failed(schedule) || failed(lowerConcat(lowering, concat, *schedule)))
        return failure();
    }
  }
  for (unsigned i = 0, e = main.getNumResults(); i < e; ++i) {
    if (!main.getResultAttr(i, isa::kScheduleAttrName))
      continue;
    FailureOr<Schedule> schedule = readResultSchedule(main, i);
    if (failed(schedule) || failed(lowerOutputCopy(lowering, i, *schedule)))
      return failure();
  }
  return success();
}

/// The program's input or output tensor for a value placed at `place`.
FailureOr<isa::TensorAttr> makeTensor(func::FuncOp main, StringRef name,
                                      Type type, Attribute place,
                                      FixedPointAttr format) {
  auto view = dyn_cast_or_null<isa::ViewAttr>(place);
  if (!view)
    return main.emitError()
           << "tensor '" << name << "' has no place (run hcgs-plan)";
  auto tensorType = cast<RankedTensorType>(type);
  return isa::TensorAttr::get(main.getContext(), name, tensorType.getShape(),
                              static_cast<uint32_t>(view.getBase()), format);
}

FailureOr<isa::ProgramOp> LowerToISAPass::buildProgram(Lowering &lowering,
                                                       int64_t maxSeqLen,
                                                       ArrayRef<bool> loops) {
  func::FuncOp main = lowering.main;
  MLIRContext *context = &getContext();
  SmallVector<Attribute> inputs, outputs;
  for (BlockArgument arg : main.getArguments()) {
    unsigned i = arg.getArgNumber();
    auto name = main.getArgAttrOfType<StringAttr>(i, kNameAttrName);
    FailureOr<isa::TensorAttr> tensor =
        makeTensor(main, name ? name.getValue() : "input" + std::to_string(i),
                   arg.getType(), main.getArgAttr(i, isa::kPlaceAttrName),
                   main.getArgAttrOfType<FixedPointAttr>(i, kFormatAttrName));
    if (failed(tensor))
      return failure();
    inputs.push_back(*tensor);
  }
  auto ret = cast<func::ReturnOp>(main.getBody().front().getTerminator());
  for (unsigned i = 0, e = main.getNumResults(); i < e; ++i) {
    auto name = main.getResultAttrOfType<StringAttr>(i, kNameAttrName);
    FailureOr<isa::TensorAttr> tensor = makeTensor(
        main, name ? name.getValue() : "output" + std::to_string(i),
        main.getResultTypes()[i], main.getResultAttr(i, isa::kPlaceAttrName),
        getValueFormat(ret.getOperand(i)));
    if (failed(tensor))
      return failure();
    outputs.push_back(*tensor);
  }

  OpBuilder builder(main);
  auto program = isa::ProgramOp::create(
      builder, main.getLoc(), "main",
      getTargetAttr(context, lowering.target), maxSeqLen,
      builder.getArrayAttr(inputs), builder.getArrayAttr(outputs),
      makeImage(context, "weights", std::move(lowering.weightImage)),
      makeImage(context, "index", std::move(lowering.indexImage)),
      makeImage(context, "params", std::move(lowering.paramImage)),
      lowering.map.attr);
  Block &body = program.getBody().emplaceBlock();
  builder.setInsertionPointToEnd(&body);
  auto emit = [&](const std::vector<enc::Instruction> &list) {
    for (const enc::Instruction &record : list)
      if (!isa::buildInstructionOp(builder, main.getLoc(), record))
        return failure();
    return success();
  };

  // The length registers hold T until a segment's LSTMs need others.
  Value lengths;
  for (auto [segment, code] : llvm::enumerate(lowering.code)) {
    if (code.hasLSTM && code.lengths != lengths) {
      enc::SetLenInst setlen = code.setlen;
      if (!code.lengths) {
        setlen = enc::SetLenInst();
        setlen.batchCount = static_cast<uint32_t>(lowering.target.maxBatch);
      }
      builder.setInsertionPointToEnd(&body);
      isa::buildInstructionOp(builder, main.getLoc(), setlen);
      lengths = code.lengths;
    }
    builder.setInsertionPointToEnd(&body);
    if (failed(emit(code.prologue)))
      return failure();
    if (loops[segment] && !code.body.empty()) {
      Operation *loop =
          isa::buildInstructionOp(builder, main.getLoc(), enc::LoopInst());
      builder.setInsertionPointToEnd(&loop->getRegion(0).front());
      if (failed(emit(code.body)))
        return failure();
      builder.setInsertionPointToEnd(&body);
    } else if (failed(emit(code.body))) {
      return failure();
    }
    if (failed(emit(code.epilogue)))
      return failure();
  }
  return program;
}

void LowerToISAPass::emitCostRemark(isa::ProgramOp program,
                                    const Target &target, func::FuncOp main) {
  std::vector<mc::enc::Instruction> records =
      isa::getInstructionRecords(program);
  mc::Cost one = mc::getProgramCost(records, target, 1);
  mc::Cost two = mc::getProgramCost(records, target, 2);
  int64_t cycles = two.cycles - one.cycles, macs = two.macs - one.macs;
  double ideal = double(macs) / target.macLanes;
  int64_t kept = 0;
  main.walk([&](Operation *op) {
    if (auto lstm = dyn_cast<LSTMOp>(op)) {
      for (ArrayAttr masks : {*lstm.getWMasks(), *lstm.getRMasks()})
        for (Attribute mask : masks)
          kept += 4 * cast<BlockMaskAttr>(mask).getNumKept();
    } else if (auto fc = dyn_cast<FCOp>(op)) {
      kept += fc.getMaskAttr().getNumKept();
    }
  });
  int64_t weightBytes = isa::getImageSize(program.getWeights());
  int64_t indexBytes = isa::getImageSize(program.getIndex());
  double keptBytes = kept * double(target.weightBits) / 8;
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "per step: " << cycles << " cycles, " << macs << " MACs, "
     << "MAC utilization "
     << llvm::format("%.4f",
                     cycles ? macs / (double(target.macLanes) * cycles) : 0.0)
     << ", cycles / (MACs / lanes) "
     << llvm::format("%.4f", ideal > 0 ? cycles / ideal : 0.0) << "; " << kept
     << " kept weights, " << weightBytes
     << " weight bytes (kept x weight_bits: "
     << llvm::format("%.4f", keptBytes > 0 ? weightBytes / keptBytes : 0.0)
     << "), " << indexBytes << " index bytes ("
     << llvm::format("%.4f", keptBytes > 0 ? indexBytes / keptBytes : 0.0)
     << " of kept x weight_bits); " << isa::countInstructions(program.getBody())
     << " instructions";
  program.emitRemark(text);
}

void LowerToISAPass::runOnOperation() {
  ModuleOp module = getOperation();
  FailureOr<Target> target = getModuleTargetOrEmit(module);
  if (failed(target))
    return signalPassFailure();
  FailureOr<func::FuncOp> model = getModelFunctionOrEmit(module);
  if (failed(model))
    return signalPassFailure();
  func::FuncOp main = *model;
  auto maxSeqLen = main->getAttrOfType<IntegerAttr>(isa::kMaxSeqLenAttrName);
  auto segments = main->getAttrOfType<ArrayAttr>(isa::kSegmentsAttrName);
  if (!maxSeqLen || !segments) {
    main.emitError() << "has no plan (run hcgs-plan)";
    return signalPassFailure();
  }
  SmallVector<bool> loops;
  for (isa::SegmentKindAttr kind : segments.getAsRange<isa::SegmentKindAttr>())
    loops.push_back(kind.getValue() == isa::SegmentKind::Loop);
  FailureOr<MemoryMap> map = readMemoryMap(main);
  llvm::DenseMap<Value, ValueViews> views;
  if (failed(map) || failed(computeValueViews(main, views)))
    return signalPassFailure();

  Lowering lowering(main, *target, std::move(*map), std::move(views),
                    static_cast<int64_t>(loops.size()));
  if (failed(lowerLayers(lowering, *target)))
    return signalPassFailure();
  FailureOr<isa::ProgramOp> program =
      buildProgram(lowering, maxSeqLen.getInt(), loops);
  if (failed(program))
    return signalPassFailure();
  if (failed(isa::verifyProgram(*program, *target))) {
    program->erase();
    return signalPassFailure();
  }
  if (remarks)
    emitCostRemark(*program, *target, main);
  main.erase();
}

} // namespace
