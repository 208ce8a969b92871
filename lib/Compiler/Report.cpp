//===- Report.cpp - what a compiled model costs ---------------------------===//

#include "hcgs/Compiler/Report.h"

#include "hcgs/Runtime/MachineCode/Program.h"
#include "hcgs/Transforms/BlockMasks.h"
#include "hcgs/IR/LayerNames.h"

#include "hcgs/Dialect/HCGS/HCGSOps.h"
#include "hcgs/Dialect/ISA/ISARecords.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/Support/Format.h"

using namespace mlir;
using namespace hcgs;

//===----------------------------------------------------------------------===//
// Layers
//===----------------------------------------------------------------------===//

static int64_t sumOver(const std::vector<MatrixReport> &matrices,
                       int64_t MatrixReport::*field) {
  int64_t total = 0;
  for (const MatrixReport &matrix : matrices)
    total += matrix.*field;
  return total;
}

int64_t LayerReport::getDenseWeights() const {
  return sumOver(matrices, &MatrixReport::denseWeights);
}
int64_t LayerReport::getKeptWeights() const {
  return sumOver(matrices, &MatrixReport::keptWeights);
}
int64_t LayerReport::getStoredWeights() const {
  return sumOver(matrices, &MatrixReport::storedWeights);
}
int64_t LayerReport::getIndexBytes() const {
  return sumOver(matrices, &MatrixReport::indexBytes);
}
int64_t LayerReport::getWeightBytes() const {
  // Each matrix's weights are one packed stream.
  int64_t bytes = 0;
  for (const MatrixReport &matrix : matrices)
    bytes += mc::packedBytes(matrix.storedWeights, weightBits);
  return bytes;
}

/// A matrix of `rows x cols` in `slices` row-sets sharing `mask` (or dense,
/// without one).
static MatrixReport describeMatrix(std::string name, int64_t rows,
                                   int64_t cols, int64_t slices,
                                   BlockMaskAttr mask) {
  MatrixReport matrix;
  matrix.name = std::move(name);
  matrix.rows = rows;
  matrix.cols = cols;
  matrix.slices = slices;
  matrix.denseWeights = rows * cols * slices;
  if (!mask) {
    matrix.keptWeights = matrix.storedWeights = matrix.denseWeights;
    return matrix;
  }
  for (MaskLevelAttr level : mask.getLevels())
    matrix.levels.push_back({level.getBlockRows(), level.getBlockCols(),
                             level.getBalancedKeep().value_or(-1)});
  MaskLevelAttr finest = mask.getLevels().back();
  matrix.keptWeights = mask.getNumKept() * slices;
  matrix.storedWeights = static_cast<int64_t>(finest.getKept().size()) *
                         finest.getBlockRows() * finest.getBlockCols() * slices;
  matrix.indexBytes = mc::packedBytes(getIndexBits(mask), 1);
  return matrix;
}

static std::optional<double> getEnergyKept(Operation *op) {
  if (auto energy = op->getAttrOfType<FloatAttr>("hcgs.energy_kept"))
    return energy.getValueAsDouble();
  return std::nullopt;
}

std::vector<LayerReport> hcgs::collectLayerReports(ModuleOp module,
                                                   const Target &target) {
  std::vector<LayerReport> layers;
  auto main = module.lookupSymbol<func::FuncOp>("main");
  if (!main)
    return layers;
  main.walk([&](Operation *op) {
    LayerReport layer;
    layer.name = getLayerName(op);
    layer.energyKept = getEnergyKept(op);
    layer.weightBits = target.weightBits;
    if (auto lstm = dyn_cast<LSTMOp>(op)) {
      layer.kind = "lstm";
      if (LSTMQuantAttr quant = lstm.getQuantAttr())
        layer.weightBits = quant.getWeights().getBits();
      int64_t hidden = lstm.getHiddenSize();
      int64_t input = cast<RankedTensorType>(lstm.getW().getType()).getDimSize(2);
      for (int64_t d = 0; d < lstm.getNumDirections(); ++d) {
        auto maskOf = [&](std::optional<ArrayAttr> masks) {
          return masks ? cast<BlockMaskAttr>((*masks)[d]) : BlockMaskAttr();
        };
        std::string suffix = "[" + std::to_string(d) + "]";
        layer.matrices.push_back(describeMatrix(
            "W" + suffix, hidden, input, 4, maskOf(lstm.getWMasks())));
        layer.matrices.push_back(describeMatrix(
            "R" + suffix, hidden, hidden, 4, maskOf(lstm.getRMasks())));
      }
    } else if (auto fc = dyn_cast<FCOp>(op)) {
      layer.kind = "fc";
      if (FCQuantAttr quant = fc.getQuantAttr())
        layer.weightBits = quant.getWeights().getBits();
      auto type = cast<RankedTensorType>(fc.getWeight().getType());
      layer.matrices.push_back(describeMatrix("weight", type.getDimSize(0),
                                              type.getDimSize(1), 1,
                                              fc.getMaskAttr()));
    } else {
      return;
    }
    layers.push_back(std::move(layer));
  });
  return layers;
}

