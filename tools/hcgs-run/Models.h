//===- Models.h - what hcgs-run runs --------------------------------*- C++
//-*-===//
//
// The kind of model decides how it runs: hcgs IR (.mlir, .mlirbc) and ONNX
// models (.onnx, imported into hcgs IR) in the float reference executor, a
// compiled program (.hcgsb) in the bit-exact simulator.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_TOOLS_HCGS_RUN_MODELS_H
#define HCGS_TOOLS_HCGS_RUN_MODELS_H

#include "Options.h"

#include "hcgs/Runtime/Tensor/Tensor.h"
#include "hcgs/Runtime/Tensor/TensorSpec.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>

namespace hcgs::run {

/// A model hcgs-run can run: its inputs and outputs, and a way to run it.
class Model {
public:
  virtual ~Model() = default;
  virtual llvm::ArrayRef<TensorSpec> getInputs() const = 0;
  virtual llvm::ArrayRef<TensorSpec> getOutputs() const = 0;
  virtual llvm::Expected<TensorMap> run(const TensorMap &inputs) = 0;
  /// Models that run on the accelerator's simulator: traces its execution
  /// (before run), and after run writes what it cost.
  virtual bool isProgram() const { return false; }
  virtual void setTrace(bool) {}
  virtual void writeStats(llvm::raw_ostream &os, bool asTable) const;
};

/// Loads MODEL and prepares it to run the way its kind asks.
llvm::Expected<std::unique_ptr<Model>> loadModel(const Options &options);

} // namespace hcgs::run

#endif // HCGS_TOOLS_HCGS_RUN_MODELS_H
