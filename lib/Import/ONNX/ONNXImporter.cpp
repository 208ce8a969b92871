//===- ONNXImporter.cpp - read an ONNX model, build func/hcgs IR ----------===//
//
// The model-level half of the importer: reads and checks the ModelProto
// (file, opsets, domains), turns graph inputs into arguments or constants,
// imports the nodes in order through the op table and returns the graph
// outputs.
//
//===----------------------------------------------------------------------===//

#include "hcgs/Import/ONNX.h"

#include "GraphImporter.h"
#include "TensorReader.h"

#include "hcgs/Dialect/HCGS/HCGSDialect.h"
#include "hcgs/Runtime/Tool/Files.h"

#include "onnx/onnx_pb.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/stubs/logging.h>
#include <limits>

using namespace mlir;
using namespace hcgs;
using namespace hcgs::onnximport;

namespace {

constexpr int64_t kMinOpset = 7;
constexpr int64_t kMaxOpset = 21;
/// IR version 3 introduced opset imports; 10 is the one of opset 21.
constexpr int64_t kMinIRVersion = 3;
constexpr int64_t kMaxIRVersion = 10;

bool isDefaultDomain(StringRef domain) {
  return domain.empty() || domain == "ai.onnx";
}

/// Parses one serialized protobuf `Message`; `what` ("model", "tensor")
/// names it in errors.
template <typename Message>
Expected<Message> parseProto(StringRef bytes, StringRef what) {
  if (bytes.empty())
    return makeError("the " + what + " file is empty");
  // Protobuf messages are limited to 2 GiB; larger models keep their
  // weights in external data files.
  if (bytes.size() >= (uint64_t(1) << 31))
    return makeError("the " + what + " file is " + Twine(bytes.size()) +
                     " bytes, more than protobuf's 2 GiB limit");
  // Keep protobuf from logging to stderr: the error below says it all.
  google::protobuf::LogHandler *previous =
      google::protobuf::SetLogHandler(nullptr);
  Message message;
  google::protobuf::io::CodedInputStream stream(
      reinterpret_cast<const uint8_t *>(bytes.data()),
      static_cast<int>(bytes.size()));
  bool parsed =
      message.ParseFromCodedStream(&stream) && stream.ConsumedEntireMessage();
  google::protobuf::SetLogHandler(previous);
  if (!parsed)
    return makeError("the file is not an ONNX " + what +
                     ": it does not parse as a protobuf " +
                     Message::descriptor()->name() +
                     " (truncated or not protobuf)");
  return message;
}

/// The bytes of a regular file of at most 2 GiB; `what` names it in errors.
Expected<std::unique_ptr<llvm::MemoryBuffer>> readFile(StringRef path,
                                                        StringRef what) {
  Expected<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      hcgs::tools::readInputFile(path);
  if (!buffer)
    return makeError("cannot read the " + what + ": " +
                     llvm::toString(buffer.takeError()));
  if ((*buffer)->getBufferSize() >= (uint64_t(1) << 31))
    return makeError("the " + what + " file is " +
                     Twine((*buffer)->getBufferSize()) +
                     " bytes, more than protobuf's 2 GiB limit");
  return std::move(*buffer);
}

/// Checks the IR version and opset imports; returns the opset version of
/// the default domain.
Expected<int64_t> checkVersions(const onnx::ModelProto &model) {
  if (!model.has_ir_version())
    return makeError("the model has no IR version; it is probably not an "
                     "ONNX model");
  if (model.ir_version() < kMinIRVersion || model.ir_version() > kMaxIRVersion)
    return makeError("the model has IR version " + Twine(model.ir_version()) +
                     ", hcgs reads IR versions " + Twine(kMinIRVersion) +
                     " to " + Twine(kMaxIRVersion));
  std::optional<int64_t> opset;
  for (const onnx::OperatorSetIdProto &import : model.opset_import()) {
    if (!isDefaultDomain(import.domain()))
      continue;
    if (opset)
      return makeError("the model imports the default ONNX domain twice");
    opset = import.version();
  }
  if (!opset)
    return makeError("the model imports no opset of the default ONNX domain");
  if (*opset < kMinOpset || *opset > kMaxOpset)
    return makeError("the model uses opset " + Twine(*opset) +
                     " of the default ONNX domain; hcgs imports opsets " +
                     Twine(kMinOpset) + " to " + Twine(kMaxOpset));
  return *opset;
}

/// The declared type of a graph input or output: element kind and shape,
/// dim_params resolved through `dimParams` (others are dynamic).
struct DeclaredType {
  int elemType = 0;
  std::optional<SmallVector<int64_t>> shape;
};

Expected<DeclaredType>
getDeclaredType(const onnx::ValueInfoProto &info,
                const llvm::StringMap<int64_t> &dimParams,
                llvm::StringSet<> *usedDimParams) {
  std::string what = quote(info.name());
  if (!info.has_type())
    return DeclaredType{};
  if (!info.type().has_tensor_type())
    return makeError(what + " is not a tensor (sequences, maps and "
                            "optionals are not supported)");
  const onnx::TypeProto::Tensor &tensor = info.type().tensor_type();
  DeclaredType declared;
  declared.elemType = tensor.elem_type();
  if (!tensor.has_shape())
    return declared;
  SmallVector<int64_t> shape;
  for (const onnx::TensorShapeProto::Dimension &dim : tensor.shape().dim()) {
    if (dim.has_dim_value()) {
      if (dim.dim_value() < 0)
        return makeError(what + " has the negative dimension " +
                         Twine(dim.dim_value()));
      shape.push_back(dim.dim_value());
    } else if (dim.has_dim_param() && dimParams.count(dim.dim_param())) {
      shape.push_back(dimParams.lookup(dim.dim_param()));
      if (usedDimParams)
        usedDimParams->insert(dim.dim_param());
    } else {
      shape.push_back(kDynamic);
    }
  }
  if (Error error = checkShapeSize(shape))
    return makeError(what + ": " + llvm::toString(std::move(error)));
  declared.shape = std::move(shape);
  return declared;
}

/// Whether a declared element type and shape admit what the graph has.
bool isCompatible(const DeclaredType &declared, ElementKind kind,
                  llvm::ArrayRef<int64_t> shape) {
  if (declared.elemType != onnx::TensorProto::UNDEFINED &&
      getElementKind(declared.elemType) != kind)
    return false;
  if (!declared.shape)
    return true;
  if (declared.shape->size() != shape.size())
    return false;
  for (auto [a, b] : llvm::zip(*declared.shape, shape))
    if (a != kDynamic && b != kDynamic && a != b)
      return false;
  return true;
}

std::string describeType(int elemType, llvm::ArrayRef<int64_t> shape) {
  return getDataTypeName(elemType) + " " + formatShape(shape);
}

std::string describeDeclared(const DeclaredType &declared) {
  return getDataTypeName(declared.elemType) + " " +
         (declared.shape ? formatShape(*declared.shape) : "(any shape)");
}

std::string describeValue(ElementKind kind, llvm::ArrayRef<int64_t> shape) {
  return std::string(getElementKindName(kind)) + " " + formatShape(shape);
}

/// The keys of a map in sorted order, so that errors do not depend on hash
/// order.
template <typename T>
SmallVector<StringRef> getSortedKeys(const llvm::StringMap<T> &map) {
  SmallVector<StringRef> keys;
  for (const auto &entry : map)
    keys.push_back(entry.getKey());
  llvm::sort(keys);
  return keys;
}

/// The known tensor of a bound f32 or i32 value, else std::nullopt.
std::optional<KnownTensor> getKnownTensor(DenseElementsAttr value) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getElementType().isF32())
    return KnownTensor::getFloats(
        type.getShape(), std::vector<float>(value.getValues<float>().begin(),
                                            value.getValues<float>().end()));
  if (type.getElementType().isSignlessInteger(32))
    return KnownTensor::getInts(
        ElementKind::I32, type.getShape(),
        std::vector<int64_t>(value.getValues<int32_t>().begin(),
                             value.getValues<int32_t>().end()));
  return std::nullopt;
}

