//===- Models.cpp - what hcgs-run runs ------------------------------------===//

#include "Models.h"
#include "Stats.h"

#include "hcgs/Dialect/HCGS/HCGSDialect.h"
#include "hcgs/IR/ModuleFiles.h"
#include "hcgs/Import/ONNX.h"
#include "hcgs/Reference/Executor.h"
#include "hcgs/Runtime/Program/ProgramFile.h"
#include "hcgs/Runtime/Simulator/Simulator.h"
#include "hcgs/Runtime/Tool/CommandLine.h"
#include "hcgs/Runtime/Tool/Files.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace hcgs;
using namespace hcgs::run;
using llvm::Error;
using llvm::Expected;
using llvm::StringRef;

void Model::writeStats(llvm::raw_ostream &, bool) const {
  llvm_unreachable("run() takes --stats for programs only");
}

namespace {

/// hcgs IR, run by the float reference executor.
class ReferenceModel : public Model {
public:
  /// Takes over `context` and `module` and prepares the executor.
  static Expected<std::unique_ptr<ReferenceModel>>
  create(std::unique_ptr<mlir::MLIRContext> context,
         mlir::OwningOpRef<mlir::ModuleOp> module) {
    std::unique_ptr<ReferenceModel> model(
        new ReferenceModel(std::move(context), std::move(module)));
    Expected<ReferenceExecutor> executor =
        ReferenceExecutor::create(*model->module);
    if (!executor)
      return executor.takeError();
    model->executor.emplace(std::move(*executor));
    return model;
  }
  llvm::ArrayRef<TensorSpec> getInputs() const override {
    return executor->getSignature().inputs;
  }
  llvm::ArrayRef<TensorSpec> getOutputs() const override {
    return executor->getSignature().outputs;
  }
  Expected<TensorMap> run(const TensorMap &inputs) override {
    return executor->run(inputs);
  }

private:
  ReferenceModel(std::unique_ptr<mlir::MLIRContext> context,
                 mlir::OwningOpRef<mlir::ModuleOp> module)
      : context(std::move(context)), module(std::move(module)) {}

  // Declared in the order they depend on each other, so that they are
  // destroyed executor first, context last.
  std::unique_ptr<mlir::MLIRContext> context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::optional<ReferenceExecutor> executor;
};

/// A compiled program, run by the simulator (docs/ISA.md).
class ProgramModel : public Model {
public:
  static Expected<std::unique_ptr<ProgramModel>>
  create(StringRef path, const sim::SimulatorOptions &options) {
    Expected<program::Program> program =
        program::loadProgramFile(path, options.allowLargeTarget);
    if (!program)
      return program.takeError();
    Expected<std::unique_ptr<sim::Simulator>> simulator =
        sim::Simulator::create(std::move(*program), options);
    if (!simulator)
      return llvm::createStringError(path + ": " +
                                     llvm::toString(simulator.takeError()));
    return std::unique_ptr<ProgramModel>(
        new ProgramModel(std::move(*simulator)));
  }
  llvm::ArrayRef<TensorSpec> getInputs() const override { return inputs; }
  llvm::ArrayRef<TensorSpec> getOutputs() const override { return outputs; }
  bool isProgram() const override { return true; }
  void setTrace(bool enabled) override { trace = enabled; }

  Expected<TensorMap> run(const TensorMap &tensors) override {
    const mc::ProgramDesc &desc = simulator->getProgram().desc;
    std::vector<sim::HostTensor> hostInputs;
    for (const mc::TensorDesc &tensorDesc : desc.inputs) {
      const Tensor &tensor = tensors.at(tensorDesc.name);
      sim::HostTensor &host = hostInputs.emplace_back();
      host.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
      if (tensorDesc.isLengths)
        host.lengths.assign(tensor.getValues<int32_t>().begin(),
                            tensor.getValues<int32_t>().end());
      else
        host.data.assign(tensor.getValues<float>().begin(),
                         tensor.getValues<float>().end());
    }
    Expected<sim::RunResult> result =
        simulator->run(hostInputs, trace ? makeTracer() : sim::TraceFn());
    if (!result)
      return result.takeError();
    TensorMap outputTensors;
    for (auto [tensorDesc, host] : llvm::zip(desc.outputs, result->outputs)) {
      outputTensors.emplace(
          tensorDesc.name,
          tensorDesc.isLengths
              ? Tensor::fromValues<int32_t>(host.shape, host.lengths)
              : Tensor::fromValues<float>(host.shape, host.data));
    }
    lastRun = std::move(*result);
    return outputTensors;
  }

  void writeStats(llvm::raw_ostream &os, bool asTable) const override {
    writeRunStats(simulator->getProgram().target, *lastRun, os, asTable);
  }

private:
  explicit ProgramModel(std::unique_ptr<sim::Simulator> simulator)
      : simulator(std::move(simulator)) {
    const mc::ProgramDesc &desc = this->simulator->getProgram().desc;
    auto toSpecs = [](const std::vector<mc::TensorDesc> &tensors) {
      std::vector<TensorSpec> specs;
      for (const mc::TensorDesc &tensor : tensors) {
        TensorSpec &spec = specs.emplace_back();
        spec.name = tensor.name;
        spec.type =
            tensor.isLengths ? ElementType::Int32 : ElementType::Float32;
        for (int64_t dim : tensor.shape)
          spec.shape.push_back(dim == mc::TensorDesc::kSeqDim ? kDynamicDim
                                                              : dim);
      }
      return specs;
    };
    inputs = toSpecs(desc.inputs);
    outputs = toSpecs(desc.outputs);
  }

