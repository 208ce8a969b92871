//===- hcgs-run.cpp - run a model on tensor files -------------------------===//
//
//   hcgs-run MODEL [-i NAME=FILE]... [-o OUTDIR] [--expect NAME=FILE]...
//            [--atol X]
//
// Runs MODEL on the inputs read from FILEs (.npy or ONNX TensorProto .pb) and
// writes every output to OUTDIR as .npy, the file name being the output's
// name escaped by encodeTensorFileName (hcgs/Support/TensorIO.h): bytes
// outside [A-Za-z0-9_.-], '%' and a leading '.' become %XX, then ".npy".
// With --expect, it prints each named output's max abs error and SQNR against
// the tensor in FILE and fails when an error exceeds --atol.
//
// The kind of model decides how it runs: hcgs IR (.mlir, .mlirbc) runs in the
// float reference executor.
//
// Exit codes: 0 success, 1 a problem with the model, the inputs or the
// outputs, 2 a usage error.
//
//===----------------------------------------------------------------------===//

#include "HCGS/HCGSDialect.h"
#include "hcgs/Reference/Executor.h"
#include "hcgs/Support/TensorCompare.h"
#include "hcgs/Support/TensorIO.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

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

llvm::cl::OptionCategory category("hcgs-run options");

llvm::cl::opt<std::string> modelPath(llvm::cl::Positional, llvm::cl::Required,
                                     llvm::cl::desc("<model>"),
                                     llvm::cl::cat(category));
llvm::cl::list<std::string>
    inputArgs("i",
              llvm::cl::desc("Feed the input NAME from FILE (.npy or ONNX "
                             "TensorProto .pb)"),
              llvm::cl::value_desc("NAME=FILE"), llvm::cl::cat(category));
llvm::cl::opt<std::string>
    outputDir("o",
              llvm::cl::desc("Write every output to OUTDIR/<name>.npy (names "
                             "escaped: bytes outside [A-Za-z0-9_.-], '%' and "
                             "a leading '.' become %XX)"),
              llvm::cl::value_desc("OUTDIR"), llvm::cl::cat(category));
llvm::cl::list<std::string>
    expectArgs("expect",
               llvm::cl::desc("Compare the output NAME with the tensor in "
                              "FILE: print its max abs error and SQNR, fail "
                              "beyond --atol"),
               llvm::cl::value_desc("NAME=FILE"), llvm::cl::cat(category));
llvm::cl::opt<double>
    atol("atol",
         llvm::cl::desc("Largest max abs error --expect accepts (default "
                        "1e-4)"),
         llvm::cl::init(1e-4), llvm::cl::cat(category));

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
    Expected<ReferenceExecutor> executor = ReferenceExecutor::create(*module);
    if (!executor)
      return executor.takeError();
    return std::unique_ptr<ReferenceModel>(new ReferenceModel(
        std::move(context), std::move(module), std::move(*executor)));
  }
  llvm::ArrayRef<TensorSpec> getInputs() const override {
    return executor.getSignature().inputs;
  }
  llvm::ArrayRef<TensorSpec> getOutputs() const override {
    return executor.getSignature().outputs;
  }
  Expected<TensorMap> run(const TensorMap &inputs) const override {
    return executor.run(inputs);
  }

private:
  ReferenceModel(std::unique_ptr<mlir::MLIRContext> context,
                 mlir::OwningOpRef<mlir::ModuleOp> module,
                 ReferenceExecutor executor)
      : context(std::move(context)), module(std::move(module)),
        executor(std::move(executor)) {}

  std::unique_ptr<mlir::MLIRContext> context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  ReferenceExecutor executor;
};

enum class ModelKind { MLIR, ONNX, Program };

/// Tells the kind of model by its extension, or MLIR bytecode by its magic.
Expected<ModelKind> getModelKind(StringRef path,
                                 const llvm::MemoryBuffer &contents) {
  StringRef extension = llvm::sys::path::extension(path);
  if (extension == ".mlir" || extension == ".mlirbc" ||
      contents.getBuffer().starts_with("ML\xefR"))
    return ModelKind::MLIR;
  if (extension == ".onnx")
    return ModelKind::ONNX;
  if (extension == ".hcgsb")
    return ModelKind::Program;
  return llvm::createStringError(
      "cannot tell what kind of model " + path +
      " is: expected a .mlir, .mlirbc, .onnx or .hcgsb file");
}

/// A context that knows the dialects of hcgs IR.
std::unique_ptr<mlir::MLIRContext> createContext() {
  mlir::DialectRegistry registry;
  registry.insert<HCGSDialect, mlir::func::FuncDialect,
                  mlir::arith::ArithDialect>();
  auto context = std::make_unique<mlir::MLIRContext>(registry);
  context->loadAllAvailableDialects();
  return context;
}

/// Parses hcgs IR, text or bytecode; the first error MLIR reports becomes the
/// message.
Expected<mlir::OwningOpRef<mlir::ModuleOp>>
parseModule(std::unique_ptr<llvm::MemoryBuffer> contents,
            mlir::MLIRContext &context) {
  std::string firstError;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &diag) {
    if (diag.getSeverity() == mlir::DiagnosticSeverity::Error &&
        firstError.empty()) {
      llvm::raw_string_ostream os(firstError);
      if (auto loc = mlir::dyn_cast<mlir::FileLineColLoc>(diag.getLocation()))
        os << loc.getFilename().getValue() << ':' << loc.getLine() << ':'
           << loc.getColumn() << ": ";
      os << diag.str();
      std::replace(firstError.begin(), firstError.end(), '\n', ' ');
    }
    return mlir::success();
  });
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(contents), llvm::SMLoc());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
  if (!module)
    return llvm::createStringError(firstError.empty() ? "cannot parse the model"
                                                      : firstError);
  return module;
}

