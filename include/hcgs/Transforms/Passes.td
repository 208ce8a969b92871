//===- Passes.td - passes over the hcgs dialect -----------------*- tablegen -*-===//

#ifndef HCGS_TRANSFORMS_PASSES_TD
#define HCGS_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def MaskStats : Pass<"hcgs-mask-stats", "mlir::ModuleOp"> {
  let summary = "report the density and structure of every HCGS mask";
  let description = [{
    Emits a remark on every `hcgs.lstm` and `hcgs.fc` that carries masks:
    for each mask, its shape, the block shape and kept blocks per row of
    every level, whether its rows are balanced, and its density (kept
    entries over all entries) with the compression it gives.
  }];
}

#endif // HCGS_TRANSFORMS_PASSES_TD
