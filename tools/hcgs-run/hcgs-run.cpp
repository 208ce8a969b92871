//===- hcgs-run.cpp - run a model on tensor files -------------------------===//
//
//   hcgs-run MODEL [-i NAME=FILE]... [-o OUTDIR] [--expect NAME=FILE]...
//            [--atol X] [--dim NAME=SIZE]... [--stats FILE|-] [--trace]
//            [--threads N]
//
// Runs MODEL on the inputs read from FILEs (.npy or ONNX TensorProto .pb) and
// writes every output to OUTDIR as .npy, the file name being the output's
// name escaped by encodeTensorFileName (hcgs/Runtime/Tensor/TensorIO.h): bytes
// outside [A-Za-z0-9_.-], '%' and a leading '.' become %XX, then ".npy".
// With --expect, it prints each named output's max abs error and SQNR against
// the tensor in FILE and fails when an error exceeds --atol.
//
// The kind of model decides how it runs: hcgs IR (.mlir, .mlirbc) and ONNX
// models (.onnx, imported into hcgs IR) run in the float reference executor,
// a compiled program (.hcgsb) in the bit-exact simulator, which can also
// report what the run cost (--stats), print every instruction it
// executes (--trace) and share large matrix products among threads
// (--threads).
//
// Exit codes: 0 success, 1 a problem with the model, the inputs or the
// outputs, 2 a usage error.
//
//===----------------------------------------------------------------------===//

#include "hcgs/Dialect/HCGS/HCGSDialect.h"
#include "hcgs/Import/ONNX.h"
#include "hcgs/Runtime/Program/ProgramFile.h"
#include "hcgs/Reference/Diagnostics.h"
#include "hcgs/Reference/Executor.h"
#include "hcgs/Runtime/Simulator/Simulator.h"
#include "hcgs/Runtime/Tensor/TensorCompare.h"
#include "hcgs/Runtime/Tensor/TensorIO.h"
#include "hcgs/Runtime/Tool/CommandLine.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <utility>

using namespace hcgs;
using llvm::Error;
using llvm::Expected;
using llvm::StringRef;

namespace {
constexpr const char *kToolName = "hcgs-run";

using tools::usageError;

Error inputError(const llvm::Twine &message) {
  return llvm::createStringError(message);
}

constexpr const char *kHelp =
    R"(USAGE: hcgs-run MODEL [-i NAME=FILE]... [-o OUTDIR] [--expect NAME=FILE]... [--atol X] [--dim NAME=SIZE]...
                [--stats FILE|-] [--trace] [--threads N]

Runs MODEL on tensors read from files. hcgs IR (.mlir, .mlirbc) and ONNX
models (.onnx, imported into hcgs IR) run in the float reference executor; a
compiled program (.hcgsb) runs in the bit-exact simulator of the accelerator
(docs/ISA.md), which quantizes f32 inputs at the program's input formats and
writes f32 outputs.