/// Imports one model into `module`.
class ModelImporter {
public:
  ModelImporter(const onnx::ModelProto &model, int64_t opset,
                const ExternalDataReader &external, ModuleOp module,
                const ONNXImportOptions &options)
      : model(model), graph(model.graph()), opset(opset), external(external),
        module(module), builder(module.getContext()),
        importer(builder, options, external), options(options) {}

  Error run();
  GraphImporter &getGraphImporter() { return importer; }

private:
  Error importInputs(SmallVector<Type> &argTypes,
                     SmallVector<std::string> &argNames);
  Error importNode(const onnx::NodeProto &proto, int64_t index,
                   const llvm::StringMap<NodeImportFn> &table);
  Error importOutputs(func::FuncOp func);
  Error checkValueInfo();

  const onnx::ModelProto &model;
  const onnx::GraphProto &graph;
  int64_t opset;
  const ExternalDataReader &external;
  ModuleOp module;
  OpBuilder builder;
  GraphImporter importer;
  const ONNXImportOptions &options;
};

Error ModelImporter::importInputs(SmallVector<Type> &argTypes,
                                  SmallVector<std::string> &argNames) {
  if (graph.sparse_initializer_size())
    return makeError("the graph has sparse initializers, which hcgs does "
                     "not read");
  llvm::StringMap<const onnx::TensorProto *> initializers;
  for (const onnx::TensorProto &tensor : graph.initializer()) {
    if (tensor.name().empty())
      return makeError("an initializer has no name");
    if (!initializers.try_emplace(tensor.name(), &tensor).second)
      return makeError("the initializer " + quote(tensor.name()) +
                       " is defined twice");
  }

  llvm::StringSet<> inputNames, usedDimParams;
  for (const onnx::ValueInfoProto &input : graph.input()) {
    std::string what = "graph input " + quote(input.name());
    if (input.name().empty())
      return makeError("a graph input has no name");
    if (!inputNames.insert(input.name()).second)
      return makeError(what + " is listed twice");
    Expected<DeclaredType> declared =
        getDeclaredType(input, options.dimParams, &usedDimParams);
    if (!declared)
      return makeError("graph input " + llvm::toString(declared.takeError()));

    // A bound value, else an initializer of the same name (the input's
    // default value), else a function argument.
    if (mlir::DenseElementsAttr bound =
            options.constantInputs.lookup(input.name())) {
      initializers.erase(input.name());
      std::optional<KnownTensor> tensor = getKnownTensor(bound);
      if (!tensor)
        return makeError("the value bound to " + what +
                         " must be float32 or int32");
      if (!isCompatible(*declared, tensor->getKind(), tensor->getShape()))
        return makeError("the value bound to " + what + " is " +
                         describeValue(tensor->getKind(), tensor->getShape()) +
                         ", the input is declared " +
                         describeDeclared(*declared));
      if (Error error = importer.define(
              input.name(),
              {std::make_shared<const KnownTensor>(std::move(*tensor)), {}}))
        return error;
      continue;
    }
    if (const onnx::TensorProto *tensor = initializers.lookup(input.name())) {
      Expected<KnownTensor> value = importer.readTensor(*tensor);
      if (!value)
        return value.takeError();
      if (!isCompatible(*declared, value->getKind(), value->getShape()))
        return makeError(what + " is declared " + describeDeclared(*declared) +
                         ", but its initializer is " +
                         describeType(tensor->data_type(), value->getShape()));
      initializers.erase(input.name());
      if (Error error = importer.define(
              input.name(),
              {std::make_shared<const KnownTensor>(std::move(*value)), {}}))
        return error;
      continue;
    }

    if (!declared->shape)
      return makeError(what + " has no shape; hcgs needs at least its rank");
    std::optional<ElementKind> kind = getElementKind(declared->elemType);
    if (declared->elemType != onnx::TensorProto::FLOAT &&
        declared->elemType != onnx::TensorProto::INT32)
      return makeError(what + " has element type " +
                       getDataTypeName(declared->elemType) +
                       "; hcgs takes FLOAT inputs (and INT32 sequence "
                       "lengths)");
    argTypes.push_back(importer.getTensorType(*declared->shape, *kind));
    argNames.push_back(input.name());
  }

  for (StringRef name : getSortedKeys(options.constantInputs))
    if (!inputNames.contains(name))
      return makeError("cannot bind " + quote(name) +
                       ": the graph has no input of that name");
  for (StringRef name : getSortedKeys(options.dimParams))
    if (!usedDimParams.contains(name))
      return makeError("cannot set the dimension " + quote(name) +
                       ": no graph input has a dimension of that name");

  // Initializers that are not graph inputs are constants; read them in
  // graph order so that errors are deterministic.
  for (const onnx::TensorProto &tensor : graph.initializer()) {
    if (!initializers.count(tensor.name()))
      continue;
    Expected<KnownTensor> value = importer.readTensor(tensor);
    if (!value)
      return value.takeError();
    if (Error error = importer.define(
            tensor.name(),
            {std::make_shared<const KnownTensor>(std::move(*value)), {}}))
      return error;
  }
  return Error::success();
}

