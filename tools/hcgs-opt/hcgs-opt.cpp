//===- hcgs-opt.cpp - mlir-opt for the hcgs dialects ----------------------===//
//
// Parses, verifies, transforms and prints hcgs IR with the usual mlir-opt
// flags; every hcgs pass and MLIR's canonicalize and cse are registered.
// The input and output are handled as in every hcgs tool (Files.h): only a
// regular file (or stdin) is read, the output is never the input and is
// written whole or not at all.
//
//===----------------------------------------------------------------------===//

#include "hcgs/Conversion/HCGSToISA/Passes.h"
#include "hcgs/Dialect/HCGS/HCGSDialect.h"
#include "hcgs/Dialect/ISA/ISADialect.h"
#include "hcgs/Dialect/ISA/ISAPasses.h"
#include "hcgs/IR/ModuleFiles.h"
#include "hcgs/Runtime/Tool/CommandLine.h"
#include "hcgs/Runtime/Tool/Files.h"
#include "hcgs/Transforms/Passes.h"

#include "mlir/Debug/Counter.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/InitLLVM.h"

using namespace llvm;

namespace {

constexpr const char *kToolName = "hcgs-opt";

/// MlirOptMain's processing, on an input and to an output that the tool
/// opened itself.
int optimize(StringRef inputPath, StringRef outputPath,
             mlir::DialectRegistry &registry,
             const mlir::MlirOptMainConfig &config) {
  if (Error error = hcgs::tools::checkDistinctFiles({{"the input", inputPath.str()}},
                                                    {{"-o", outputPath.str()}}))
    return hcgs::tools::failWith(kToolName, std::move(error));
  hcgs::tools::InputFileOptions inputOptions;
  inputOptions.allowStdin = true;
  inputOptions.requiresNullTerminator = true;
  Expected<std::unique_ptr<MemoryBuffer>> input =
      hcgs::tools::readInputFile(inputPath, inputOptions);
  if (!input)
    return hcgs::tools::failWith(kToolName, input.takeError());
  // MlirOptMain parses on its own: check what parseModule checks.
  if (Error error = hcgs::checkIRNesting(**input))
    return hcgs::tools::failWith(kToolName, std::move(error));
  hcgs::tools::OutputFiles outputs;
  Expected<raw_ostream &> output = outputs.open(outputPath);
  if (!output)
    return hcgs::tools::failWith(kToolName, output.takeError());
  if (failed(mlir::MlirOptMain(*output, std::move(*input), registry, config)))
    return hcgs::tools::kInputError;
  if (Error error = outputs.commit())
    return hcgs::tools::failWith(kToolName, std::move(error));
  return hcgs::tools::kSuccess;
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM initLLVM(argc, argv);
  hcgs::registerHCGSPasses();
  hcgs::isa::registerHCGSISAPasses();
  hcgs::registerHCGSToISAPasses();
  hcgs::registerCompilePipeline();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();

  mlir::DialectRegistry registry;
  registry.insert<hcgs::HCGSDialect, hcgs::isa::ISADialect,
                  mlir::func::FuncDialect, mlir::arith::ArithDialect>();

  // What mlir-opt registers, with --help showing the passes and the flags
  // one needs most; every other flag works and --help-hidden lists it.
  cl::OptionCategory category("hcgs-opt options");
  cl::opt<std::string> inputPath(cl::Positional, cl::desc("<input file>"),
                                 cl::init("-"), cl::cat(category));
  cl::opt<std::string> outputPath("o", cl::desc("output file"),
                                  cl::value_desc("file"), cl::init("-"),
                                  cl::cat(category));
  mlir::MlirOptMainConfig::registerCLOptions(registry);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  mlir::registerDefaultTimingManagerCLOptions();
  mlir::tracing::DebugCounter::registerCLOptions();
  hcgs::tools::showOptionsInCategory(
      {"hcgs-plan" /* the pass list */, "pass-pipeline", "split-input-file",
       "verify-diagnostics", "emit-bytecode", "allow-unregistered-dialect",
       "mlir-print-ir-after-all", "mlir-print-debuginfo",
       "mlir-print-op-generic", "mlir-timing"},
      category);
  if (std::optional<std::string> problem = hcgs::tools::parseCommandLine(
          argc, argv,
          "hcgs optimizer driver\n\nAvailable dialects: arith, builtin, func, "
          "hcgs, hcgs_isa\n",
          {&category}))
    return hcgs::tools::fail(kToolName, hcgs::tools::kUsageError, *problem);
  mlir::MlirOptMainConfig config =
      mlir::MlirOptMainConfig::createFromCLOptions();
  // Listing dialects or passes reads and writes no file.
  if (config.shouldShowDialects() || config.shouldListPasses())
    return mlir::asMainReturnCode(
        mlir::MlirOptMain(argc, argv, inputPath, outputPath, registry));
  return optimize(inputPath, outputPath, registry, config);
}