/// Loads MODEL and prepares it to run, the way its kind asks.
Expected<std::unique_ptr<Model>> loadModel(StringRef path) {
  llvm::sys::fs::file_status status;
  if (std::error_code ec = llvm::sys::fs::status(path, status))
    return llvm::createStringError(path + ": cannot open: " + ec.message());
  if (!llvm::sys::fs::is_regular_file(status))
    return llvm::createStringError(path + ": not a regular file");
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> contents =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/true);
  if (!contents)
    return llvm::createStringError(path + ": cannot read: " +
                                   contents.getError().message());
  Expected<ModelKind> kind = getModelKind(path, **contents);
  if (!kind)
    return kind.takeError();

  switch (*kind) {
  case ModelKind::MLIR: {
    std::unique_ptr<mlir::MLIRContext> context = createContext();
    Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
        parseModule(std::move(*contents), *context);
    if (!module)
      return module.takeError();
    Expected<std::unique_ptr<ReferenceModel>> model =
        ReferenceModel::create(std::move(context), std::move(*module));
    if (!model)
      return model.takeError();
    return std::unique_ptr<Model>(std::move(*model));
  }
  case ModelKind::ONNX:
    return llvm::createStringError(
        path + ": running .onnx models needs the ONNX importer, which this "
               "build does not have yet");
  case ModelKind::Program:
    return llvm::createStringError(
        path + ": running compiled programs (.hcgsb) needs the simulator, "
               "which this build does not have yet");
  }
  llvm_unreachable("unknown model kind");
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
Error checkExpected(const TensorMap &outputs,
                                     const TensorMap &expected,
                                     llvm::ArrayRef<TensorSpec> specs) {
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
  llvm::raw_string_ostream(atolText) << llvm::format("%g", atol.getValue());
  return inputError(llvm::Twine(mismatches.size()) + " of " +
                    llvm::Twine(expected.size()) +
                    " compared outputs differ from the expected tensors "
                    "beyond --atol " +
                    atolText + ": " + llvm::join(mismatches, ", "));
}

/// Everything hcgs-run does once its flags are parsed.
Error runTool() {
  if (outputDir.empty() && expectArgs.empty())
    return usageError("nothing to do: give -o OUTDIR, --expect NAME=FILE or "
                      "both");
  if (!(atol >= 0.0) || std::isinf(atol))
    return usageError("--atol must be a finite number >= 0");

  Expected<std::unique_ptr<Model>> model = loadModel(modelPath);
  if (!model)
    return model.takeError();
  llvm::ArrayRef<TensorSpec> inputSpecs = (*model)->getInputs();
  llvm::ArrayRef<TensorSpec> outputSpecs = (*model)->getOutputs();

  // Every output needs a file name before anything runs.
  std::vector<std::string> fileNames;
  if (!outputDir.empty()) {
    for (const TensorSpec &spec : outputSpecs) {
      Expected<std::string> fileName = encodeTensorFileName(spec.name);
      if (!fileName)
        return fileName.takeError();
      fileNames.push_back(std::move(*fileName));
    }
  }

  Expected<TensorMap> inputs = readAssignments("-i", inputArgs, inputSpecs);
  if (!inputs)
    return inputs.takeError();
  Expected<TensorMap> expected =
      readAssignments("--expect", expectArgs, outputSpecs);
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
  if (!outputDir.empty())
    if (Error err = prepareOutputDir(outputDir))
      return err;

  Expected<TensorMap> outputs = (*model)->run(*inputs);
  if (!outputs)
    return outputs.takeError();

  for (auto [spec, fileName] : llvm::zip(outputSpecs, fileNames)) {
    llvm::SmallString<256> path(outputDir);
    llvm::sys::path::append(path, fileName);
    if (Error err = writeNpyFile(outputs->at(spec.name), path))
      return err;
  }
  return checkExpected(*outputs, *expected, outputSpecs);
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  llvm::cl::HideUnrelatedOptions(category);
  std::string flagErrors;
  llvm::raw_string_ostream flagErrorStream(flagErrors);
  if (!llvm::cl::ParseCommandLineOptions(
          argc, argv,
          "Runs an hcgs model on tensor files (.npy, ONNX TensorProto .pb)\n",
          &flagErrorStream)) {
    // Keep the first line of what the parser says, without its tool prefix.
    StringRef message = StringRef(flagErrors).split('\n').first.trim();
    message.consume_front(argv[0]);
    message.consume_front(":");
    llvm::errs() << kToolName << ": error: " << message.trim() << '\n';
    return kUsage;
  }
  int exitCode = kSuccess;
  llvm::handleAllErrors(
      runTool(),
      [&](const UsageError &err) {
        llvm::errs() << kToolName << ": error: " << err.message() << '\n';
        exitCode = kUsage;
      },
      [&](const llvm::ErrorInfoBase &err) {
        llvm::outs().flush();
        llvm::errs() << kToolName << ": error: " << err.message() << '\n';
        exitCode = kBadInput;
      });
  return exitCode;
}
