//===- hcgs-run.cpp - run a model on tensor files -------------------------===//
//
//   hcgs-run MODEL [-i NAME=FILE]... [-o OUTDIR] [--expect NAME=FILE]...
//            [--atol X] [--dim NAME=SIZE]...
//
// Runs MODEL on the inputs read from FILEs (.npy or ONNX TensorProto .pb) and
// writes every output to OUTDIR as .npy, the file name being the output's
// name escaped by encodeTensorFileName (hcgs/Support/TensorIO.h): bytes
// outside [A-Za-z0-9_.-], '%' and a leading '.' become %XX, then ".npy".
// With --expect, it prints each named output's max abs error and SQNR against
// the tensor in FILE and fails when an error exceeds --atol.
//
// The kind of model decides how it runs: hcgs IR (.mlir, .mlirbc) and ONNX
// models (.onnx, imported into hcgs IR) run in the float reference executor.
//
// Exit codes: 0 success, 1 a problem with the model, the inputs or the
// outputs, 2 a usage error.
//
//===----------------------------------------------------------------------===//

#include "HCGS/HCGSDialect.h"
#include "hcgs/Import/ONNX.h"
#include "hcgs/Reference/Diagnostics.h"
#include "hcgs/Reference/Executor.h"
#include "hcgs/Support/TensorCompare.h"
#include "hcgs/Support/TensorIO.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <utility>

using namespace hcgs;
using llvm::Error;
using llvm::Expected;
using llvm::StringRef;

namespace {
constexpr const char *kToolName = "hcgs-run";

enum ExitCode { kSuccess = 0, kBadInput = 1, kUsage = 2 };

/// A mistake in how the tool was called; it exits with kUsage. Every other
/// error is a problem with the model, the inputs or the outputs (kBadInput).
class UsageError : public llvm::ErrorInfo<UsageError> {
public:
  static char ID;
  explicit UsageError(std::string text) : text(std::move(text)) {}
  void log(llvm::raw_ostream &os) const override { os << text; }
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }

private:
  std::string text;
};
char UsageError::ID;

Error usageError(const llvm::Twine &message) {
  return llvm::make_error<UsageError>(message.str());
}
Error inputError(const llvm::Twine &message) {
  return llvm::createStringError(message);
}

constexpr const char *kHelp =
    R"(USAGE: hcgs-run MODEL [-i NAME=FILE]... [-o OUTDIR] [--expect NAME=FILE]... [--atol X] [--dim NAME=SIZE]...

Runs MODEL on tensors read from files. hcgs IR (.mlir, .mlirbc) and ONNX
models (.onnx, imported into hcgs IR) run in the float reference executor.

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
  -h, --help          print this help

A NAME may contain '=': the longest prefix that names an input (or output)
is taken. Exit codes: 0 success, 1 a problem with the model, the inputs or
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
  bool help = false;
};

/// Parses the command line. Options take their value as the next argument
/// or after '=', with one dash or two.
Expected<Options> parseCommandLine(llvm::ArrayRef<const char *> args) {
  Options options;
  bool seenOutputDir = false, seenAtol = false;
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
    if (name != "i" && name != "o" && name != "expect" && name != "atol" &&
        name != "dim")
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
  if (options.outputDir.empty() && options.expects.empty())
    return usageError("nothing to do: give -o OUTDIR, --expect NAME=FILE or "
                      "both");
  return options;
}

/// A model hcgs-run can run: its inputs and outputs, and a way to run it.
class Model {
public:
  virtual ~Model() = default;
  virtual llvm::ArrayRef<TensorSpec> getInputs() const = 0;
  virtual llvm::ArrayRef<TensorSpec> getOutputs() const = 0;
  virtual Expected<TensorMap> run(const TensorMap &inputs) const = 0;
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
  Expected<TensorMap> run(const TensorMap &inputs) const override {
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
Expected<std::unique_ptr<Model>> loadModel(StringRef path,
                                           llvm::ArrayRef<std::string> dims) {
  ONNXImportOptions importOptions;
  for (StringRef dim : dims) {
    auto [name, sizeText] = dim.rsplit('=');
    int64_t size;
    if (name.empty() || sizeText.getAsInteger(10, size) || size <= 0)
      return usageError("--dim expects NAME=SIZE with a positive size, got " +
                        quoteName(dim));
    importOptions.dimParams[name] = size;
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
  if (*kind == ModelKind::Program)
    return llvm::createStringError(
        path + ": running compiled programs (.hcgsb) needs the simulator, "
               "which this build does not have yet");

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

/// Splits NAME=FILE. Names may contain '=' themselves, so the longest prefix
/// before a '=' that names one of `specs` wins; failing that, the first '='
/// splits.
Expected<std::pair<std::string, std::string>>
splitAssignment(StringRef flag, StringRef arg,
                llvm::ArrayRef<TensorSpec> specs) {
  size_t first = arg.find('=');
  if (first == StringRef::npos)
    return usageError(flag + " expects NAME=FILE, got " + quoteName(arg));
  size_t split = first;
  for (const TensorSpec &spec : specs)
    if (spec.name.size() > split && arg.size() > spec.name.size() &&
        arg.starts_with(spec.name) && arg[spec.name.size()] == '=')
      split = spec.name.size();
  return std::pair(arg.take_front(split).str(),
                   arg.drop_front(split + 1).str());
}

/// Reads every NAME=FILE of `args` into a map; a name given twice is a usage
/// error.
Expected<TensorMap> readAssignments(StringRef flag,
                                    llvm::ArrayRef<std::string> args,
                                    llvm::ArrayRef<TensorSpec> specs) {
  TensorMap tensors;
  for (const std::string &arg : args) {
    Expected<std::pair<std::string, std::string>> assignment =
        splitAssignment(flag, arg, specs);
    if (!assignment)
      return assignment.takeError();
    auto &[name, file] = *assignment;
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
  Expected<std::unique_ptr<Model>> model = loadModel(options.modelPath, options.dims);
  if (!model)
    return model.takeError();
  llvm::ArrayRef<TensorSpec> inputSpecs = (*model)->getInputs();
  llvm::ArrayRef<TensorSpec> outputSpecs = (*model)->getOutputs();

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
  int exitCode = kSuccess;
  llvm::handleAllErrors(
      runCommandLine(),
      [&](const UsageError &usage) {
        llvm::errs() << kToolName << ": error: " << usage.message() << '\n';
        exitCode = kUsage;
      },
      [&](const llvm::ErrorInfoBase &problem) {
        llvm::outs().flush();
        llvm::errs() << kToolName << ": error: " << problem.message() << '\n';
        exitCode = kBadInput;
      });
  return exitCode;
}
