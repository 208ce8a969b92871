//===- Passes.td - from the hcgs dialect to hcgs_isa programs ---*- tablegen -*-===//

#ifndef HCGS_CONVERSION_HCGSTOISA_PASSES_TD
#define HCGS_CONVERSION_HCGSTOISA_PASSES_TD

include "mlir/Pass/PassBase.td"

def Plan : Pass<"hcgs-plan", "mlir::ModuleOp"> {
  let summary = "tile the layers, schedule them into loops and place every "
                "tensor and parameter in the target's memories";
  let description = [{
    Works on @main after hcgs-set-target, hcgs-legalize-masks and
    hcgs-quantize and decides everything about how the model runs on the
    module's target, which hcgs-lower-to-isa then carries out:
    - the schedule: the layers, in program order, are grouped into segments,
      each a hardware loop over the time steps or a run of layers outside any
      loop; a layer joins the open loop when everything it reads is ready in
      that loop (a unidirectional stack runs in one loop, reading each
      layer's hidden state from activation memory);
    - tiles: each layer's rows are cut into tiles and its batch into ranges
      so that a tile's accumulators fit ACC and its batch the length
      registers;
    - placement: weight streams in WMEM, indexes in IMEM, row shifts,
      biases, peepholes, lookup tables and constant lengths in PMEM (equal
      lookup tables are stored once), LSTM states and per-step staging in
      AMEM, accumulators in ACC, and the model's inputs, outputs and
      sequences that cross segments in IOM, where a layer writes straight
      into the output or concatenation its result ends up in when it can;
    - the check that every memory holds what it must, with an error naming
      the memory, what is needed and what the target has.
    The plan is written as hcgs_isa attributes, which the ISA dialect
    verifies (lib/Conversion/HCGSToISA/Plan.h): `hcgs_isa.memory_map`
    (every placed range, as `#hcgs_isa.symbol`), `hcgs_isa.segments`
    (`#hcgs_isa.segment<loop>` or `<once>`) and `hcgs_isa.max_seq_len` on
    @main, `hcgs_isa.schedule` (`#hcgs_isa.schedule<...>`: segment, tiles)
    on each layer and copy, and `hcgs_isa.place` / `hcgs_isa.stage` (where
    each result lives: a `#hcgs_isa.view<...>`, strided, of IOM, or of AMEM
    for one time step) on the ops, arguments and results.
  }];
  let options = [
    Option<"maxSeqLen", "max-seq-len", "int64_t", "0",
           "longest sequence a program accepts when the model's sequence "
           "length is dynamic (0: the longest whose tensors fit the I/O "
           "memory, up to the target's max_seq_len)">,
    Option<"remarks", "remarks", "bool", "false",
           "emit a remark with the memory each layer and the model use">,
  ];
  let dependentDialects = ["hcgs::isa::ISADialect"];
}

def LowerToISA : Pass<"hcgs-lower-to-isa", "mlir::ModuleOp"> {
  let summary = "carry out the plan: @main becomes an hcgs_isa.program";
  let description = [{
    Replaces the planned @main by an `hcgs_isa.program` computing it on the
    module's target (docs/ISA.md section 11): packs each weight tile's
    stream and HCGS index in the index's walk order, writes per-row shifts,
    biases (Wb + Rb at the bias format), peepholes and the lookup tables of
    every activation function, and emits the instructions of each segment
    (setlen, states set up before the loop, mvm / lstm_cell / move in it,
    final states after it). The program is checked by the checker program
    files are loaded with (mc::findProgramProblem, through
    hcgs::isa::verifyProgram). With `remarks`, a remark gives the cost of one
    time step under the cost model: cycles, MACs, MAC utilization and how far
    the cycles are above MACs / lanes, and the weight and index bytes.
  }];
  let options = [
    Option<"remarks", "remarks", "bool", "false",
           "emit a remark with the program's cost per time step and its "
           "weight and index bytes">,
  ];
  let dependentDialects = ["hcgs::isa::ISADialect"];
}

#endif // HCGS_CONVERSION_HCGSTOISA_PASSES_TD
