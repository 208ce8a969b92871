//===- LegalizeMasks.cpp - give every weight an HCGS mask -----------------===//

#include "hcgs/Transforms/BlockMasks.h"
#include "hcgs/Transforms/Passes.h"
#include "hcgs/IR/Constants.h"
#include "hcgs/IR/LayerNames.h"
#include "hcgs/IR/ModuleTarget.h"

#include "hcgs/Dialect/HCGS/HCGSOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Format.h"

namespace hcgs {
#define GEN_PASS_DEF_LEGALIZEMASKS
#include "hcgs/Transforms/Passes.h.inc"
} // namespace hcgs

using namespace mlir;
using namespace hcgs;

namespace {

/// A number as printf's %g writes it, for messages.
std::string formatNumber(double value) {
  std::string text;
  llvm::raw_string_ostream(text) << llvm::format("%g", value);
  return text;
}

/// The hierarchies of square blocks the target accepts, coarsest level
/// first and larger blocks before smaller ones (findStructure prefers the
/// earlier of two equally good candidates).
std::vector<BlockShapes> candidateHierarchies(const Target &target) {
  std::vector<int64_t> sizes = target.hcgsBlockSizes;
  llvm::sort(sizes, std::greater<int64_t>());
  std::vector<BlockShapes> candidates;
  std::function<void(BlockShapes &)> extend = [&](BlockShapes &prefix) {
    if (!prefix.empty())
      candidates.push_back(prefix);
    if (static_cast<int64_t>(prefix.size()) == target.hcgsMaxLevels)
      return;
    for (int64_t size : sizes) {
      if (!prefix.empty() && (size >= prefix.back().first ||
                              prefix.back().first % size != 0))
        continue;
      prefix.emplace_back(size, size);
      extend(prefix);
      prefix.pop_back();
    }
  };
  BlockShapes prefix;
  extend(prefix);
  return candidates;
}

/// Why the target cannot hold `mask`, or an empty string.
std::string unsupportedBy(const Target &target, BlockMaskAttr mask) {
  int64_t levels = mask.getLevels().size();
  if (levels > target.hcgsMaxLevels)
    return "it has " + std::to_string(levels) + " levels and target '" +
           target.name + "' takes at most " +
           std::to_string(target.hcgsMaxLevels);
  for (MaskLevelAttr level : mask.getLevels())
    for (int64_t edge : {level.getBlockRows(), level.getBlockCols()})
      if (!target.supportsBlockSize(edge))
        return "its " + std::to_string(level.getBlockRows()) + "x" +
               std::to_string(level.getBlockCols()) + " blocks are not among "
               "the block sizes of target '" + target.name + "' (" +
               formatBlockSizes(target) + ")";
  return "";
}

struct LegalizeMasksPass : hcgs::impl::LegalizeMasksBase<LegalizeMasksPass> {
  using LegalizeMasksBase::LegalizeMasksBase;

  void runOnOperation() override;

private:
  /// Parses `hcgs` and `layer-hcgs` and checks them against the target.
  LogicalResult parseSpecs();
  /// The structure `layer`'s weights are pruned to, if any.
  const std::vector<LevelSpec> *getSpec(StringRef layer);
  /// The mask of one matrix of `layer`: verified, chosen by pruning to
  /// `spec` or found, then balanced. With `energy`, adds the kept and total
  /// weight energy.
  FailureOr<BlockMaskAttr> legalize(Operation *op, StringRef layer,
                                    StringRef matrixName, BlockMaskAttr given,
                                    const std::vector<LevelSpec> *spec,
                                    const SharedMatrix &matrix,
                                    std::pair<double, double> *energy);
  /// Legalizes the masks of W and R (LSTM) or of the weight (FC), rewriting
  /// pruned weight constants.
  LogicalResult legalizeLSTM(LSTMOp op);
  LogicalResult legalizeFC(FCOp op);

