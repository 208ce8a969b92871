//===- GraphImporter.h - ONNX graph to func/hcgs IR -------------*- C++ -*-===//
//
// The state of one import: the ONNX values seen so far (known tensors and IR
// values), the builder inside @main, and typed access to a node's attributes
// and inputs. The op importers (DataMovementOps.cpp, LinearOps.cpp,
// RecurrentOps.cpp) build on it.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_IMPORT_ONNX_GRAPHIMPORTER_H
#define HCGS_LIB_IMPORT_ONNX_GRAPHIMPORTER_H

#include "KnownTensor.h"
#include "ImportError.h"

#include "hcgs/Import/ONNX.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringMap.h"

#include <memory>
#include <optional>
#include <string>

namespace onnx {
class AttributeProto;
class NodeProto;
class TensorProto;
} // namespace onnx

namespace hcgs::onnximport {

// The LLVM names every op importer speaks in, declared once for them all.
using llvm::ArrayRef;
using llvm::Error;
using llvm::Expected;
using llvm::SmallVector;
using llvm::StringRef;
using llvm::Twine;

class ExternalDataReader;

static_assert(kDynamic == mlir::ShapedType::kDynamic,
              "host and IR shapes use the same dynamic marker");

/// What the importer knows about an ONNX value: its data when known at
/// import time, and the IR value that computes it (for a known tensor, the
/// constant it was materialized as, once it has been).
struct ImportedValue {
  std::shared_ptr<const KnownTensor> host;
  mlir::Value value;

  bool isHost() const { return static_cast<bool>(host); }
  llvm::ArrayRef<int64_t> getShape() const;
  ElementKind getKind() const;
};

/// One ONNX node: its attributes and inputs with checked, typed access.
/// Every accessor's error says what is wrong without naming the node; the
/// graph importer adds the node's type and name.
class Node {
public:
  Node(const onnx::NodeProto &proto, int64_t index, int64_t opset);

  const onnx::NodeProto &getProto() const { return proto; }
  llvm::StringRef getOpType() const;
  /// The opset version of the default domain the model imports.
  int64_t getOpset() const { return opset; }
  /// "LSTM node 'name'" (or "LSTM node #3" when it has no name).
  std::string describe() const;

  /// Fails when the node has an attribute not in `known`: an attribute the
  /// importer does not understand could change what the node computes.
  llvm::Error checkAttributes(llvm::ArrayRef<llvm::StringRef> known) const;
  bool hasAttribute(llvm::StringRef name) const;
  llvm::Expected<int64_t> getInt(llvm::StringRef name,
                                 std::optional<int64_t> fallback) const;
  llvm::Expected<float> getFloat(llvm::StringRef name,
                                 std::optional<float> fallback) const;
  llvm::Expected<std::string>
  getString(llvm::StringRef name, std::optional<std::string> fallback) const;
  /// A list attribute; absent lists are std::nullopt.
  llvm::Expected<std::optional<llvm::SmallVector<int64_t>>>
  getInts(llvm::StringRef name) const;
  llvm::Expected<std::optional<llvm::SmallVector<float>>>
  getFloats(llvm::StringRef name) const;
  llvm::Expected<std::optional<llvm::SmallVector<std::string>>>
  getStrings(llvm::StringRef name) const;
  /// A tensor attribute, or nullptr when absent.
  llvm::Expected<const onnx::TensorProto *>
  getTensor(llvm::StringRef name) const;

  /// Inputs and outputs; an empty name is an absent optional one.
  size_t getNumInputs() const;
  llvm::StringRef getInputName(size_t index) const;
  bool hasInput(size_t index) const {
    return index < getNumInputs() && !getInputName(index).empty();
  }
  size_t getNumOutputs() const;
  llvm::StringRef getOutputName(size_t index) const;
  bool hasOutput(size_t index) const {
    return index < getNumOutputs() && !getOutputName(index).empty();
  }
  /// Fails unless the node has between `min` and `max` inputs and at most
  /// `maxOutputs` outputs.
  llvm::Error checkArity(size_t minInputs, size_t maxInputs,
                         size_t maxOutputs) const;

private:
  llvm::Expected<const onnx::AttributeProto *>
  getAttribute(llvm::StringRef name, int type) const;

  const onnx::NodeProto &proto;
  int64_t index;
  int64_t opset;
};

class GraphImporter {
public:
  GraphImporter(mlir::OpBuilder &builder, const ONNXImportOptions &options,
                const ExternalDataReader &external)
      : builder(builder), options(options), external(external) {}

