//===- Pipeline.cpp - hcgs-compile-pipeline -------------------------------===//

#include "hcgs/Conversion/HCGSToISA/Passes.h"
#include "hcgs/Transforms/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;

// buildQuantizePipeline and buildLoweringPipeline.
#define HCGS_PIPELINE_BUILDERS
#include "hcgs/Conversion/HCGSToISA/PipelineOptions.h.inc"

void hcgs::buildCompilePipeline(OpPassManager &pm,
                                const CompilePipelineOptions &options) {
  buildQuantizePipeline(pm, options);
  buildLoweringPipeline(pm, options);
}

void hcgs::registerCompilePipeline() {
  PassPipelineRegistration<CompilePipelineOptions>(
      "hcgs-compile-pipeline",
      "compile imported hcgs IR to an hcgs_isa.program: set the target, "
      "legalize the masks, quantize, plan and lower",
      buildCompilePipeline);
}