  -i NAME=FILE        feed the input NAME from FILE: .npy, or an ONNX
                      TensorProto (.pb, as in ONNX's backend test data)
  -o OUTDIR           write every output to OUTDIR/<name>.npy; in <name>,
                      bytes outside [A-Za-z0-9_.-], '%' and a leading '.'
                      are written %XX (upper-case hex)
  --expect NAME=FILE  compare the output NAME with the tensor in FILE: print
                      its max abs error and SQNR, fail beyond --atol
  --atol X            largest max abs error --expect accepts (default 1e-4)
  --dim NAME=SIZE     give an ONNX model's symbolic input dimension NAME a
                      size when importing it
  --stats FILE|-      programs only: write what the run cost (cycles, MACs,
                      MAC utilization, memory traffic, energy, frames per
                      second) to FILE as JSON, or to stdout as a table (-)
  --trace             programs only: print every executed instruction to
                      stdout as "INDEX k=ITERATION FIELDS" (k=- outside loops)
  --threads N         programs only: share each large mvm's rows among N
                      threads, 1 to 256 (default 1); the results are the
                      same for any N
  -h, --help          print this help

NAME=FILE splits at the first '=', or after the longest prefix that names an
input (or output), which may itself contain '='. Exit codes: 0 success, 1 a problem with the model, the inputs or
the outputs, 2 a usage error.
)";

/// What the command line asks for.
struct Options {
  std::string modelPath;
  std::vector<std::string> inputs;
  std::string outputDir;
  std::vector<std::string> expects;
  std::vector<std::string> dims;
  double atol = 1e-4;
  std::string statsPath;
  bool trace = false;
  /// 0 when not given (one thread).
  unsigned threads = 0;
  bool help = false;
};

/// Parses the command line. Options take their value as the next argument
/// or after '=', with one dash or two.
Expected<Options> parseCommandLine(llvm::ArrayRef<const char *> args) {
  Options options;
  bool seenOutputDir = false, seenAtol = false, seenStats = false;
  constexpr unsigned kMaxThreads = 256;
  for (size_t i = 0; i < args.size(); ++i) {
    StringRef arg = args[i];
    if (arg == "-h" || arg == "-help" || arg == "--help") {
      options.help = true;
      continue;
    }
    if (!arg.starts_with("-") || arg == "-") {
      if (!options.modelPath.empty())
        return usageError("unexpected argument " + quoteName(arg) +
                          " after the model " + quoteName(options.modelPath));
      options.modelPath = arg.str();
      continue;
    }
    auto [flag, inlineValue] = arg.split('=');
    StringRef name = flag.drop_front(flag.starts_with("--") ? 2 : 1);
    if (name == "trace") {
      if (flag.size() != arg.size())
        return usageError("--trace takes no value");
      options.trace = true;
      continue;
    }
    if (name != "i" && name != "o" && name != "expect" && name != "atol" &&
        name != "dim" && name != "stats" && name != "threads")
      return usageError("unknown option " + quoteName(flag) +
                        " (see hcgs-run --help)");
    StringRef value = inlineValue;
    if (flag.size() == arg.size()) {
      if (i + 1 == args.size())
        return usageError("option " + quoteName(flag) + " needs a value");
      value = args[++i];
    }
    if (name == "i") {
      options.inputs.push_back(value.str());
    } else if (name == "dim") {
      options.dims.push_back(value.str());
    } else if (name == "expect") {
      options.expects.push_back(value.str());
    } else if (name == "stats") {
      if (std::exchange(seenStats, true))
        return usageError("--stats is given twice");
      if (value.empty())
        return usageError("--stats needs a file, or - for stdout");
      options.statsPath = value.str();
    } else if (name == "threads") {
      if (options.threads != 0)
        return usageError("--threads is given twice");
      if (value.getAsInteger(10, options.threads) || options.threads == 0 ||
          options.threads > kMaxThreads)
        return usageError("--threads expects a count from 1 to " +
                          llvm::Twine(kMaxThreads) + ", got " +
                          quoteName(value));
    } else if (name == "o") {
      if (std::exchange(seenOutputDir, true))
        return usageError("-o is given twice");
      if (value.empty())
        return usageError("-o needs a folder");
      options.outputDir = value.str();
    } else {
      if (std::exchange(seenAtol, true))
        return usageError("--atol is given twice");
      if (value.getAsDouble(options.atol) || !(options.atol >= 0.0) ||
          std::isinf(options.atol))
        return usageError("--atol expects a finite number >= 0, got " +
                          quoteName(value));
    }
  }
  if (options.help)
    return options;
  if (options.modelPath.empty())
    return usageError("no model given (see hcgs-run --help)");
  if (options.outputDir.empty() && options.expects.empty() &&
      options.statsPath.empty() && !options.trace)
    return usageError("nothing to do: give -o OUTDIR, --expect NAME=FILE, "
                      "--stats or --trace");
  return options;
}

/// A model hcgs-run can run: its inputs and outputs, and a way to run it.
class Model {
public:
  virtual ~Model() = default;
  virtual llvm::ArrayRef<TensorSpec> getInputs() const = 0;
  virtual llvm::ArrayRef<TensorSpec> getOutputs() const = 0;
  virtual Expected<TensorMap> run(const TensorMap &inputs) = 0;
  /// Models that run on the accelerator's simulator: traces its execution
  /// (before run), and after run writes what it cost.
  virtual bool isProgram() const { return false; }
  virtual void setTrace(bool) {}
  virtual Error writeStats(StringRef path) const {
    llvm_unreachable("run() takes --stats for programs only");
  }
};

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
    Expected<program::Program> program = program::loadProgramFile(path);
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