  mlir::OpBuilder &getBuilder() { return builder; }
  mlir::MLIRContext *getContext() { return builder.getContext(); }
  /// The location of ops built for `node`: its name, or op type and index.
  mlir::Location getLoc(const Node &node);

  /// Defines the ONNX value `name`; fails if it is already defined (ONNX
  /// graphs are in SSA form).
  llvm::Error define(llvm::StringRef name, ImportedValue value);
  /// The value `name`, or nullptr when it is not defined.
  ImportedValue *lookup(llvm::StringRef name);

  /// Input `index` of `node`, which must be present.
  llvm::Expected<ImportedValue> getInput(const Node &node, size_t index);
  /// Input `index` of `node` as a known tensor; fails when it is computed at
  /// run time, naming `role` (e.g. "the shape").
  llvm::Expected<std::shared_ptr<const KnownTensor>>
  getHostInput(const Node &node, size_t index, llvm::StringRef role);
  /// The known integers of input `index`, for inputs that must be constant
  /// (shapes, axes, indices).
  llvm::Expected<std::vector<int64_t>>
  getKnownInts(const Node &node, size_t index, llvm::StringRef role);
  /// Input `index` of `node` as an IR value (materializing a known tensor).
  llvm::Expected<mlir::Value> getValueInput(const Node &node, size_t index);
  /// Sets output `index` of `node`; absent outputs are skipped.
  llvm::Error setOutput(const Node &node, size_t index, ImportedValue value);

  /// The IR value of `value`, materializing a known tensor as an
  /// `arith.constant` named after `name` (cached in `value`).
  llvm::Expected<mlir::Value> materialize(ImportedValue &value,
                                          llvm::StringRef name);
  /// An `arith.constant` holding `tensor` (dense_resource when large).
  llvm::Expected<mlir::Value> createConstant(const KnownTensor &tensor,
                                             llvm::StringRef name,
                                             mlir::Location loc);

  /// Verifies `op` right after it is built, so that a shape error names
  /// the node; on failure `op` is erased and the verifier's message
  /// returned.
  llvm::Error verify(mlir::Operation *op);
  /// Builds an op for `node` and verifies it.
  template <typename OpTy, typename... Args>
  llvm::Expected<OpTy> create(const Node &node, Args &&...args) {
    auto op = OpTy::create(builder, getLoc(node), std::forward<Args>(args)...);
    if (llvm::Error error = verify(op))
      return std::move(error);
    return op;
  }

  /// Reads a tensor of the model (an initializer or an attribute).
  llvm::Expected<KnownTensor> readTensor(const onnx::TensorProto &tensor);

  /// The tensor type of `shape` (see the free function below).
  mlir::RankedTensorType getTensorType(llvm::ArrayRef<int64_t> shape,
                                       ElementKind kind);

  /// Records the message of the first error diagnostic (used by verify()).
  void recordDiagnostic(std::string message) {
    if (diagnostic.empty())
      diagnostic = std::move(message);
  }
  std::string takeDiagnostic() { return std::exchange(diagnostic, ""); }

private:
  mlir::OpBuilder &builder;
  const ONNXImportOptions &options;
  const ExternalDataReader &external;
  llvm::StringMap<ImportedValue> values;
  std::string diagnostic;
};

/// The f32, i32 or i64 tensor type of `shape`.
mlir::RankedTensorType getTensorType(mlir::MLIRContext *context,
                                     llvm::ArrayRef<int64_t> shape,
                                     ElementKind kind);

/// The attribute holding a known, static f32 or i32 known tensor: a splat,
/// a dense list up to `maxInlineElements` elements, else a dense_resource
/// blob with a key made from `name` (which also names the value in errors).
llvm::Expected<mlir::TypedAttr> getElementsAttr(mlir::MLIRContext *context,
                                                const KnownTensor &tensor,
                                                llvm::StringRef name,
                                                int64_t maxInlineElements);

/// Imports one node; the graph importer adds the node's description to the
/// error.
using NodeImportFn = llvm::Error (*)(GraphImporter &, const Node &);

/// The importers of each op type, by file.
void registerDataMovementOps(llvm::StringMap<NodeImportFn> &table);
void registerLinearOps(llvm::StringMap<NodeImportFn> &table);
void registerRecurrentOps(llvm::StringMap<NodeImportFn> &table);

} // namespace hcgs::onnximport

#endif // HCGS_LIB_IMPORT_ONNX_GRAPHIMPORTER_H