Error ModelImporter::importNode(const onnx::NodeProto &proto, int64_t index,
                                const llvm::StringMap<NodeImportFn> &table) {
  Node node(proto, index, opset);
  auto fail = [&](Error error) {
    return makeError(node.describe() + ": " + llvm::toString(std::move(error)));
  };
  if (!isDefaultDomain(proto.domain()))
    return fail(makeError("the domain " + quote(proto.domain()) +
                          " is not supported (hcgs imports the default "
                          "ONNX domain only)"));
  for (const std::string &input : proto.input())
    if (!input.empty() && !importer.lookup(input))
      return fail(makeError("its input " + quote(input) +
                            " is not a graph input, an initializer or the "
                            "output of an earlier node"));
  auto it = table.find(proto.op_type());
  if (it == table.end())
    return fail(makeError("hcgs does not import the operator " +
                          quote(proto.op_type())));
  if (Error error = it->second(importer, node))
    return fail(std::move(error));
  for (const std::string &output : proto.output())
    if (!output.empty() && !importer.lookup(output))
      return fail(makeError("the output " + quote(output) +
                            " is not computed by this importer"));
  return Error::success();
}

Error ModelImporter::importOutputs(func::FuncOp func) {
  SmallVector<Value> results;
  SmallVector<Attribute> resultAttrs;
  for (const onnx::ValueInfoProto &output : graph.output()) {
    std::string what = "graph output " + quote(output.name());
    ImportedValue *value = importer.lookup(output.name());
    if (!value)
      return makeError(what + " is not computed by any node, graph input "
                              "or initializer");
    Expected<DeclaredType> declared =
        getDeclaredType(output, options.dimParams, nullptr);
    if (!declared)
      return makeError("graph output " + llvm::toString(declared.takeError()));
    if (!isCompatible(*declared, value->getKind(), value->getShape()))
      return makeError(what + " is declared " + describeDeclared(*declared) +
                       ", but the graph computes " +
                       describeValue(value->getKind(), value->getShape()));
    Expected<Value> result = importer.materialize(*value, output.name());
    if (!result)
      return makeError(what + ": " + llvm::toString(result.takeError()));
    results.push_back(*result);
    resultAttrs.push_back(builder.getDictionaryAttr(builder.getNamedAttr(
        "hcgs.name", builder.getStringAttr(output.name()))));
  }
  if (results.empty())
    return makeError("the graph has no outputs");
  func::ReturnOp::create(builder, func.getLoc(), results);
  func.setFunctionType(builder.getFunctionType(
      func.getFunctionType().getInputs(), ValueRange(results).getTypes()));
  func.setAllResultAttrs(resultAttrs);
  return Error::success();
}