  Error writeStats(StringRef path) const override;

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

Error ProgramModel::writeStats(StringRef path) const {
  const Target &target = simulator->getProgram().target;
  const mc::Cost &cost = lastRun->cost;
  double seconds = cost.cycles / (target.clockMHz * 1e6);
  double energyMicroJoules = cost.getEnergyPJ(target) * 1e-6;
  double framesPerSecond = seconds > 0 ? lastRun->seqLen / seconds : 0.0;
  struct Row {
    const char *key, *label;
    std::variant<int64_t, double> value;
  };
  const Row rows[] = {
      {"seq_len", "sequence length (frames)", lastRun->seqLen},
      {"instructions", "instructions executed", cost.instructions},
      {"cycles", "cycles", cost.cycles},
      {"macs", "MACs", cost.macs},
      {"mac_utilization", "MAC utilization", cost.getMacUtilization(target)},
      {"weight_bits_read", "weight memory bits read", cost.weightBits},
      {"index_bits_read", "index memory bits read", cost.indexBits},
      {"param_bits_read", "parameter memory bits read", cost.paramBits},
      {"act_reads", "activation memory reads", cost.actReads},
      {"act_writes", "activation memory writes", cost.actWrites},
      {"acc_reads", "accumulator reads", cost.accReads},
      {"acc_writes", "accumulator writes", cost.accWrites},
      {"io_reads", "I/O memory reads", cost.ioReads},
      {"io_writes", "I/O memory writes", cost.ioWrites},
      {"seconds", "time at the target's clock (s)", seconds},
      {"frames_per_second", "frames per second", framesPerSecond},
      {"energy_uj", "energy (uJ)", energyMicroJoules},
  };
  if (path == "-") {
    llvm::raw_ostream &os = llvm::outs();
    for (const Row &row : rows) {
      os << llvm::left_justify(row.label, 32);
      if (const auto *integer = std::get_if<int64_t>(&row.value))
        os << *integer << '\n';
      else
        os << llvm::format("%.6g", std::get<double>(row.value)) << '\n';
    }
    return Error::success();
  }
  std::error_code ec;
  llvm::ToolOutputFile file(path, ec, llvm::sys::fs::OF_Text);
  if (ec)
    return inputError("cannot write the statistics to " + quoteName(path) +
                      ": " + ec.message());
  {
    llvm::json::OStream json(file.os(), 2);
    json.object([&] {
      json.attribute("target", target.name);
      for (const Row &row : rows) {
        if (const auto *integer = std::get_if<int64_t>(&row.value))
          json.attribute(row.key, *integer);
        else
          json.attribute(row.key, std::get<double>(row.value));
      }
    });
  }
  file.os() << '\n';
  file.keep();
  return Error::success();
}

enum class ModelKind { MLIR, ONNX, Program };

/// Tells the kind of model by its extension, or MLIR bytecode by its magic.
Expected<ModelKind> getModelKind(StringRef path,
                                 const llvm::MemoryBuffer &contents) {
  StringRef extension = llvm::sys::path::extension(path);
  if (extension == ".mlir" || extension == ".mlirbc")
    return ModelKind::MLIR;
  if (extension == ".onnx")
    return ModelKind::ONNX;
  if (extension == ".hcgsb")
    return ModelKind::Program;
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

/// Parses hcgs IR, text or bytecode; the first error MLIR reports becomes the
/// message.
Expected<mlir::OwningOpRef<mlir::ModuleOp>>
parseModule(std::unique_ptr<llvm::MemoryBuffer> contents,
            mlir::MLIRContext &context) {
  FirstErrorCapture capture(&context);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(contents), llvm::SMLoc());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
  if (!module)
    return llvm::createStringError(capture.getMessage().empty()
                                       ? "cannot parse the model"
                                       : capture.getMessage());
  return module;
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
Expected<std::unique_ptr<Model>> loadModel(const Options &options) {
  StringRef path = options.modelPath;
  ONNXImportOptions importOptions;
  for (StringRef text : options.dims) {
    Expected<std::pair<std::string, int64_t>> dim =
        tools::parseDimAssignment(text);
    if (!dim)
      return dim.takeError();
    importOptions.dimParams[dim->first] = dim->second;
  }
  llvm::sys::fs::file_status status;
  if (std::error_code ec = llvm::sys::fs::status(path, status))
    return llvm::createStringError(path + ": cannot open: " + ec.message());
  if (!llvm::sys::fs::is_regular_file(status))
    return llvm::createStringError(path + ": not a regular file");
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> contents =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/true);
  if (!contents)
    return llvm::createStringError(
        path + ": cannot read: " + contents.getError().message());
  Expected<ModelKind> kind = getModelKind(path, **contents);
  if (!kind)
    return kind.takeError();
  if (*kind == ModelKind::Program) {
    sim::SimulatorOptions simulatorOptions;
    simulatorOptions.threads = std::max(options.threads, 1u);
    Expected<std::unique_ptr<ProgramModel>> model =
        ProgramModel::create(path, simulatorOptions);
    if (!model)
      return model.takeError();
    return std::unique_ptr<Model>(std::move(*model));
  }

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

/// Reads every NAME=FILE of `args` into a map; a name given twice is a usage
/// error.
Expected<TensorMap> readAssignments(StringRef flag,
                                    llvm::ArrayRef<std::string> args,
                                    llvm::ArrayRef<TensorSpec> specs) {
  TensorMap tensors;
  for (const std::string &arg : args) {
    Expected<tools::Assignment> assignment =
        tools::parseAssignment(flag, "FILE", arg, [&](StringRef name) {
          return llvm::any_of(specs, [&](const TensorSpec &spec) {
            return spec.name == name;
          });
        });
    if (!assignment)
      return assignment.takeError();
    std::string name = assignment->name.str();
    StringRef file = assignment->value;
    if (tensors.count(name))
      return usageError(flag + " gives " + quoteName(name) + " twice");
    Expected<Tensor> tensor = readTensorFile(file);
    if (!tensor)
      return tensor.takeError();
    tensors.emplace(name, std::move(*tensor));
  }
  return tensors;
}

/// Creates OUTDIR if needed and checks that it is a folder hcgs-run can
/// write in, before the model runs.
Error prepareOutputDir(StringRef dir) {
  if (std::error_code ec = llvm::sys::fs::create_directories(dir))
    return inputError("cannot create the output folder " + quoteName(dir) +
                      ": " + ec.message());
  if (!llvm::sys::fs::is_directory(dir))
    return inputError("the output folder " + quoteName(dir) +
                      " is not a folder");
  if (std::error_code ec =
          llvm::sys::fs::access(dir, llvm::sys::fs::AccessMode::Write))
    return inputError("cannot write in the output folder " + quoteName(dir) +
                      ": " + ec.message());
  return Error::success();
}

/// Compares the outputs named by --expect; prints one line per output and
/// fails if any is off by more than atol.
Error checkExpected(const TensorMap &outputs, const TensorMap &expected,
                    llvm::ArrayRef<TensorSpec> specs, double atol) {
  std::vector<std::string> mismatches;
  for (const TensorSpec &spec : specs) {
    auto it = expected.find(spec.name);
    if (it == expected.end())
      continue;
    llvm::outs() << quoteName(spec.name) << ": ";
    Expected<TensorComparison> comparison =
        compareTensors(outputs.at(spec.name), it->second);
    if (!comparison) {
      llvm::outs() << llvm::toString(comparison.takeError()) << '\n';
      mismatches.push_back(quoteName(spec.name));
      continue;
    }
    llvm::outs() << "max abs error "
                 << llvm::format("%.3g", comparison->maxAbsError) << ", SQNR "
                 << llvm::format("%.1f", comparison->sqnrDb) << " dB\n";
    if (!(comparison->maxAbsError <= atol))
      mismatches.push_back(quoteName(spec.name));
  }
  if (mismatches.empty())
    return Error::success();
  std::string atolText;
  llvm::raw_string_ostream(atolText) << llvm::format("%g", atol);
  return inputError(llvm::Twine(mismatches.size()) + " of " +
                    llvm::Twine(expected.size()) +
                    " compared outputs differ from the expected tensors "
                    "beyond --atol " +
                    atolText + ": " + llvm::join(mismatches, ", "));
}

/// Everything hcgs-run does once its flags are parsed.
Error run(const Options &options) {
  Expected<std::unique_ptr<Model>> model = loadModel(options);
  if (!model)
    return model.takeError();
  llvm::ArrayRef<TensorSpec> inputSpecs = (*model)->getInputs();
  llvm::ArrayRef<TensorSpec> outputSpecs = (*model)->getOutputs();
  if ((options.trace || !options.statsPath.empty() || options.threads) &&
      !(*model)->isProgram())
    return usageError(std::string(options.trace       ? "--trace"
                                  : options.threads ? "--threads"
                                                    : "--stats") +
                      " needs a compiled program (.hcgsb)");
  (*model)->setTrace(options.trace);

  // Every output needs a file name before anything runs.
  std::vector<std::string> fileNames;
  if (!options.outputDir.empty()) {
    for (const TensorSpec &spec : outputSpecs) {
      Expected<std::string> fileName = encodeTensorFileName(spec.name);
      if (!fileName)
        return fileName.takeError();
      fileNames.push_back(std::move(*fileName));
    }
  }

  Expected<TensorMap> inputs =
      readAssignments("-i", options.inputs, inputSpecs);
  if (!inputs)
    return inputs.takeError();
  Expected<TensorMap> expected =
      readAssignments("--expect", options.expects, outputSpecs);
  if (!expected)
    return expected.takeError();
  if (Error err = checkTensors(inputSpecs, *inputs, "input"))
    return err;
  for (const auto &[name, tensor] : *expected)
    if (llvm::none_of(outputSpecs, [&, &name = name](const TensorSpec &spec) {
          return spec.name == name;
        }))
      return inputError("--expect names " + quoteName(name) +
                        ", which is not an output of the model");
  if (!options.outputDir.empty())
    if (Error err = prepareOutputDir(options.outputDir))
      return err;

  Expected<TensorMap> outputs = (*model)->run(*inputs);
  if (!outputs)
    return outputs.takeError();

  for (auto [spec, fileName] : llvm::zip(outputSpecs, fileNames)) {
    llvm::SmallString<256> path(options.outputDir);
    llvm::sys::path::append(path, fileName);
    if (Error err = writeNpyFile(outputs->at(spec.name), path))
      return err;
  }
  if (!options.statsPath.empty())
    if (Error err = (*model)->writeStats(options.statsPath))
      return err;
  return checkExpected(*outputs, *expected, outputSpecs, options.atol);
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  auto runCommandLine = [&]() -> Error {
    Expected<Options> options =
        parseCommandLine(llvm::ArrayRef<const char *>(argv, argc).drop_front());
    if (!options)
      return options.takeError();
    if (options->help) {
      llvm::outs() << kHelp;
      return Error::success();
    }
    return run(*options);
  };
  if (Error error = runCommandLine()) {
    llvm::outs().flush();
    return tools::failWith(kToolName, std::move(error));
  }
  return tools::kSuccess;
}