  /// Prints "<index> k=<iteration> <fields>" per executed instruction.
  sim::TraceFn makeTracer() {
    const auto &instructions = simulator->getProgram().instructions;
    if (traceText.empty())
      for (const mc::enc::Instruction &instruction : instructions)
        traceText.push_back(mc::enc::formatFields(instruction));
    return [this](size_t index, int64_t iteration) {
      llvm::raw_ostream &os = llvm::outs();
      os << index << " k=";
      if (iteration < 0)
        os << '-';
      else
        os << iteration;
      os << ' ' << traceText[index] << '\n';
    };
  }

  std::unique_ptr<sim::Simulator> simulator;
  std::vector<TensorSpec> inputs, outputs;
  bool trace = false;
  std::vector<std::string> traceText;
  std::optional<sim::RunResult> lastRun;
};

enum class ModelKind { MLIR, ONNX, Program };

/// The kind of model its extension says, if it says one.
std::optional<ModelKind> getModelKindByExtension(StringRef path) {
  StringRef extension = llvm::sys::path::extension(path);
  if (extension == ".mlir" || extension == ".mlirbc")
    return ModelKind::MLIR;
  if (extension == ".onnx")
    return ModelKind::ONNX;
  if (extension == ".hcgsb")
    return ModelKind::Program;
  return std::nullopt;
}

/// Tells the kind of model by its extension, or MLIR bytecode by its magic.
Expected<ModelKind> getModelKind(StringRef path,
                                 const llvm::MemoryBuffer &contents) {
  if (std::optional<ModelKind> kind = getModelKindByExtension(path))
    return *kind;
  if (contents.getBuffer().starts_with("ML\xefR"))
    return ModelKind::MLIR;
  return llvm::createStringError(
      "cannot tell what kind of model " + path +
      " is: expected a .mlir, .mlirbc, .onnx or .hcgsb file");
}

/// A context that knows the dialects of hcgs IR.
std::unique_ptr<mlir::MLIRContext> createContext() {
  mlir::DialectRegistry registry;
  registry.insert<HCGSDialect, mlir::func::FuncDialect,
                  mlir::arith::ArithDialect>();
  registerONNXImportDialects(registry);
  auto context = std::make_unique<mlir::MLIRContext>(registry);
  context->loadAllAvailableDialects();
  return context;
}

/// Reads a model into hcgs IR: parses .mlir/.mlirbc, imports .onnx.
Expected<mlir::OwningOpRef<mlir::ModuleOp>>
readModule(StringRef path, ModelKind kind,
           std::unique_ptr<llvm::MemoryBuffer> contents,
           mlir::MLIRContext &context, const ONNXImportOptions &importOptions) {
  if (kind == ModelKind::ONNX) {
    Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
        importONNXModel(path, context, importOptions);
    if (!module)
      return llvm::createStringError(path + ": " +
                                     llvm::toString(module.takeError()));
    return module;
  }
  return parseModule(std::move(contents), context);
}

/// Loads MODEL and prepares it to run, the way its kind asks: hcgs IR runs
/// in the reference executor.
} // namespace

Expected<std::unique_ptr<Model>> hcgs::run::loadModel(const Options &options) {
  StringRef path = options.modelPath;
  ONNXImportOptions importOptions;
  for (StringRef text : options.dims) {
    Expected<std::pair<std::string, int64_t>> dim =
        tools::parseDimAssignment(text);
    if (!dim)
      return dim.takeError();
    importOptions.dimParams[dim->first] = dim->second;
  }
  // A program is read by the loader, which checks its size first.
  if (getModelKindByExtension(path) == ModelKind::Program) {
    sim::SimulatorOptions simulatorOptions;
    simulatorOptions.threads = std::max(options.threads, 1u);
    if (options.maxCycles)
      simulatorOptions.maxRunCycles = *options.maxCycles;
    simulatorOptions.allowLargeTarget = options.allowLargeTarget;
    Expected<std::unique_ptr<ProgramModel>> model =
        ProgramModel::create(path, simulatorOptions);
    if (!model)
      return model.takeError();
    return std::unique_ptr<Model>(std::move(*model));
  }

  tools::InputFileOptions fileOptions;
  fileOptions.requiresNullTerminator = true;
  Expected<std::unique_ptr<llvm::MemoryBuffer>> contents =
      tools::readInputFile(path, fileOptions);
  if (!contents)
    return contents.takeError();
  Expected<ModelKind> kind = getModelKind(path, **contents);
  if (!kind)
    return kind.takeError();
  std::unique_ptr<mlir::MLIRContext> context = createContext();
  Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
      readModule(path, *kind, std::move(*contents), *context, importOptions);
  if (!module)
    return module.takeError();
  Expected<std::unique_ptr<ReferenceModel>> model =
      ReferenceModel::create(std::move(context), std::move(*module));
  if (!model)
    return model.takeError();
  return std::unique_ptr<Model>(std::move(*model));
}
