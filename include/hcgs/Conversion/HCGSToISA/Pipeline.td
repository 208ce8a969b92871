//===- Pipeline.td - the passes hcgs-compile-pipeline runs -*- tablegen -*-===//
//
// hcgs-compile-pipeline (and hcgs-compile) runs these stages in order; its
// options are the options of their passes, derived by hcgs-tblgen
// -gen-pipeline-options into PipelineOptions.h.inc.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_CONVERSION_HCGSTOISA_PIPELINE_TD
#define HCGS_CONVERSION_HCGSTOISA_PIPELINE_TD

include "hcgs/Transforms/Passes.td"
include "hcgs/Conversion/HCGSToISA/Passes.td"

/// Passes that run one after the other; build<name>Pipeline adds them.
class PipelineStage<string stageName, list<Pass> stagePasses> {
  string name = stageName;
  list<Pass> passes = stagePasses;
}

/// Imported hcgs IR to quantized hcgs IR.
def QuantizeStage : PipelineStage<"Quantize",
                                  [SetTarget, LegalizeMasks, Quantize]>;
/// Quantized hcgs IR to an hcgs_isa.program.
def LoweringStage : PipelineStage<"Lowering", [Plan, LowerToISA]>;

#endif // HCGS_CONVERSION_HCGSTOISA_PIPELINE_TD