//===----------------------------------------------------------------------===//
// Program
//===----------------------------------------------------------------------===//

ProgramReport hcgs::collectProgramReport(isa::ProgramOp program,
                                         const Target &target,
                                         int64_t programBytes) {
  std::vector<mc::enc::Instruction> instructions =
      isa::getInstructionRecords(program);
  ProgramReport report;
  report.weightImageBytes = isa::getImageSize(program.getWeights());
  report.indexImageBytes = isa::getImageSize(program.getIndex());
  report.paramImageBytes = isa::getImageSize(program.getParams());
  report.programBytes = programBytes;
  // Every cost is a fixed part plus a part per step (docs/ISA.md section 9).
  mc::Cost one = mc::getProgramCost(instructions, target, 1);
  mc::Cost two = mc::getProgramCost(instructions, target, 2);
  report.macsPerStep = two.macs - one.macs;
  report.cyclesPerStep = two.cycles - one.cycles;
  report.energyPerStepPJ = two.getEnergyPJ(target) - one.getEnergyPJ(target);
  return report;
}

//===----------------------------------------------------------------------===//
// Output
//===----------------------------------------------------------------------===//

namespace {
/// The totals the report derives from its parts.
struct Totals {
  int64_t dense = 0, kept = 0, weightBytes = 0, indexBytes = 0;
  double compression = 0.0;
};

Totals computeTotals(const CompileReport &report) {
  Totals totals;
  for (const LayerReport &layer : report.layers) {
    totals.dense += layer.getDenseWeights();
    totals.kept += layer.getKeptWeights();
    totals.weightBytes += layer.getWeightBytes();
    totals.indexBytes += layer.getIndexBytes();
  }
  totals.compression =
      totals.kept ? double(totals.dense) / double(totals.kept) : 0.0;
  return totals;
}

double ratio(int64_t a, int64_t b) { return b ? double(a) / double(b) : 0.0; }

llvm::json::Value levelsToJSON(const MatrixReport &matrix) {
  llvm::json::Array levels;
  for (const MatrixReport::Level &level : matrix.levels)
    levels.push_back(llvm::json::Object{
        {"block", llvm::json::Array{level.blockRows, level.blockCols}},
        {"keep", level.keep}});
  return levels;
}
} // namespace

llvm::json::Value hcgs::reportToJSON(const CompileReport &report) {
  llvm::json::Array layers;
  for (const LayerReport &layer : report.layers) {
    llvm::json::Array hcgs;
    for (const MatrixReport &matrix : layer.matrices)
      hcgs.push_back(llvm::json::Object{
          {"matrix", matrix.name},
          {"shape", llvm::json::Array{matrix.slices * matrix.rows, matrix.cols}},
          {"levels", levelsToJSON(matrix)},
          {"kept_weights", matrix.keptWeights}});
    llvm::json::Object entry{
        {"name", layer.name},
        {"kind", layer.kind},
        {"dense_weights", layer.getDenseWeights()},
        {"kept_weights", layer.getKeptWeights()},
        {"compression",
         ratio(layer.getDenseWeights(), layer.getKeptWeights())},
        {"hcgs", std::move(hcgs)},
        {"weight_bits", layer.weightBits},
        {"weight_bytes", layer.getWeightBytes()},
        {"index_bytes", layer.getIndexBytes()}};
    entry["energy_kept"] = layer.energyKept ? llvm::json::Value(*layer.energyKept)
                                            : llvm::json::Value(nullptr);
    layers.push_back(std::move(entry));
  }
  Totals totals = computeTotals(report);
  const Target &target = report.target;
  llvm::json::Object sums{
      {"dense_weights", totals.dense},
      {"kept_weights", totals.kept},
      {"compression", totals.compression},
      {"weight_bytes", totals.weightBytes},
      {"index_bytes", totals.indexBytes},
      {"sram_capacity_bytes", target.getParameterMemoryBytes()}};
  if (const std::optional<ProgramReport> &program = report.program) {
    double clockHz = target.clockMHz * 1e6;
    sums["sram_bytes"] = program->weightImageBytes + program->indexImageBytes +
                         program->paramImageBytes;
    sums["program_bytes"] = program->programBytes;
    sums["macs_per_step"] = program->macsPerStep;
    sums["cycles_per_step"] = program->cyclesPerStep;
    sums["mac_utilization"] =
        ratio(program->macsPerStep, target.macLanes * program->cyclesPerStep);
    sums["frames_per_second"] =
        program->cyclesPerStep ? clockHz / double(program->cyclesPerStep) : 0.0;
    sums["energy_per_frame_uj"] = program->energyPerStepPJ * 1e-6;
  }
  llvm::json::Array derived;
  for (const DerivedTargetParam &param : report.derived)
    derived.push_back(llvm::json::Object{{"parameter", param.key},
                                         {"value", param.to},
                                         {"was", param.from},
                                         {"at_least", param.bound}});
  return llvm::json::Object{{"target", target.name},
                            {"derived_parameters", std::move(derived)},
                            {"layers", std::move(layers)},
                            {"totals", std::move(sums)}};
}

