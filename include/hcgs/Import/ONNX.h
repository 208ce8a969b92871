//===- ONNX.h - import ONNX models into the hcgs dialect --------*- C++ -*-===//
//
// Reads an ONNX ModelProto (opsets 7 to 21 of the default domain) and builds
// func/arith/hcgs IR:
//
//   - one `func.func @main`; the graph inputs that are not initializers become
//     its arguments in graph order and the graph outputs its results in graph
//     order; every argument and result carries `hcgs.name = "<ONNX name>"`;
//   - weights and other constants are `arith.constant`s (f32 for float data,
//     i32 for sequence_lens); tensors with more than
//     `maxInlineElements` elements are `dense_resource` blobs;
//   - LSTM becomes `hcgs.lstm` with every attribute explicit (the spec's
//     defaults filled in); initial states known to be all zeros are dropped,
//     since an absent state is zero (this is how the zero states exporters
//     compute, even of a dynamic batch size, disappear);
//   - Gemm and MatMul (+ a bias Add) become `hcgs.fc`, data movement
//     `hcgs.transpose/reshape/concat/slice`; shape computations on known
//     values (Shape, Gather, Concat, ConstantOfShape, ...) are folded.
//
// Anything the importer cannot represent exactly is an error: a one-line
// message naming the node (op type and name) or the tensor and the reason.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_IMPORT_ONNX_H
#define HCGS_IMPORT_ONNX_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace mlir {
class DialectRegistry;
class MLIRContext;
} // namespace mlir

namespace hcgs {

struct ONNXImportOptions {
  /// Graph inputs to import as constants with the given values instead of as
  /// arguments of @main: a caller that has the data of graph inputs that
  /// are really weights (as in ONNX's backend tests, where W and R are
  /// inputs) binds them here. Each value must have the input's element type
  /// (f32, or i32 for int32 inputs) and a shape that fits the declared one.
  llvm::StringMap<mlir::DenseElementsAttr> constantInputs;

  /// Sizes for the symbolic dimensions (`dim_param`) of graph inputs, e.g.
  /// {"batch": 1}; a dimension with no entry stays dynamic.
  llvm::StringMap<int64_t> dimParams;

  /// Constants with more elements than this are `dense_resource` blobs;
  /// smaller ones are printed inline.
  int64_t maxInlineElements = 16;
};

/// Imports the ONNX model at `path`. External tensor data is read only from
/// files inside the model's folder. On failure, the error's message is one
/// line naming the problem.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importONNXModel(llvm::StringRef path, mlir::MLIRContext &context,
                const ONNXImportOptions &options = {});

/// importONNXModel for a model already read: `bytes` are the file's
/// contents and `path` its name, whose folder external data is read from.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importONNXModelFromBytes(llvm::StringRef bytes, llvm::StringRef path,
                         mlir::MLIRContext &context,
                         const ONNXImportOptions &options = {});

/// The options the tools' --bind NAME=FILE (.npy or .pb) and --dim
/// NAME=SIZE give. Malformed text is a tools::UsageError; a FILE that
/// cannot be read, another error naming the input.
llvm::Expected<ONNXImportOptions>
parseImportFlags(llvm::ArrayRef<std::string> binds,
                 llvm::ArrayRef<std::string> dims, mlir::MLIRContext &context);

/// Registers the dialects that imported modules use.
void registerONNXImportDialects(mlir::DialectRegistry &registry);

} // namespace hcgs

#endif // HCGS_IMPORT_ONNX_H
