//===- Pipeline.cpp - hcgs-compile-pipeline -------------------------------===//

#include "hcgs/Conversion/HCGSToISA/Passes.h"
#include "hcgs/Transforms/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;

void hcgs::buildQuantizePipeline(OpPassManager &pm,
                                 const CompilePipelineOptions &options) {
  SetTargetOptions target;
  target.targetName = options.target;
  target.targetConfig = options.targetConfig;
  target.weightBits = options.weightBits;
  target.actBits = options.actBits;
  target.memoryKB = options.memoryKB;
  pm.addPass(createSetTarget(target));

  LegalizeMasksOptions masks;
  masks.spec = options.hcgs;
  masks.layerSpecs.assign(options.layerHcgs.begin(), options.layerHcgs.end());
  pm.addPass(createLegalizeMasks(masks));

  QuantizeOptions quantize;
  quantize.calibrationFiles.assign(options.calibrate.begin(),
                                   options.calibrate.end());
  quantize.inputRange = options.inputRange;
  quantize.cellRange = options.cellRange;
  pm.addPass(createQuantize(quantize));
}

void hcgs::buildLoweringPipeline(OpPassManager &pm,
                                 const CompilePipelineOptions &options) {
  PlanOptions plan;
  plan.maxSeqLen = options.maxSeqLen;
  plan.remarks = options.remarks;
  pm.addPass(createPlan(plan));

  LowerToISAOptions lower;
  lower.remarks = options.remarks;
  pm.addPass(createLowerToISA(lower));
}

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