/// Intermediate values the model declares (value_info) must agree with what
/// the importer computed: a disagreement means an inconsistent model.
Error ModelImporter::checkValueInfo() {
  for (const onnx::ValueInfoProto &info : graph.value_info()) {
    ImportedValue *value = importer.lookup(info.name());
    if (!value)
      continue;
    Expected<DeclaredType> declared =
        getDeclaredType(info, options.dimParams, nullptr);
    if (!declared)
      return makeError("value " + llvm::toString(declared.takeError()));
    if (!isCompatible(*declared, value->getKind(), value->getShape()))
      return makeError("the value " + quote(info.name()) + " is declared " +
                       describeDeclared(*declared) +
                       ", but the graph computes " +
                       describeValue(value->getKind(), value->getShape()));
  }
  return Error::success();
}

Error ModelImporter::run() {
  if (!model.has_graph())
    return makeError("the model has no graph");

  SmallVector<Type> argTypes;
  SmallVector<std::string> argNames;
  if (Error error = importInputs(argTypes, argNames))
    return error;

  builder.setInsertionPointToEnd(module.getBody());
  auto func = func::FuncOp::create(
      builder, NameLoc::get(builder.getStringAttr(graph.name())), "main",
      builder.getFunctionType(argTypes, {}));
  Block *body = func.addEntryBlock();
  for (auto [index, name] : llvm::enumerate(argNames)) {
    func.setArgAttr(index, "hcgs.name", builder.getStringAttr(name));
    body->getArgument(index).setLoc(NameLoc::get(builder.getStringAttr(name)));
    if (Error error =
            importer.define(name, {nullptr, body->getArgument(index)}))
      return error;
  }
  builder.setInsertionPointToEnd(body);

  llvm::StringMap<NodeImportFn> table;
  registerDataMovementOps(table);
  registerLinearOps(table);
  registerRecurrentOps(table);
  for (auto [index, node] : llvm::enumerate(graph.node()))
    if (Error error = importNode(node, index, table))
      return error;

  if (Error error = importOutputs(func))
    return error;
  if (Error error = checkValueInfo())
    return error;
  // Drop what nothing reads: unused node outputs and the bias-less hcgs.fc
  // an Add replaced.
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(*body)))
    if (isOpTriviallyDead(&op))
      op.erase();
  if (failed(mlir::verify(module))) {
    std::string message = importer.takeDiagnostic();
    return makeError("the imported IR does not verify: " + message);
  }
  return Error::success();
}

} // namespace

