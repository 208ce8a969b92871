//===- ISAOps.td - hcgs_isa instructions and programs -----------*- tablegen -*-===//
//
// One op per instruction of docs/ISA.md section 6. The argument order of an
// instruction is its encoding order (section 8): change it and the encoding
// changes, which the golden-encoding tests catch and which needs a program
// schema version bump.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_ISA_OPS_TD
#define HCGS_ISA_OPS_TD

include "mlir/IR/SymbolInterfaces.td"
include "hcgs/Dialect/ISA/ISAAttrs.td"

// The batch range every vector instruction ends with (docs/ISA.md 4.5).
defvar BatchStart = ISA_UIntAttr<12>;
defvar BatchCount = ISA_UIntAttr<12>;

//===----------------------------------------------------------------------===//
// Control
//===----------------------------------------------------------------------===//

def ISA_LoopOp : ISA_Inst<"loop", 1, [SingleBlock, NoTerminator]> {
  let summary = "runs its body once per time step";
  let description = [{
    Runs the body for k = 0 .. T-1, T being the run's sequence length. The
    body may not contain a loop. Encoded as the number of instructions in
    the body, which follow it.

        hcgs_isa.loop {
          hcgs_isa.mvm ...
        }
  }];
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$body attr-dict";
  let encBodyBits = 16;
}

def ISA_SetLenOp : ISA_Inst<"setlen", 2> {
  let summary = "loads the per-batch-entry sequence lengths";
  let description = [{
    LEN[b] for b in the batch range becomes T (`seq`), the 32-bit IOM words
    from `address` (`io`) or the 16-bit PMEM fields from byte `address`
    (`param`).

        hcgs_isa.setlen io[440000] batch(0, 4)
  }];
  let arguments = (ins
    ISA_SetLenSourceAttr:$source,
    ISA_UIntAttr<24>:$address,
    BatchStart:$batch_start,
    BatchCount:$batch_count);
  let assemblyFormat = [{
    $source `[` $address `]` `batch` `(` $batch_start `,` $batch_count `)` attr-dict
  }];
}

//===----------------------------------------------------------------------===//
// Compute
//===----------------------------------------------------------------------===//

