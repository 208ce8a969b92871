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
    pass reads it. Without this pass, passes use the default preset. A
    parameter that a rule of TargetParams.def bounds by an overridden one
    follows it unless also overridden. An override left at -1 is not given.
  }];
  let options = [
    Option<"targetName", "target", "std::string",
           "std::string(::hcgs::kDefaultTargetName)",
           "target preset">,
    Option<"targetConfig", "target-config", "std::string", "\"\"",
           "JSON file whose keys override the preset's parameters">,
    Option<"weightBits", "weight-bits", "int64_t",
           "::hcgs::kTargetOverrideNotGiven",
           "override the weight width (parameters it bounds follow)">,
    Option<"actBits", "act-bits", "int64_t",
           "::hcgs::kTargetOverrideNotGiven",
           "override the activation width (parameters it bounds follow, "
           "e.g. lut_entry_bits)">,
    Option<"memoryKB", "memory-kb", "int64_t",
           "::hcgs::kTargetOverrideNotGiven",
           "override the parameter SRAM size in kB, split as the target "
           "splits it">,
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

def Quantize : Pass<"hcgs-quantize", "mlir::ModuleOp"> {
  let summary = "choose the fixed-point format of every weight and signal";
  let description = [{
    Gives every `hcgs.lstm` and `hcgs.fc` a `quant` attribute and every
    float input of @main an `hcgs.format`, at the widths of the module's
    target (weights, activations, accumulators, biases):
    - weights: a power-of-two scale per output row, chosen to minimise the
      squared quantization error of the row (clipping its largest weights
      when that helps) rather than from its largest weight; the weight
      constants are rewritten to the values their codes stand for;
    - accumulators: from a bound on the gate sums that the weights and the
      input ranges guarantee, so they cannot overflow;
    - activation outputs (gates, candidate, h(c), hidden state): from the
      functions' output ranges over the inputs they are tabulated over;
    - model inputs and cell states: from the calibration data when given
      (run through the float reference), otherwise from `input-range` and
      `cell-range`.
    The quantized model still runs in the float reference (fake-quantized),
    so the error quantization adds can be measured on its own.
  }];
  let options = [
    ListOption<"calibrationFiles", "calibrate", "std::string",
               "NAME=FILE: an input (.npy or .pb) to calibrate ranges with; "
               "give every model input">,
    Option<"inputRange", "input-range", "double", "8.0",
           "bound on model inputs without calibration data">,
    Option<"cellRange", "cell-range", "double", "8.0",
           "bound on LSTM cell states without calibration data">,
  ];
  let dependentDialects = ["mlir::arith::ArithDialect"];
}

#endif // HCGS_TRANSFORMS_PASSES_TD
