//===- hcgs-compile.cpp - compile an LSTM model for the accelerator -------===//
//
//   hcgs-compile MODEL -o P.hcgsb [--target NAME] [--target-config F.json]
//                [--hcgs SPEC] [--layer-hcgs NAME=SPEC]... [--weight-bits N]
//                [--act-bits N] [--memory-kb N] [--bind NAME=FILE]...
//                [--dim NAME=SIZE]... [--calibrate NAME=FILE]...
//                [--max-seq-len N] [--input-range X] [--cell-range X]
//                [--remarks] [--report FILE|-]
//                [--emit hcgs|quantized|isa|program]
//
// Runs the whole pipeline on MODEL (.onnx, or hcgs IR as .mlir/.mlirbc):
// import, block-mask legalization, quantization, planning and lowering to the
// accelerator's instructions, and writes the program file. --emit stops
// after a stage and writes its IR instead. --report writes what the model
// keeps and what the program costs: JSON to FILE, a table with '-'. The
// pipeline's flags are its passes' options (Pipeline.td). The MLIR
// debugging flags (--mlir-print-ir-after-all, --mlir-timing, ...) apply.
// The same input gives the same bytes.
//
//===----------------------------------------------------------------------===//

#include "hcgs/Compiler/Report.h"
#include "hcgs/Conversion/HCGSToISA/Passes.h"
#include "hcgs/Dialect/HCGS/HCGSDialect.h"
#include "hcgs/Dialect/ISA/ISADialect.h"
#include "hcgs/Dialect/ISA/ISAOps.h"
#include "hcgs/IR/Diagnostics.h"
#include "hcgs/IR/ModuleFiles.h"
#include "hcgs/IR/ModuleTarget.h"
#include "hcgs/Import/ONNX.h"
#include "hcgs/Runtime/Tool/CommandLine.h"
#include "hcgs/Runtime/Tool/Files.h"
#include "hcgs/Transforms/BlockMasks.h"
#include "hcgs/Translate/Program.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"

using namespace llvm;
using namespace hcgs;
using tools::fail;

namespace {

constexpr const char *kToolName = "hcgs-compile";

enum class EmitKind { HCGS, Quantized, ISA, Program };

cl::OptionCategory category("hcgs-compile options");

cl::opt<std::string> modelPath(cl::Positional, cl::Required,
                               cl::desc("<model: .onnx, .mlir or .mlirbc>"),
                               cl::cat(category));
cl::opt<std::string> outputPath("o", cl::desc("output file"),
                                cl::value_desc("file"), cl::cat(category));
cl::opt<EmitKind>
    emit("emit", cl::desc("what to write"), cl::init(EmitKind::Program),
         cl::values(clEnumValN(EmitKind::HCGS, "hcgs", "the imported hcgs IR"),
                    clEnumValN(EmitKind::Quantized, "quantized",
                               "hcgs IR with masks and fixed-point formats"),
                    clEnumValN(EmitKind::ISA, "isa", "the hcgs_isa program"),
                    clEnumValN(EmitKind::Program, "program",
                               "the program file (default)")),
         cl::cat(category));
cl::opt<std::string>
    reportPath("report",
               cl::desc("write the report: JSON to a file, a table with '-'"),
               cl::value_desc("file"), cl::cat(category));
// The pipeline's options (its passes', Pipeline.td) as flags.
#define HCGS_PIPELINE_OPTION(FIELD, ARGUMENT, TYPE, DEFAULT, DESCRIPTION)      \
  cl::opt<TYPE> FIELD##Flag(ARGUMENT, cl::desc(DESCRIPTION),                   \
                            cl::init(DEFAULT), cl::cat(category));
#define HCGS_PIPELINE_LIST_OPTION(FIELD, ARGUMENT, TYPE, DESCRIPTION)          \
  cl::list<TYPE> FIELD##Flag(ARGUMENT, cl::desc(DESCRIPTION),                  \
                             cl::cat(category));
#include "hcgs/Conversion/HCGSToISA/PipelineOptions.h.inc"

cl::list<std::string>
    binds("bind",
          cl::desc("NAME=FILE: make the graph input NAME a constant from FILE "
                   "(.npy or .pb)"),
          cl::cat(category));
cl::list<std::string>
    dims("dim",
         cl::desc("NAME=SIZE: a size for a symbolic dimension of an ONNX "
                  "model's inputs"),
         cl::cat(category));
using tools::Assignment;
using tools::parseAssignment;

/// Reads the model: imports ONNX (with --bind and --dim) or parses hcgs IR.
/// A malformed option is a tools::UsageError.
Expected<mlir::OwningOpRef<mlir::ModuleOp>>
loadModel(mlir::MLIRContext &context) {
  bool isONNX = sys::path::extension(modelPath) == ".onnx";
  if (!isONNX && (!binds.empty() || !dims.empty()))
    return tools::usageError("--bind and --dim apply to ONNX models");
  if (!isONNX)
    return parseModuleFile(modelPath, context);
  Expected<ONNXImportOptions> options = parseImportFlags(binds, dims, context);
  if (!options)
    return options.takeError();
  Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
      importONNXModel(modelPath, context, *options);
  if (!module)
    return createStringError(modelPath + ": " + toString(module.takeError()));
  return module;
}