def ISA_MvmOp : ISA_Inst<"mvm", 3> {
  let summary = "HCGS sparse matrix times a batch of vectors";
  let description = [{
    Walks the HCGS index at `index` (IMEM), streams the packed weights at
    `weights` (WMEM) for `gates` row-sets sharing the index, multiplies with
    the inputs each kept block needs and writes, per row, the exact sum
    scaled by the row's power-of-two shift (PMEM `shifts`), plus the bias and
    the old accumulator if asked, to ACC:

        hcgs_isa.mvm <io[0], batch 440, fwd 440> len 440 -> <acc[0]>
            weights [0] index [0] shifts [0] bias <param[3072]>
            gates 4 rows 512 grid 16 x 14
            levels [#hcgs_isa.level<32x32 keep 4>, #hcgs_isa.level<4x4 keep 2>]
            batch(0, 1)
  }];
  let arguments = (ins
    ISA_VecRefAttr:$x,
    ISA_UIntAttr<16>:$x_len,
    ISA_VecRefAttr:$acc,
    UnitAttr:$accumulate,
    ISA_UIntAttr<24>:$weights,
    ISA_UIntAttr<24>:$index,
    ISA_UIntAttr<24>:$shifts,
    OptionalAttr<ISA_PVecAttr>:$bias,
    ISA_UIntAttr<3>:$gates,
    ISA_UIntAttr<16>:$rows,
    ISA_UIntAttr<12>:$row_blocks,
    ISA_UIntAttr<12>:$col_blocks,
    ISA_LevelArrayAttr:$levels,
    BatchStart:$batch_start,
    BatchCount:$batch_count);
  let assemblyFormat = [{
    $x `len` $x_len `->` $acc (`accumulate` $accumulate^)?
    `weights` `[` $weights `]` `index` `[` $index `]` `shifts` `[` $shifts `]`
    (`bias` $bias^)?
    `gates` $gates `rows` $rows `grid` $row_blocks `x` $col_blocks
    `levels` $levels
    `batch` `(` $batch_start `,` $batch_count `)` attr-dict
  }];
}

def ISA_LstmCellOp : ISA_Inst<"lstm_cell", 4> {
  let summary = "LSTM cell update from gate pre-activations";
  let description = [{
    Reads the i, o, f, c pre-activations from ACC, applies peepholes, clip
    (in the tables), the f, g, h tables and input_forget, updates the cell
    state `c` and hidden state `h` of active batch entries and writes h (or
    zero for a padding step) to `y`:

        hcgs_isa.lstm_cell <acc[0]> -> c <act[512]> h <act[0]>
            y <io[0], batch 512, fwd 512> hidden 512
            luts <param[0], segments 256, shift 8>, <param[1024], segments 256, shift 8>,
                 <param[2048], segments 256, shift 5>
            align 0, 2 shifts -12, -12 batch(0, 1)
  }];
  let arguments = (ins
    ISA_VecRefAttr:$gates,
    ISA_VecRefAttr:$c,
    ISA_VecRefAttr:$h,
    OptionalAttr<ISA_VecRefAttr>:$y,
    ISA_UIntAttr<16>:$hidden,
    ISA_LutAttr:$lut_f,
    ISA_LutAttr:$lut_g,
    ISA_LutAttr:$lut_h,
    OptionalAttr<ISA_PVecAttr>:$peepholes,
    OptionalAttr<ISA_UIntAttr<17>>:$input_forget,
    ISA_UIntAttr<6>:$fc_align,
    ISA_UIntAttr<6>:$ig_align,
    ISA_SIntAttr<8>:$c_shift,
    ISA_SIntAttr<8>:$h_shift,
    BatchStart:$batch_start,
    BatchCount:$batch_count);
  let assemblyFormat = [{
    $gates `->` `c` $c `h` $h (`y` $y^)? `hidden` $hidden
    `luts` $lut_f `,` $lut_g `,` $lut_h
    (`peepholes` $peepholes^)? (`input_forget` $input_forget^)?
    `align` $fc_align `,` $ig_align `shifts` $c_shift `,` $h_shift
    `batch` `(` $batch_start `,` $batch_count `)` attr-dict
  }];
}

def ISA_ActOp : ISA_Inst<"act", 5> {
  let summary = "lookup-table activation of a vector";
  let description = [{
        hcgs_isa.act <acc[0]> -> <act[0]> count 64
            lut <param[0], segments 256, shift 4> batch(0, 1)
  }];
  let arguments = (ins
    ISA_VecRefAttr:$src,
    ISA_VecRefAttr:$dst,
    ISA_UIntAttr<16>:$count,
    ISA_LutAttr:$lut,
    BatchStart:$batch_start,
    BatchCount:$batch_count);
  let assemblyFormat = [{
    $src `->` $dst `count` $count `lut` $lut
    `batch` `(` $batch_start `,` $batch_count `)` attr-dict
  }];
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def ISA_MoveOp : ISA_Inst<"move", 6> {
  let summary = "strided copy with a power-of-two rescale";
  let description = [{
    dst = ovf_act(shl(src, shift)): requantizes accumulators (FC outputs)
    and moves data between layers, inputs, outputs and states.

        hcgs_isa.move <acc[0]> -> <io[0], batch 48, fwd 48> count 48
            shift -9 batch(0, 1)
  }];
  let arguments = (ins
    ISA_VecRefAttr:$src,
    ISA_VecRefAttr:$dst,
    ISA_UIntAttr<16>:$count,
    ISA_SIntAttr<8>:$shift,
    BatchStart:$batch_start,
    BatchCount:$batch_count);
  let assemblyFormat = [{
    $src `->` $dst `count` $count `shift` $shift
    `batch` `(` $batch_start `,` $batch_count `)` attr-dict
  }];
}

def ISA_FillOp : ISA_Inst<"fill", 7> {
  let summary = "sets a vector to a constant";
  let description = [{
        hcgs_isa.fill <act[0]> count 512 value 0 batch(0, 1)
  }];
  let arguments = (ins
    ISA_VecRefAttr:$dst,
    ISA_UIntAttr<16>:$count,
    ISA_SIntAttr<16>:$value,
    BatchStart:$batch_start,
    BatchCount:$batch_count);
  let assemblyFormat = [{
    $dst `count` $count `value` $value
    `batch` `(` $batch_start `,` $batch_count `)` attr-dict
  }];
}

//===----------------------------------------------------------------------===//
// Program
//===----------------------------------------------------------------------===//

def ISA_ProgramOp : ISA_Op<"program", [IsolatedFromAbove, SingleBlock,
                                       NoTerminator, Symbol]> {
  let summary = "a whole accelerator program";
  let description = [{
    Holds what a program file holds (docs/ISA.md section 10): the target
    parameters it was built for (`target`, every parameter of
    TargetParams.def by its key), `max_seq_len`, the input and output
    tensors, the images of weight, index and parameter memory, optional
    symbols naming memory ranges, and the instruction stream:

        hcgs_isa.program @fc attributes {
          target = {...}, max_seq_len = 16 : i64,
          inputs = [#hcgs_isa.tensor<"x", [?, 64], io 0, #hcgs.fixed<i13, 10>>],
          outputs = [...], weights = dense_resource<fc_w> : tensor<3072xi8>
        } {
          hcgs_isa.loop { ... }
        }

    The op checks what it alone can know; `hcgs::isa::verifyProgram` checks
    the program against its target.
  }];
  let arguments = (ins
    SymbolNameAttr:$sym_name,
    DictionaryAttr:$target,
    ConfinedAttr<I64Attr, [IntMinValue<1>]>:$max_seq_len,
    ISA_TensorArrayAttr:$inputs,
    ISA_TensorArrayAttr:$outputs,
    OptionalAttr<ISA_ImageAttr>:$weights,
    OptionalAttr<ISA_ImageAttr>:$index,
    OptionalAttr<ISA_ImageAttr>:$params,
    OptionalAttr<ISA_SymbolArrayAttr>:$symbols);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$sym_name attr-dict-with-keyword $body";
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
  }];
}

#endif // HCGS_ISA_OPS_TD
