//===- Report.h - what a compiled model costs -------------------*- C++ -*-===//
//
// The report hcgs-compile writes: per layer, the weights a model has and
// the ones its HCGS masks keep, their storage and the energy the masks keep;
// in total, the parameter memory the program takes and what running it
// costs per time step on its target (cycles, MAC utilization, frames per
// second, energy), from the ISA's cost model.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_COMPILER_REPORT_H
#define HCGS_COMPILER_REPORT_H

#include "hcgs/Runtime/Target/Target.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace hcgs {

namespace isa {
class ProgramOp;
} // namespace isa

/// One weight matrix of a layer (an LSTM's W or R in one direction, or an
/// FC weight) and its mask.
struct MatrixReport {
  std::string name; // "W[0]", "R[1]", "weight"
  int64_t rows = 0, cols = 0, slices = 1;
  /// Each level: block shape and blocks kept per block-row.
  struct Level {
    int64_t blockRows, blockCols, keep;
  };
  std::vector<Level> levels;
  int64_t denseWeights = 0;  // rows * cols * slices
  int64_t keptWeights = 0;   // inside the matrix
  int64_t storedWeights = 0; // whole kept blocks, padding included
  int64_t indexBytes = 0;
};

struct LayerReport {
  std::string name;
  std::string kind; // "lstm" or "fc"
  std::vector<MatrixReport> matrices;
  int64_t weightBits = 0;
  std::optional<double> energyKept;

  int64_t getDenseWeights() const;
  int64_t getKeptWeights() const;
  int64_t getStoredWeights() const;
  int64_t getWeightBytes() const;
  int64_t getIndexBytes() const;
};

struct ProgramReport {
  int64_t weightImageBytes = 0, indexImageBytes = 0, paramImageBytes = 0;
  int64_t programBytes = 0;
  /// The cost of one more time step: running T + 1 steps minus running T.
  int64_t macsPerStep = 0, cyclesPerStep = 0;
  double energyPerStepPJ = 0.0;
};

struct CompileReport {
  Target target;
  std::vector<LayerReport> layers;
  std::optional<ProgramReport> program;
  /// The target's parameters that followed the user's overrides.
  std::vector<DerivedTargetParam> derived;
};

/// The layers of a model whose masks are legalized (and weights quantized,
/// for weight bits): every hcgs.lstm and hcgs.fc of @main in order.
std::vector<LayerReport> collectLayerReports(mlir::ModuleOp module,
                                             const Target &target);

/// What a program takes and costs.
ProgramReport collectProgramReport(isa::ProgramOp program,
                                   const Target &target, int64_t programBytes);

/// The report as JSON: `target`, `layers` and `totals`.
llvm::json::Value reportToJSON(const CompileReport &report);

/// The report as a table for people.
void printReport(const CompileReport &report, llvm::raw_ostream &os);

} // namespace hcgs

#endif // HCGS_COMPILER_REPORT_H