namespace hcgs {

void registerONNXImportDialects(DialectRegistry &registry) {
  registry.insert<HCGSDialect, func::FuncDialect, arith::ArithDialect>();
}

Expected<OwningOpRef<ModuleOp>>
importONNXModel(StringRef path, MLIRContext &context,
                const ONNXImportOptions &options) {
  Expected<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      readFile(path, "model");
  if (!buffer)
    return buffer.takeError();
  return importONNXModelFromBytes((*buffer)->getBuffer(), path, context,
                                  options);
}

Expected<OwningOpRef<ModuleOp>>
importONNXModelFromBytes(StringRef bytes, StringRef path, MLIRContext &context,
                         const ONNXImportOptions &options) {
  context.loadDialect<HCGSDialect, func::FuncDialect, arith::ArithDialect>();

  Expected<onnx::ModelProto> model = parseProto<onnx::ModelProto>(bytes, "model");
  if (!model)
    return model.takeError();
  Expected<int64_t> opset = checkVersions(*model);
  if (!opset)
    return opset.takeError();
  Expected<ExternalDataReader> external = ExternalDataReader::create(path);
  if (!external)
    return external.takeError();

  OwningOpRef<ModuleOp> module =
      ModuleOp::create(FileLineColLoc::get(&context, path, 0, 0));
  ModelImporter importer(*model, *opset, *external, *module, options);
  // Verifier failures become the error's message rather than printing.
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    if (diag.getSeverity() == DiagnosticSeverity::Error) {
      std::string message = diag.str();
      std::replace(message.begin(), message.end(), '\n', ' ');
      importer.getGraphImporter().recordDiagnostic(std::move(message));
    }
    return success();
  });
  if (Error error = importer.run())
    return std::move(error);
  return module;
}

} // namespace hcgs