  Target target;
  std::vector<BlockShapes> candidates;
  std::optional<std::vector<LevelSpec>> defaultSpec;
  llvm::StringMap<std::vector<LevelSpec>> perLayer;
  llvm::StringMap<bool> perLayerUsed;
};

LogicalResult LegalizeMasksPass::parseSpecs() {
  ModuleOp module = getOperation();
  auto check = [&](StringRef option, StringRef text)
      -> FailureOr<std::vector<LevelSpec>> {
    llvm::Expected<std::vector<LevelSpec>> specs =
        parseLevelSpecsFor(target, option, text);
    if (!specs) {
      module.emitError() << llvm::toString(specs.takeError());
      return failure();
    }
    return std::move(*specs);
  };
  if (!spec.empty()) {
    FailureOr<std::vector<LevelSpec>> parsed = check("--hcgs", spec);
    if (failed(parsed))
      return failure();
    defaultSpec = *parsed;
  }
  // The option list splits on commas, also inside a spec: an entry without
  // '=' continues the one before (NAME=32:0.25,4:0.25).
  SmallVector<std::string> entries;
  for (const std::string &entry : layerSpecs) {
    if (!entries.empty() && !StringRef(entry).contains('='))
      entries.back() += "," + entry;
    else
      entries.push_back(entry);
  }
  for (const std::string &entry : entries) {
    auto [name, text] = StringRef(entry).rsplit('=');
    if (name.empty() || text.empty()) {
      module.emitError() << "--layer-hcgs: '" << entry
                         << "' is not NAME=SPEC";
      return failure();
    }
    FailureOr<std::vector<LevelSpec>> parsed =
        check(("--layer-hcgs " + name).str(), text);
    if (failed(parsed))
      return failure();
    perLayer[name] = *parsed;
    perLayerUsed[name] = false;
  }
  return success();
}

const std::vector<LevelSpec> *LegalizeMasksPass::getSpec(StringRef layer) {
  auto it = perLayer.find(layer);
  if (it == perLayer.end())
    return defaultSpec ? &*defaultSpec : nullptr;
  perLayerUsed[layer] = true;
  return &it->second;
}

FailureOr<BlockMaskAttr> LegalizeMasksPass::legalize(
    Operation *op, StringRef layer, StringRef matrixName, BlockMaskAttr given,
    const std::vector<LevelSpec> *spec, const SharedMatrix &matrix,
    std::pair<double, double> *energy) {
  BlockMaskAttr mask;
  if (given) {
    OutsideMask outside = nonZerosOutside(matrix, given);
    if (outside.count)
      return op->emitError()
             << "layer '" << layer << "': " << matrixName << " has "
             << outside.count << " non-zero weights outside its mask "
             << "(largest magnitude " << formatNumber(outside.largest) << ")";
    mask = given;
  } else if (spec) {
    // A block wider or taller than the matrix makes a single block-row or
    // block-column: it prunes nothing on that side and pads the storage to
    // the block, so the structure asked for is not the one the program gets.
    for (auto [level, levelSpec] : llvm::enumerate(*spec))
      if (levelSpec.blockRows > matrix.rows || levelSpec.blockCols > matrix.cols)
        return op->emitError()
               << "layer '" << layer << "': HCGS level " << level + 1 << "'s "
               << levelSpec.blockRows << "x" << levelSpec.blockCols
               << " blocks are larger than " << matrixName << " ("
               << matrix.rows << "x" << matrix.cols
               << "): they would prune nothing on that side and pad its "
                  "storage; choose blocks no larger than the matrix";
    mask = pruneByEnergy(op->getContext(), matrix, *spec);
  } else {
    mask = findStructure(op->getContext(), matrix, candidates,
                         target.weightBits);
  }
  mask = balance(mask);
  std::string problem = unsupportedBy(target, mask);
  if (!problem.empty())
    return op->emitError() << "layer '" << layer << "': the mask of "
                           << matrixName << " cannot be held: " << problem;
  if (energy) {
    MaskedEnergy measured = measureEnergy(matrix, mask);
    energy->first += measured.total * measured.getKeptFraction();
    energy->second += measured.total;
  }
  return mask;
}

/// Zeroes what `mask` drops from `matrix`, which starts at `offset` in
/// `weights` (a whole operand), in `pruned`: a copy of `weights` made when
/// the mask first drops a non-zero weight.
static void prune(llvm::ArrayRef<float> weights, const SharedMatrix &matrix,
                  int64_t offset, BlockMaskAttr mask,
                  std::vector<float> &pruned) {
  std::vector<float> masked = applyMask(matrix, mask);
  if (pruned.empty()) {
    if (llvm::equal(masked, matrix.data))
      return;
    pruned.assign(weights.begin(), weights.end());
  }
  llvm::copy(masked, pruned.begin() + offset);
}

/// The fraction of the weight energy a layer's masks keep: 1 unless it was
/// pruned (a mask given or found keeps every non-zero weight).
static FloatAttr keptEnergyAttr(MLIRContext *context,
                                std::optional<std::pair<double, double>> energy) {
  double fraction = energy && energy->second > 0.0
                        ? energy->first / energy->second
                        : 1.0;
  return FloatAttr::get(Float64Type::get(context), fraction);
}

/// Views a constant weight operand (see viewConstantFloats), reporting what
/// it is if not one.
static FailureOr<llvm::ArrayRef<float>>
viewWeights(Operation *op, StringRef layer, StringRef name, Value value,
            std::vector<float> &storage) {
  llvm::Expected<llvm::ArrayRef<float>> values =
      viewConstantFloats(value, storage);
  if (values)
    return *values;
  std::string why = llvm::toString(values.takeError());
  InFlightDiagnostic diag = op->emitError()
                            << "layer '" << layer << "': " << name << " "
                            << why;
  if (isa<BlockArgument>(value))
    diag << " (a graph input: bind it to a file to compile it)";
  return failure();
}

LogicalResult LegalizeMasksPass::legalizeLSTM(LSTMOp op) {
  std::string layer = getLayerName(op);
  int64_t hidden = op.getHiddenSize();
  int64_t dirs = op.getNumDirections();
  MLIRContext *context = op.getContext();
  const std::vector<LevelSpec> *spec = getSpec(layer);
  // Energy is only worth measuring when something may be pruned.
  std::optional<std::pair<double, double>> energy;
  if (spec)
    energy.emplace(0.0, 0.0);
  for (auto [index, name] : {std::pair<unsigned, StringRef>{1, "W"},
                             std::pair<unsigned, StringRef>{2, "R"}}) {
    Value operand = op->getOperand(index);
    int64_t cols = cast<RankedTensorType>(operand.getType()).getDimSize(2);
    std::vector<float> storage, pruned;
    FailureOr<llvm::ArrayRef<float>> weights =
        viewWeights(op, layer, name, operand, storage);
    if (failed(weights))
      return failure();
    std::optional<ArrayAttr> given =
        name == "W" ? op.getWMasks() : op.getRMasks();
    SmallVector<Attribute> masks;
    int64_t perDirection = 4 * hidden * cols;
    for (int64_t dir = 0; dir < dirs; ++dir) {
      std::string matrixName =
          dirs > 1 ? (name + "[" + llvm::Twine(dir) + "]").str() : name.str();
      BlockMaskAttr givenMask =
          given ? cast<BlockMaskAttr>((*given)[dir]) : BlockMaskAttr();
      SharedMatrix matrix{weights->slice(dir * perDirection, perDirection), 4,
                          hidden, cols};
      FailureOr<BlockMaskAttr> mask =
          legalize(op, layer, matrixName, givenMask, spec, matrix,
                   energy ? &*energy : nullptr);
      if (failed(mask))
        return failure();
      if (spec && !givenMask)
        prune(*weights, matrix, dir * perDirection, *mask, pruned);
      masks.push_back(*mask);
    }
    if (!pruned.empty())
      replaceConstantOperand(op, index, std::move(pruned),
                             layer + "_" + name.str());
    ArrayAttr maskArray = ArrayAttr::get(context, masks);
    if (name == "W")
      op.setWMasksAttr(maskArray);
    else
      op.setRMasksAttr(maskArray);
  }
  op->setAttr("hcgs.energy_kept", keptEnergyAttr(context, energy));
  return success();
}

LogicalResult LegalizeMasksPass::legalizeFC(FCOp op) {
  std::string layer = getLayerName(op);
  auto type = cast<RankedTensorType>(op.getWeight().getType());
  std::vector<float> storage, pruned;
  FailureOr<llvm::ArrayRef<float>> weights =
      viewWeights(op, layer, "weight", op.getWeight(), storage);
  if (failed(weights))
    return failure();
  const std::vector<LevelSpec> *spec = getSpec(layer);
  std::optional<std::pair<double, double>> energy;
  if (spec)
    energy.emplace(0.0, 0.0);
  SharedMatrix matrix{*weights, 1, type.getDimSize(0), type.getDimSize(1)};
  FailureOr<BlockMaskAttr> mask =
      legalize(op, layer, "weight", op.getMaskAttr(), spec, matrix,
               energy ? &*energy : nullptr);
  if (failed(mask))
    return failure();
  if (spec && !op.getMaskAttr())
    prune(*weights, matrix, 0, *mask, pruned);
  if (!pruned.empty())
    replaceConstantOperand(op, 1, std::move(pruned), layer + "_weight");
  op.setMaskAttr(*mask);
  op->setAttr("hcgs.energy_kept", keptEnergyAttr(op.getContext(), energy));
  return success();
}

void LegalizeMasksPass::runOnOperation() {
  ModuleOp module = getOperation();
  FailureOr<Target> moduleTarget = getModuleTargetOrEmit(module);
  if (failed(moduleTarget))
    return signalPassFailure();
  target = std::move(*moduleTarget);
  candidates = candidateHierarchies(target);
  if (failed(parseSpecs()))
    return signalPassFailure();
  WalkResult result = module.walk([&](Operation *op) {
    if (auto lstm = dyn_cast<LSTMOp>(op))
      return failed(legalizeLSTM(lstm)) ? WalkResult::interrupt()
                                        : WalkResult::advance();
    if (auto fc = dyn_cast<FCOp>(op))
      return failed(legalizeFC(fc)) ? WalkResult::interrupt()
                                    : WalkResult::advance();
    return WalkResult::advance();
  });
  if (result.wasInterrupted())
    return signalPassFailure();
  for (const auto &entry : perLayerUsed)
    if (!entry.getValue()) {
      module.emitError() << "--layer-hcgs: no layer is named '"
                         << entry.getKey() << "'";
      return signalPassFailure();
    }
}

} // namespace
