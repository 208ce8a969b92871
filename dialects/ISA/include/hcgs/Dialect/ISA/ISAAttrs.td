//===- ISAAttrs.td - hcgs_isa operands and program attributes ---*- tablegen -*-===//

#ifndef HCGS_ISA_ATTRS_TD
#define HCGS_ISA_ATTRS_TD

include "hcgs/Dialect/ISA/ISAEncoding.td"

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def ISA_MemSpace : I32EnumAttr<"MemSpace", "memory a vector lives in", [
    I32EnumAttrCase<"IO", 0, "io">,
    I32EnumAttrCase<"Act", 1, "act">,
    I32EnumAttrCase<"Acc", 2, "acc">]> {
  let cppNamespace = "::hcgs::isa";
  let genSpecializedAttr = 0;
}

def ISA_TimeMode : I32EnumAttr<"TimeMode", "how a vector follows the loop", [
    I32EnumAttrCase<"None", 0, "none">,
    I32EnumAttrCase<"Forward", 1, "fwd">,
    I32EnumAttrCase<"Reverse", 2, "rev">]> {
  let cppNamespace = "::hcgs::isa";
  let genSpecializedAttr = 0;
}

// An op attribute: printed as a bare keyword (`seq`, `io`, `param`).
def ISA_SetLenSourceAttr : I32EnumAttr<"SetLenSource", "where setlen reads lengths", [
    I32EnumAttrCase<"Seq", 0, "seq">,
    I32EnumAttrCase<"IO", 1, "io">,
    I32EnumAttrCase<"Param", 2, "param">]> {
  let cppNamespace = "::hcgs::isa";
}

def ISA_Memory : I32EnumAttr<"Memory", "one of the accelerator's memories", [
    I32EnumAttrCase<"Weight", 0, "weight">,
    I32EnumAttrCase<"Index", 1, "index">,
    I32EnumAttrCase<"Param", 2, "param">,
    I32EnumAttrCase<"Act", 3, "act">,
    I32EnumAttrCase<"Acc", 4, "acc">,
    I32EnumAttrCase<"IO", 5, "io">]> {
  let cppNamespace = "::hcgs::isa";
  let genSpecializedAttr = 0;
}

def ISA_SegmentKind : I32EnumAttr<"SegmentKind", "how a segment of a program runs", [
    I32EnumAttrCase<"Loop", 0, "loop">,
    I32EnumAttrCase<"Once", 1, "once">]> {
  let cppNamespace = "::hcgs::isa";
  let genSpecializedAttr = 0;
}

//===----------------------------------------------------------------------===//
// Instruction operands (docs/ISA.md section 4)
//===----------------------------------------------------------------------===//

def ISA_VecRefAttr : ISA_StructAttr<"VecRef", "vec"> {
  let summary = "a vector in AMEM, ACC or IOM, per batch entry and step";
  let description = [{
    Word `base + i*batch_stride + t*time_stride + chunked(j)` of `space` for
    batch entry i and element j, where t follows the loop (`fwd`, or `rev`
    per sequence length) and `chunk`/`step` split j into pieces:

        #hcgs_isa.vec<io[0], batch 440, fwd 440>
        #hcgs_isa.vec<act[0], chunk 512 step 1024>
  }];
  let parameters = (ins
    ISA_EnumParam<ISA_MemSpace>:$space,
    ISA_UIntParam<24>:$base,
    ISA_UIntParam<24>:$batch_stride,
    ISA_EnumParam<ISA_TimeMode>:$time,
    ISA_UIntParam<24>:$time_stride,
    ISA_UIntParam<16>:$chunk,
    ISA_UIntParam<24>:$chunk_stride);
}

def ISA_LutAttr : ISA_StructAttr<"Lut", "lut"> {
  let summary = "a lookup table in PMEM: segments with a base and a rise";
  let description = [{
    `segments` (a power of two) segments of `2^shift` input codes each,
    centred on zero, optionally clipping the input to [-clip, clip]:

        #hcgs_isa.lut<param[4096], segments 256, shift 6, clip 24576>
  }];
  let parameters = (ins
    ISA_UIntParam<24>:$table,
    ISA_Pow2Param<4>:$segments,
    ISA_UIntParam<6>:$shift,
    ISA_UIntParam<48>:$clip);
}

def ISA_PVecAttr : ISA_StructAttr<"PVec", "pvec"> {
  let summary = "a parameter vector in PMEM with a power-of-two scale";
  let description = [{
    Biases and peepholes: `#hcgs_isa.pvec<param[2048], shift -3>`.
  }];
  let parameters = (ins
    ISA_UIntParam<24>:$address,
    ISA_SIntParam<8>:$shift);
}

def ISA_LevelAttr : ISA_StructAttr<"Level", "level"> {
  let summary = "one HCGS level of an mvm: block shape and blocks kept per row";
  let description = [{
    `#hcgs_isa.level<32x32 keep 4>` cuts into 32x32 blocks and keeps 4 in
    every block-row.
  }];
  let parameters = (ins
    ISA_Pow2Param<3>:$rows,
    ISA_Pow2Param<3>:$cols,
    ISA_UIntParam<12>:$keep);
}

def ISA_LevelArrayAttr : ISA_ArrayAttr<ISA_LevelAttr, 4>;

