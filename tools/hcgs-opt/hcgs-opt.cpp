//===- hcgs-opt.cpp - mlir-opt for the hcgs dialects ----------------------===//
//
// Parses, verifies, transforms and prints hcgs IR with the usual mlir-opt
// flags; every hcgs pass and MLIR's canonicalize and cse are registered.
//
//===----------------------------------------------------------------------===//

#include "hcgs/Conversion/HCGSToISA/Passes.h"
#include "hcgs/Dialect/HCGS/HCGSDialect.h"
#include "hcgs/Dialect/ISA/ISADialect.h"
#include "hcgs/Dialect/ISA/ISAPasses.h"
#include "hcgs/Runtime/Tool/CommandLine.h"
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

using namespace llvm;

int main(int argc, char **argv) {
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
    return hcgs::tools::fail("hcgs-opt", hcgs::tools::kUsageError, *problem);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, inputPath, outputPath, registry));
}
