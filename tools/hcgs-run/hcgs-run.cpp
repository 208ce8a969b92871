//===- hcgs-run.cpp - run a model on tensor files -------------------------===//
//
//   hcgs-run MODEL [-i NAME=FILE]... [-o OUTDIR] [--expect NAME=FILE]...
//            [--atol X] [--dim NAME=SIZE]... [--stats FILE|-] [--trace]
//            [--threads N] [--max-cycles N] [--allow-large-target]
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

#include "Models.h"
#include "Options.h"

#include "hcgs/Runtime/Tensor/TensorCompare.h"
#include "hcgs/Runtime/Tensor/TensorIO.h"
#include "hcgs/Runtime/Tool/CommandLine.h"
#include "hcgs/Runtime/Tool/Files.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace hcgs;
using namespace hcgs::run;
using llvm::Error;
using llvm::Expected;
using llvm::StringRef;

namespace {
constexpr const char *kToolName = "hcgs-run";

using tools::usageError;

Error inputError(const llvm::Twine &message) {
  return llvm::createStringError(message);
}

/// Whether a NAME=FILE's name names one of `specs`, for splitAssignment.
auto namesOneOf(llvm::ArrayRef<TensorSpec> specs) {
  return [specs](StringRef name) {
    return llvm::any_of(
        specs, [&](const TensorSpec &spec) { return spec.name == name; });
  };
}

/// Reads every NAME=FILE of `args` into a map; a name given twice is a usage
/// error.
Expected<TensorMap> readAssignments(StringRef flag,
                                    llvm::ArrayRef<std::string> args,
                                    llvm::ArrayRef<TensorSpec> specs) {
  TensorMap tensors;
  for (const std::string &arg : args) {
    Expected<tools::Assignment> assignment =
        tools::parseAssignment(flag, "FILE", arg, namesOneOf(specs));
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

/// Refuses an output file that is the model, an -i or --expect file, or
/// another output.
Error checkOutputPaths(const Options &options,
                       llvm::ArrayRef<TensorSpec> inputSpecs,
                       llvm::ArrayRef<TensorSpec> outputSpecs,
                       llvm::ArrayRef<std::string> outputPaths) {
  std::vector<tools::RunFile> inputFiles{{"the model", options.modelPath}};
  tools::appendAssignedFiles("-i", options.inputs, inputFiles,
                             namesOneOf(inputSpecs));
  tools::appendAssignedFiles("--expect", options.expects, inputFiles,
                             namesOneOf(outputSpecs));
  std::vector<tools::RunFile> outputFiles;
  for (auto [spec, path] : llvm::zip(outputSpecs, outputPaths))
    outputFiles.push_back({"the file of output " + quoteName(spec.name), path});
  if (!options.statsPath.empty())
    outputFiles.push_back({"--stats", options.statsPath});
  return tools::checkDistinctFiles(inputFiles, outputFiles);
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
Error runCommand(const Options &options) {
  Expected<std::unique_ptr<Model>> model = loadModel(options);
  if (!model)
    return model.takeError();
  llvm::ArrayRef<TensorSpec> inputSpecs = (*model)->getInputs();
  llvm::ArrayRef<TensorSpec> outputSpecs = (*model)->getOutputs();
  if (!(*model)->isProgram()) {
    for (auto [given, flag] :
         {std::pair(options.trace, "--trace"),
          std::pair(options.threads != 0, "--threads"),
          std::pair(!options.statsPath.empty(), "--stats"),
          std::pair(options.maxCycles.has_value(), "--max-cycles"),
          std::pair(options.allowLargeTarget, "--allow-large-target")})
      if (given)
        return usageError(std::string(flag) +
                          " needs a compiled program (.hcgsb)");
  }
  (*model)->setTrace(options.trace);

  // Every output needs a file name before anything runs.
  std::vector<std::string> outputPaths;
  if (!options.outputDir.empty()) {
    for (const TensorSpec &spec : outputSpecs) {
      Expected<std::string> fileName = encodeTensorFileName(spec.name);
      if (!fileName)
        return fileName.takeError();
      llvm::SmallString<256> path(options.outputDir);
      llvm::sys::path::append(path, *fileName);
      outputPaths.push_back(path.str().str());
    }
  }
  if (Error err = checkOutputPaths(options, inputSpecs, outputSpecs,
                                   outputPaths))
    return err;

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
  // Opened before the run, so that an output hcgs-run cannot write fails
  // early; written into place only once every one of them is written.
  tools::OutputFiles files;
  std::vector<llvm::raw_ostream *> outputStreams;
  for (const std::string &path : outputPaths) {
    Expected<llvm::raw_ostream &> stream = files.open(path);
    if (!stream)
      return stream.takeError();
    outputStreams.push_back(&*stream);
  }
  bool statsAsTable = options.statsPath == "-";
  llvm::raw_ostream *statsStream = nullptr;
  if (!options.statsPath.empty() && !statsAsTable) {
    Expected<llvm::raw_ostream &> stream = files.open(options.statsPath);
    if (!stream)
      return stream.takeError();
    statsStream = &*stream;
  }

  Expected<TensorMap> outputs = (*model)->run(*inputs);
  if (!outputs)
    return outputs.takeError();

  for (auto [spec, stream] : llvm::zip(outputSpecs, outputStreams))
    writeNpy(outputs->at(spec.name), *stream);
  if (!options.statsPath.empty())
    (*model)->writeStats(statsAsTable ? llvm::outs() : *statsStream,
                         statsAsTable);
  // The outputs are kept when they differ from --expect: they are what one
  // needs to see why.
  if (Error err = files.commit())
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
    return runCommand(*options);
  };
  if (Error error = runCommandLine()) {
    consumeError(tools::flushStdout());
    return tools::failWith(kToolName, std::move(error));
  }
  if (Error error = tools::flushStdout())
    return tools::failWith(kToolName, std::move(error));
  return tools::kSuccess;
}
