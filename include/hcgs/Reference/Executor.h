//===- Executor.h - the float reference executor of hcgs IR -----*- C++ -*-===//
//
// Runs the @main function of an hcgs module in float: the reference that every
// later stage (quantization, the compiled program, the simulator) is measured
// against. Tensors are float32 (sequence lengths int32); matrix products and
// the gate sums of an LSTM accumulate in double and round once to float.
// Masks on hcgs.lstm and hcgs.fc zero the weights they drop. A quantized
// model (layers with `quant`, inputs with `hcgs.format`) runs fake-quantized:
// every value the accelerator holds in integers is rounded to its format, so
// the error quantization adds can be measured apart from the simulator's. Where the ONNX
// LSTM text leaves room, the executor does what ONNX Runtime does: clip bounds
// the inputs of f and g (after the peephole term), not the cell state that
// enters h, and a sequence of length 0 gives zeros in Y_h and Y_c.
//
// The module follows the importer's conventions: `func.func @main` whose
// arguments are the graph inputs and whose results are the graph outputs,
// each with a string attribute `hcgs.name`; constants are arith.constant with
// dense or dense_resource values; the body uses hcgs.lstm, hcgs.fc,
// hcgs.transpose, hcgs.reshape, hcgs.concat, hcgs.slice and func.return.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_REFERENCE_EXECUTOR_H
#define HCGS_REFERENCE_EXECUTOR_H

#include "hcgs/Runtime/Tensor/Tensor.h"
#include "hcgs/Runtime/Tensor/TensorSpec.h"

#include "hcgs/Dialect/HCGS/HCGSOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <vector>

namespace hcgs {

/// The inputs and outputs of a model, in the order of @main's arguments and
/// results.
struct ModelSignature {
  std::vector<TensorSpec> inputs;
  std::vector<TensorSpec> outputs;
};

/// Reads the signature of @main: each argument's and result's `hcgs.name`,
/// element type and shape (dynamic dimensions as kDynamicDim). Fails when
/// @main is missing, a name is missing, empty or repeated, or a type is not a
/// ranked tensor of a supported element type.
llvm::Expected<ModelSignature> getModelSignature(mlir::ModuleOp module);

/// Checks `inputs` against the model's inputs (names, element types, shapes;
/// a dynamic dimension takes any size); the error lists every problem.
llvm::Error checkInputs(const ModelSignature &signature,
                        const TensorMap &inputs);

/// Sees what a run computes: what calibration needs to learn the ranges of
/// intermediate values.
class RunObserver {
public:
  virtual ~RunObserver();
  /// The value of an op's result.
  virtual void observeResult(mlir::OpResult result, const Tensor &value) {}
  /// One step of one batch entry in one direction of an LSTM: the gate sums
  /// (i, o, f, c; bias included, peepholes and clip not yet applied) and the
  /// new cell state.
  virtual void observeLSTMStep(LSTMOp op, llvm::ArrayRef<double> gateSums,
                               llvm::ArrayRef<float> cell) {}
};

struct ExecutorOptions {
  /// The largest tensor, in bytes, the executor creates (constants and
  /// results); a model that needs a larger one is refused, not attempted.
  int64_t maxTensorBytes = int64_t(1) << 32;
};

/// Executes @main of a module, any number of times. Creating it checks that
/// every op is one it can execute and decodes the constants once, so that
/// repeated runs (calibration, accuracy measurement) pay for that once.
class ReferenceExecutor {
public:
  /// Prepares `module`, which must outlive the executor and stay unchanged.
  static llvm::Expected<ReferenceExecutor> create(mlir::ModuleOp module,
                                                  ExecutorOptions options = {});

  const ModelSignature &getSignature() const { return signature; }

  /// Checks `inputs` with checkInputs and runs @main; returns every output
  /// by name. `observer`, when given, sees what the run computes.
  llvm::Expected<TensorMap> run(const TensorMap &inputs,
                                RunObserver *observer = nullptr) const;

private:
  ReferenceExecutor(mlir::func::FuncOp main, ModelSignature signature,
                    ExecutorOptions options)
      : main(main), signature(std::move(signature)), options(options) {}

  mlir::func::FuncOp main;
  ModelSignature signature;
  ExecutorOptions options;
  /// Whether quantized values round ties to even (else away from zero), as
  /// the module's target does.
  bool roundTiesToEven = true;
  /// The value of every arith.constant in @main.
  llvm::DenseMap<mlir::Value, Tensor> constants;
};

/// Creates an executor for `module` and runs it once on `inputs`.
llvm::Expected<TensorMap> runReference(mlir::ModuleOp module,
                                       const TensorMap &inputs,
                                       ExecutorOptions options = {});

} // namespace hcgs

#endif // HCGS_REFERENCE_EXECUTOR_H
