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

def SetTarget : Pass<"hcgs-set-target", "mlir::ModuleOp"> {
  let summary = "choose the target the module is compiled for";
  let description = [{
    Stores the target (a preset, with a JSON file's overrides and the
    options below applied) on the module as `hcgs.target`, where every later
    pass reads it. Without this pass, passes use the `jssc2020` preset.
  }];
  let options = [
    Option<"targetName", "target", "std::string", "\"jssc2020\"",
           "target preset">,
    Option<"targetConfig", "target-config", "std::string", "\"\"",
           "JSON file whose keys override the preset's parameters">,
    Option<"weightBits", "weight-bits", "int64_t", "0",
           "override the weight width (0 keeps the target's)">,
    Option<"actBits", "act-bits", "int64_t", "0",
           "override the activation width (0 keeps the target's)">,
    Option<"memoryKB", "memory-kb", "int64_t", "0",
           "override the parameter SRAM size in kB (0 keeps the target's)">,
  ];
}

def LegalizeMasks : Pass<"hcgs-legalize-masks", "mlir::ModuleOp"> {
  let summary = "give every weight matrix an HCGS mask the target can hold";
  let description = [{
    For each LSTM weight matrix (W and R of every direction, one mask shared
    by the four gates) and each FC weight:
    - a mask already attached is verified: every weight outside it must be
      exactly zero;
    - otherwise, with `hcgs` (or a `layer-hcgs` entry for the layer), the
      weights are pruned to that structure, keeping in every block-row the
      blocks with the most weight energy;
    - otherwise the structure the weights' exact zeros reveal is found
      (models trained with HCGS masks have zeros in dropped blocks).
    Every mask is then balanced (short block-rows keep extra zero blocks)
    and checked against the target's block sizes and level count. Each
    layer gets `hcgs.energy_kept`, the fraction of its weight energy the
    masks keep.
  }];
  let options = [
    Option<"spec", "hcgs", "std::string", "\"\"",
           "prune dense weights to this structure, e.g. 32:0.25,4:0.25 "
           "(block size or RxC, and the kept fraction per block-row, level "
           "by level)">,
    ListOption<"layerSpecs", "layer-hcgs", "std::string",
               "per-layer structure, NAME=SPEC, overriding hcgs">,
  ];
  let dependentDialects = ["mlir::arith::ArithDialect"];
}

#endif // HCGS_TRANSFORMS_PASSES_TD