/// An override flag's value, if the command line gives it: 0 or -1 are
/// values like any other, for the target to refuse.
std::optional<int64_t> getOverride(const cl::opt<int64_t> &flag) {
  if (!flag.getNumOccurrences())
    return std::nullopt;
  return flag.getValue();
}

/// Checks the options the passes would only check later: the target (with
/// the parameters that follow its overrides in `derived`), --max-seq-len,
/// the HCGS specs and the NAME=FILE forms. A bad value is a
/// tools::UsageError; a problem in the --target-config file is not.
Error checkOptions(std::vector<DerivedTargetParam> &derived) {
  Expected<Target> target = selectTarget(
      {targetFlag, targetConfigFlag, getOverride(weightBitsFlag),
       getOverride(actBitsFlag), getOverride(memoryKbFlag)},
      &derived);
  if (!target)
    return target.takeError();
  if (maxSeqLenFlag < 0)
    return tools::usageError("--max-seq-len must not be negative, got " +
                             Twine(maxSeqLenFlag));
  if (!hcgsFlag.empty())
    if (Expected<std::vector<LevelSpec>> specs =
            parseLevelSpecsFor(*target, "--hcgs", hcgsFlag);
        !specs)
      return tools::usageError(toString(specs.takeError()));
  for (StringRef entry : layerHcgsFlag) {
    Expected<Assignment> assignment =
        parseAssignment("--layer-hcgs", "SPEC", entry);
    if (!assignment)
      return assignment.takeError();
    if (Expected<std::vector<LevelSpec>> specs = parseLevelSpecsFor(
            *target, ("--layer-hcgs " + assignment->name).str(),
            assignment->value);
        !specs)
      return tools::usageError(toString(specs.takeError()));
  }
  for (StringRef entry : calibrateFlag)
    if (Expected<Assignment> assignment =
            parseAssignment("--calibrate", "FILE", entry);
        !assignment)
      return assignment.takeError();
  return Error::success();
}

