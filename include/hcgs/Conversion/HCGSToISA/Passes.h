//===- Passes.h - from the hcgs dialect to hcgs_isa programs ----*- C++ -*-===//

#ifndef HCGS_CONVERSION_HCGSTOISA_PASSES_H
#define HCGS_CONVERSION_HCGSTOISA_PASSES_H

#include "hcgs/Dialect/ISA/ISADialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassOptions.h"

#include <memory>
#include <string>

namespace hcgs {

#define GEN_PASS_DECL
#include "hcgs/Conversion/HCGSToISA/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "hcgs/Conversion/HCGSToISA/Passes.h.inc"

/// The options of hcgs-compile-pipeline: those of the passes it runs.
struct CompilePipelineOptions
    : mlir::PassPipelineOptions<CompilePipelineOptions> {
  Option<std::string> target{*this, "target", llvm::cl::desc("target preset"),
                             llvm::cl::init("jssc2020")};
  Option<std::string> targetConfig{
      *this, "target-config",
      llvm::cl::desc("JSON file whose keys override the preset's parameters")};
  Option<int64_t> weightBits{
      *this, "weight-bits",
      llvm::cl::desc("override the weight width (0 keeps the target's)"),
      llvm::cl::init(0)};
  Option<int64_t> actBits{
      *this, "act-bits",
      llvm::cl::desc("override the activation width (0 keeps the target's)"),
      llvm::cl::init(0)};
  Option<int64_t> memoryKB{
      *this, "memory-kb",
      llvm::cl::desc(
          "override the parameter SRAM size in kB (0 keeps the target's)"),
      llvm::cl::init(0)};
  Option<std::string> hcgs{
      *this, "hcgs",
      llvm::cl::desc("prune dense weights to this structure, e.g. "
                     "32:0.25,4:0.25")};
  ListOption<std::string> layerHcgs{
      *this, "layer-hcgs",
      llvm::cl::desc("per-layer structure, NAME=SPEC, overriding hcgs")};
  ListOption<std::string> calibrate{
      *this, "calibrate",
      llvm::cl::desc("NAME=FILE: an input to calibrate ranges with")};
  Option<double> inputRange{
      *this, "input-range",
      llvm::cl::desc("bound on model inputs without calibration data"),
      llvm::cl::init(8.0)};
  Option<double> cellRange{
      *this, "cell-range",
      llvm::cl::desc("bound on LSTM cell states without calibration data"),
      llvm::cl::init(8.0)};
  Option<int64_t> maxSeqLen{
      *this, "max-seq-len",
      llvm::cl::desc("longest sequence the program accepts (0: the longest "
                     "that fits the I/O memory)"),
      llvm::cl::init(0)};
  Option<bool> remarks{
      *this, "remarks",
      llvm::cl::desc("remarks with the memory plan and the program's cost"),
      llvm::cl::init(false)};
};

/// hcgs-set-target, hcgs-legalize-masks, hcgs-quantize, hcgs-plan and
/// hcgs-lower-to-isa: from imported hcgs IR to an hcgs_isa.program
/// (buildQuantizePipeline, then buildLoweringPipeline).
void buildCompilePipeline(mlir::OpPassManager &pm,
                          const CompilePipelineOptions &options);
/// hcgs-set-target, hcgs-legalize-masks and hcgs-quantize: imported hcgs IR
/// to quantized hcgs IR.
void buildQuantizePipeline(mlir::OpPassManager &pm,
                           const CompilePipelineOptions &options);
/// hcgs-plan and hcgs-lower-to-isa: quantized hcgs IR to an
/// hcgs_isa.program.
void buildLoweringPipeline(mlir::OpPassManager &pm,
                           const CompilePipelineOptions &options);

/// Registers hcgs-compile-pipeline.
void registerCompilePipeline();

} // namespace hcgs

#endif // HCGS_CONVERSION_HCGSTOISA_PASSES_H