//===----------------------------------------------------------------------===//
// Program attributes (not instruction fields)
//===----------------------------------------------------------------------===//

def ISA_TensorAttr : AttrDef<ISA_Dialect, "Tensor"> {
  let mnemonic = "tensor";
  let summary = "an input or output tensor of a program";
  let description = [{
    A name, a shape (`?` marks the sequence dimension, whose extent is the
    run's sequence length), an IOM word address and either a fixed-point
    format or `lengths` (32-bit integers, ONNX sequence_lens):

        #hcgs_isa.tensor<"X", [?, 1, 440], io 0, #hcgs.fixed<i13, 10>>
        #hcgs_isa.tensor<"seq_lens", [4], io 1000000, lengths>

    In IOM the tensor is the row-major array of its shape with `?` at the
    program's max_seq_len.
  }];
  let parameters = (ins
    StringRefParameter<"tensor name">:$name,
    ArrayRefParameter<"int64_t", "shape, ShapedType::kDynamic for ?">:$shape,
    "uint32_t":$io_address,
    OptionalParameter<"::hcgs::FixedPointAttr", "format, absent for lengths">:$format);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    bool isLengths() const { return !getFormat(); }
  }];
}

def ISA_TensorArrayAttr
    : TypedArrayAttrBase<ISA_TensorAttr, "array of program tensors">;

def ISA_SymbolAttr : AttrDef<ISA_Dialect, "Symbol"> {
  let mnemonic = "symbol";
  let summary = "a named range of a memory, for disassembly";
  let description = [{
    `#hcgs_isa.symbol<"lstm0.W", weight[0], 49152>`: 49152 bytes (words for
    AMEM, ACC and IOM) of weight memory from address 0 hold lstm0.W.
  }];
  let parameters = (ins
    StringRefParameter<"symbol name">:$name,
    EnumParameter<ISA_Memory>:$memory,
    "uint32_t":$address,
    "uint32_t":$size);
  let hasCustomAssemblyFormat = 1;
}

def ISA_SymbolArrayAttr
    : TypedArrayAttrBase<ISA_SymbolAttr, "array of symbols">;

// A memory image: a byte vector, usually a dense_resource blob.
def ISA_ImageAttr
    : ElementsAttrBase<And<[CPred<"::llvm::isa<::mlir::ElementsAttr>($_self)">,
                            CPred<"::hcgs::isa::isMemoryImage(::llvm::cast<::mlir::ElementsAttr>($_self))">]>,
                       "memory image (1-D tensor of i8 or ui8)">;

//===----------------------------------------------------------------------===//
// The plan: what hcgs-plan decides and hcgs-lower-to-isa reads
// (lib/Conversion/HCGSToISA/Plan.h). ISADialect's attribute verifiers check
// where each may appear.
//===----------------------------------------------------------------------===//

def ISA_ViewAttr : AttrDef<ISA_Dialect, "View"> {
  let mnemonic = "view";
  let summary = "a tensor as a strided view of IOM or AMEM";
  let description = [{
    A base word and, for each logical dimension, one or more axes
    `size:stride` (stride in words, outermost first). `t` marks a time axis
    (the sequence dimension), `t?` one of dynamic size (the run's sequence
    length):

        #hcgs_isa.view<io[448] [t?:440][1:440][440:1]>
        #hcgs_isa.view<act[32] [t?:0][2:64,32:1]>

    A view of AMEM holds one step: its time axis has stride 0.
  }];
  let parameters = (ins
    EnumParameter<ISA_MemSpace>:$space,
    "int64_t":$base,
    ArrayRefParameter<"unsigned", "number of axes of each dimension">:$dim_axes,
    ArrayRefParameter<"::hcgs::isa::ViewAxis", "every axis, outermost first">:$axes);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    unsigned getRank() const { return getDimAxes().size(); }
    /// The axes of dimension `dim`.
    llvm::ArrayRef<ViewAxis> getDim(unsigned dim) const;
    /// The extent of `dim`, ShapedType::kDynamic if it has a dynamic axis.
    int64_t getDimSize(unsigned dim) const;
  }];
}

def ISA_ScheduleAttr : AttrDef<ISA_Dialect, "Schedule"> {
  let mnemonic = "schedule";
  let summary = "when and how a layer or a copy runs";
  let description = [{
    The segment (an index into the function's `hcgs_isa.segments`) and,
    for a layer, the name its memory map entries start with, its rows
    (hidden units of an LSTM) per tile and batch entries per instruction;
    0 and "" are absent:

        #hcgs_isa.schedule<name = "lstm#0", segment = 0, row_tile = 8, batch_tile = 2>
        #hcgs_isa.schedule<segment = 1>
  }];
  let parameters = (ins
    StringRefParameter<"prefix of its memory map entries", "\"\"">:$name,
    "int64_t":$segment,
    DefaultValuedParameter<"int64_t", "0", "rows per tile">:$row_tile,
    DefaultValuedParameter<"int64_t", "0", "batch entries per instruction">:$batch_tile);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def ISA_SegmentKindAttr : EnumAttr<ISA_Dialect, ISA_SegmentKind, "segment"> {
  let summary = "a segment of the program: a loop over the time steps, or once";
  let assemblyFormat = "`<` $value `>`";
}

#endif // HCGS_ISA_ATTRS_TD