/// Sets the pipeline options the command line gives.
void setPipelineOptions(CompilePipelineOptions &options) {
#define HCGS_PIPELINE_OPTION(FIELD, ARGUMENT, TYPE, DEFAULT, DESCRIPTION)      \
  options.FIELD = FIELD##Flag;
#define HCGS_PIPELINE_LIST_OPTION(FIELD, ARGUMENT, TYPE, DESCRIPTION)          \
  options.FIELD = SmallVector<TYPE>(FIELD##Flag.begin(), FIELD##Flag.end());
#include "hcgs/Conversion/HCGSToISA/PipelineOptions.h.inc"
}

/// Runs a pipeline stage; the first error becomes the message, with the
/// location of the op it is about unless that is the model as a whole.
LogicalResult runStage(mlir::ModuleOp module,
                       function_ref<void(mlir::OpPassManager &)> build,
                       std::string &error) {
  mlir::PassManager pm(module->getName());
  if (failed(mlir::applyPassManagerCLOptions(pm))) {
    error = "invalid pass manager options";
    return failure();
  }
  mlir::applyDefaultTimingPassManagerCLOptions(pm);
  build(pm);
  // Errors about the model as a whole (on the module or @main) need no
  // location.
  llvm::SmallVector<mlir::Location, 2> wholeModel{module.getLoc()};
  if (auto main = module.lookupSymbol<mlir::func::FuncOp>("main"))
    wholeModel.push_back(main.getLoc());
  FirstErrorCapture capture(module.getContext(), wholeModel);
  if (succeeded(pm.run(module)))
    return success();
  error = capture.getMessage().empty() ? "compilation failed"
                                       : capture.getMessage();
  return failure();
}

/// Refuses an output that is one of the files the run reads, or the other
/// output.
Error checkOutputPaths() {
  std::vector<tools::RunFile> inputs{{"the model", modelPath}};
  tools::appendAssignedFiles("--bind", binds, inputs);
  tools::appendAssignedFiles("--calibrate", calibrateFlag, inputs);
  if (!targetConfigFlag.empty())
    inputs.push_back({"--target-config", targetConfigFlag});
  std::vector<tools::RunFile> outputs{{"-o", outputPath}};
  if (!reportPath.empty())
    outputs.push_back({"--report", reportPath});
  return tools::checkDistinctFiles(inputs, outputs);
}

/// The files the run writes, opened before the work and renamed into place
/// once all of them are written.
struct Outputs {
  tools::OutputFiles files;
  raw_ostream *output = nullptr;
  raw_ostream *report = nullptr;

  Error open() {
    Expected<raw_ostream &> stream = files.open(outputPath);
    if (!stream)
      return stream.takeError();
    output = &*stream;
    if (reportPath.empty() || reportPath == "-")
      return Error::success();
    Expected<raw_ostream &> reportStream = files.open(reportPath);
    if (!reportStream)
      return createStringError("--report: " +
                               toString(reportStream.takeError()));
    report = &*reportStream;
    return Error::success();
  }
};

Error writeModuleOutput(mlir::ModuleOp module, raw_ostream &os) {
  bool bytecode = sys::path::extension(outputPath) == ".mlirbc";
  return writeModule(module, os, bytecode);
}

/// Writes the report where --report says; there is one only with --report.
void writeReport(const std::optional<CompileReport> &report,
                 raw_ostream *reportFile) {
  if (!report)
    return;
  if (!reportFile)
    printReport(*report, outs());
  else
    *reportFile << formatv("{0:2}", reportToJSON(*report)) << '\n';
}

/// Writes every output once the run has succeeded; the exit code.
int commitOutputs(Outputs &outputs) {
  if (Error error = outputs.files.commit())
    return tools::failWith(kToolName, std::move(error));
  if (Error error = tools::flushStdout())
    return tools::failWith(kToolName, std::move(error));
  return tools::kSuccess;
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM initLLVM(argc, argv);
  tools::keepFreedMemory();
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  mlir::registerDefaultTimingManagerCLOptions();
  if (std::optional<std::string> problem = tools::parseCommandLine(
          argc, argv,
          "hcgs compiler: ONNX LSTM models to HCGS accelerator programs\n\n"
          "  MLIR's debugging flags (--mlir-print-ir-after-all, --mlir-timing, "
          "...) apply too: --help-hidden lists them.\n",
          {&category}))
    return fail(kToolName, tools::kUsageError, *problem);
  if (outputPath.empty())
    outputPath = emit == EmitKind::Program ? "" : "-";
  if (outputPath.empty())
    return fail(kToolName, tools::kUsageError,
                "give the program file with -o FILE");
  std::vector<DerivedTargetParam> derived;
  if (Error error = checkOptions(derived))
    return tools::failWith(kToolName, std::move(error));
  if (Error error = checkOutputPaths())
    return tools::failWith(kToolName, std::move(error));
  Outputs outputs;
  if (Error error = outputs.open())
    return tools::failWith(kToolName, std::move(error));

  mlir::DialectRegistry registry;
  registry.insert<HCGSDialect, isa::ISADialect, mlir::func::FuncDialect,
                  mlir::arith::ArithDialect>();
  registerONNXImportDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();

  Expected<mlir::OwningOpRef<mlir::ModuleOp>> module = loadModel(context);
  if (!module)
    return tools::failWith(kToolName, module.takeError());
  if (emit == EmitKind::HCGS) {
    if (Error error = writeModuleOutput(**module, *outputs.output))
      return tools::failWith(kToolName, std::move(error));
    return commitOutputs(outputs);
  }

  CompilePipelineOptions options;
  setPipelineOptions(options);
  std::string error;
  if (failed(runStage(
          **module,
          [&](mlir::OpPassManager &pm) { buildQuantizePipeline(pm, options); },
          error)))
    return fail(kToolName, tools::kInputError, error);
  // The report's layers are read from the quantized model, before lowering.
  std::optional<CompileReport> report;
  if (!reportPath.empty()) {
    FailureOr<Target> target = getModuleTargetOrEmit(**module);
    if (failed(target))
      return fail(kToolName, tools::kInputError,
                  "the module's target is invalid");
    report = CompileReport{*target, collectLayerReports(**module, *target), {},
                           std::move(derived)};
  }
  if (emit == EmitKind::Quantized) {
    if (Error error = writeModuleOutput(**module, *outputs.output))
      return tools::failWith(kToolName, std::move(error));
    writeReport(report, outputs.report);
    return commitOutputs(outputs);
  }

  if (failed(runStage(
          **module,
          [&](mlir::OpPassManager &pm) { buildLoweringPipeline(pm, options); },
          error)))
    return fail(kToolName, tools::kInputError, error);
  auto programs = (*module)->getBody()->getOps<isa::ProgramOp>();
  if (!llvm::hasSingleElement(programs))
    return fail(kToolName, tools::kInputError,
                "lowering did not produce one hcgs_isa.program");
  isa::ProgramOp programOp = *programs.begin();
  Expected<std::vector<uint8_t>> bytes = program::exportProgram(programOp);
  if (!bytes)
    return fail(kToolName, tools::kInputError, toString(bytes.takeError()));
  if (report)
    report->program = collectProgramReport(programOp, report->target,
                                           static_cast<int64_t>(bytes->size()));

  if (emit == EmitKind::ISA) {
    if (Error error = writeModuleOutput(**module, *outputs.output))
      return tools::failWith(kToolName, std::move(error));
  } else {
    outputs.output->write(reinterpret_cast<const char *>(bytes->data()),
                          bytes->size());
  }
  writeReport(report, outputs.report);
  tools::exitWithoutTeardown(commitOutputs(outputs));
}