void hcgs::printReport(const CompileReport &report, llvm::raw_ostream &os) {
  const Target &target = report.target;
  os << "target " << target.name << ": " << target.weightBits << "-bit weights, "
     << target.actBits << "-bit activations, " << target.macLanes
     << " MAC lanes, " << target.getParameterMemoryBytes() / 1024
     << " kB parameter SRAM, " << llvm::format("%g", target.clockMHz)
     << " MHz\n";
  for (const DerivedTargetParam &param : report.derived)
    os << "derived " << param.key << " = " << param.to << " (was "
       << param.from << "): at least " << param.bound << "\n";
  os << "\n";
  os << llvm::format("%-24s %-4s %10s %10s %7s %4s %10s %8s %7s\n", "layer",
                     "kind", "dense", "kept", "compr.", "bits", "weight B",
                     "index B", "energy");
  for (const LayerReport &layer : report.layers) {
    std::string energy =
        layer.energyKept
            ? (llvm::formatv("{0:F4}", *layer.energyKept)).str()
            : std::string("-");
    os << llvm::format("%-24s %-4s %10lld %10lld %6.2fx %4lld %10lld %8lld %7s\n",
                       layer.name.c_str(), layer.kind.c_str(),
                       (long long)layer.getDenseWeights(),
                       (long long)layer.getKeptWeights(),
                       ratio(layer.getDenseWeights(), layer.getKeptWeights()),
                       (long long)layer.weightBits,
                       (long long)layer.getWeightBytes(),
                       (long long)layer.getIndexBytes(), energy.c_str());
    for (const MatrixReport &matrix : layer.matrices) {
      os << "    " << matrix.name << " " << matrix.slices * matrix.rows << "x"
         << matrix.cols << ":";
      if (matrix.levels.empty())
        os << " dense";
      for (const MatrixReport::Level &level : matrix.levels)
        os << " " << level.blockRows << "x" << level.blockCols << " keep "
           << level.keep;
      os << "\n";
    }
  }
  Totals totals = computeTotals(report);
  os << llvm::format("%-24s %-4s %10lld %10lld %6.2fx %4s %10lld %8lld\n",
                     "total", "", (long long)totals.dense,
                     (long long)totals.kept, totals.compression, "",
                     (long long)totals.weightBytes,
                     (long long)totals.indexBytes);
  if (const std::optional<ProgramReport> &program = report.program) {
    int64_t sram = program->weightImageBytes + program->indexImageBytes +
                   program->paramImageBytes;
    os << "\nparameter SRAM   " << sram << " of "
       << target.getParameterMemoryBytes() << " bytes (weights "
       << program->weightImageBytes << ", index " << program->indexImageBytes
       << ", parameters " << program->paramImageBytes << ")\n";
    os << "program          " << program->programBytes << " bytes\n";
    os << "per time step    " << program->macsPerStep << " MACs, "
       << program->cyclesPerStep << " cycles, MAC utilization "
       << llvm::format("%.3f", ratio(program->macsPerStep,
                                     target.macLanes * program->cyclesPerStep))
       << "\n";
    os << "                 "
       << llvm::format("%.0f", program->cyclesPerStep
                                   ? target.clockMHz * 1e6 /
                                         double(program->cyclesPerStep)
                                   : 0.0)
       << " frames/s, "
       << llvm::format("%.3f", program->energyPerStepPJ * 1e-6)
       << " uJ/frame\n";
  }
}
