//===- HCGSAttrs.td - hcgs attributes ---------------------------*- tablegen -*-===//

#ifndef HCGS_ATTRS_TD
#define HCGS_ATTRS_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "hcgs/Dialect/HCGS/HCGSDialect.td"

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def HCGS_Direction : I32EnumAttr<"Direction", "direction of an LSTM layer", [
    I32EnumAttrCase<"Forward", 0, "forward">,
    I32EnumAttrCase<"Reverse", 1, "reverse">,
    I32EnumAttrCase<"Bidirectional", 2, "bidirectional">]> {
  let cppNamespace = "::hcgs";
  let genSpecializedAttr = 0;
}

def HCGS_DirectionAttr : EnumAttr<HCGS_Dialect, HCGS_Direction, "direction"> {
  let assemblyFormat = "`<` $value `>`";
}

// The activation functions the ONNX RNN operators list.
def HCGS_ActivationKind : I32EnumAttr<"ActivationKind", "LSTM activation function", [
    I32EnumAttrCase<"Relu", 0, "relu">,
    I32EnumAttrCase<"Tanh", 1, "tanh">,
    I32EnumAttrCase<"Sigmoid", 2, "sigmoid">,
    I32EnumAttrCase<"Affine", 3, "affine">,
    I32EnumAttrCase<"LeakyRelu", 4, "leaky_relu">,
    I32EnumAttrCase<"ThresholdedRelu", 5, "thresholded_relu">,
    I32EnumAttrCase<"ScaledTanh", 6, "scaled_tanh">,
    I32EnumAttrCase<"HardSigmoid", 7, "hard_sigmoid">,
    I32EnumAttrCase<"Elu", 8, "elu">,
    I32EnumAttrCase<"Softsign", 9, "softsign">,
    I32EnumAttrCase<"Softplus", 10, "softplus">]> {
  let cppNamespace = "::hcgs";
  let genSpecializedAttr = 0;
}

class HCGS_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<HCGS_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

//===----------------------------------------------------------------------===//
// Activation
//===----------------------------------------------------------------------===//

def HCGS_ActivationAttr : HCGS_Attr<"Activation", "act"> {
  let summary = "an activation function with its alpha and beta";
  let description = [{
    One activation function of an LSTM, e.g. `#hcgs.act<sigmoid>` or
    `#hcgs.act<leaky_relu, alpha = 0.01>`. Functions that take alpha or beta
    always carry them (the importer fills in the ONNX defaults), and the
    others never do.
  }];
  let parameters = (ins
    EnumParameter<HCGS_ActivationKind>:$kind,
    OptionalParameter<"::mlir::FloatAttr">:$alpha,
    OptionalParameter<"::mlir::FloatAttr">:$beta);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Evaluates the function in double precision.
    double evaluate(double x) const;
    /// Whether this kind takes an alpha / a beta parameter.
    static bool takesAlpha(ActivationKind kind);
    static bool takesBeta(ActivationKind kind);
  }];
}

//===----------------------------------------------------------------------===//
// Fixed point
//===----------------------------------------------------------------------===//

def HCGS_FixedPointAttr : HCGS_Attr<"FixedPoint", "fixed"> {
  let summary = "a two's complement or unsigned fixed-point format";
  let description = [{
    `#hcgs.fixed<i6, 5>` is a signed 6-bit integer q with value q * 2^-5.
    `ui` marks an unsigned format. The fraction may be one number for the
    whole tensor or a list with one entry per output row
    (`#hcgs.fixed<i6, [5, 7, 6]>`): a power-of-two scale per row. Fractions
    may be negative or larger than the width.
  }];
  let parameters = (ins
    "unsigned":$bits,
    "bool":$isSigned,
    ArrayRefParameter<"int32_t", "fraction bits, one or one per row">:$fracBits);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    bool isPerRow() const { return getFracBits().size() != 1; }
    /// The fraction bits that apply to `row` (per-tensor formats ignore it).
    int32_t getFracBitsForRow(int64_t row) const;
    /// Smallest and largest integer codes.
    int64_t getMinCode() const;
    int64_t getMaxCode() const;
    /// The code of `value` in the format of `row`: value * 2^frac rounded to
    /// the nearest integer (ties to even, or away from zero), saturated to
    /// the code range. NaN gives 0.
    int64_t toCode(double value, int64_t row, bool tiesToEven) const;
    /// The value a code stands for in the format of `row`.
    double fromCode(int64_t code, int64_t row) const;
    /// `value` rounded to an integer, ties to even (std::nearbyint) or away
    /// from zero (std::round), as the quantizers round; NaN stays NaN.
    static double roundToInteger(double value, bool tiesToEven);
    /// `value` rounded to the nearest value the format of `row` holds.
    double quantize(double value, int64_t row, bool tiesToEven) const {
      return fromCode(toCode(value, row, tiesToEven), row);
    }
  }];
}

//===----------------------------------------------------------------------===//
// Hierarchical block mask
//===----------------------------------------------------------------------===//

def HCGS_MaskLevelAttr : HCGS_Attr<"MaskLevel", "mask_level"> {
  let summary = "one level of a hierarchical block mask";
  let description = [{
    Cuts every block kept by the level above (or the whole matrix, at the
    first level) into `blockRows x blockCols` blocks and lists, for every
    block-row, the column indices of the blocks it keeps. The block-rows are
    stored in compressed form: row r keeps `kept[offsets[r] .. offsets[r+1])`.
    Printed as `32x32 [[0, 5], [1, 3]]`.
  }];
  let parameters = (ins
    "int64_t":$blockRows,
    "int64_t":$blockCols,
    ArrayRefParameter<"int32_t", "start of each block-row in kept">:$offsets,
    ArrayRefParameter<"int32_t", "kept block columns, row by row">:$kept);
  let hasCustomAssemblyFormat = 1;
  let extraClassDeclaration = [{
    int64_t getNumRows() const { return getOffsets().size() - 1; }
    llvm::ArrayRef<int32_t> getKeptInRow(int64_t row) const {
      return getKept().slice(getOffsets()[row],
                             getOffsets()[row + 1] - getOffsets()[row]);
    }
    /// Number of kept blocks in every row when all rows keep the same
    /// number, otherwise std::nullopt.
    std::optional<int64_t> getBalancedKeep() const;
    static MaskLevelAttr get(mlir::MLIRContext *context, int64_t blockRows,
                             int64_t blockCols,
                             llvm::ArrayRef<llvm::SmallVector<int32_t>> rows);
  }];
}

def HCGS_BlockMaskAttr : HCGS_Attr<"BlockMask", "mask"> {
  let summary = "hierarchical coarse-grain sparsity mask of a weight matrix";
  let description = [{
    The HCGS structure of a `rows x cols` weight matrix, level by level: the
    first level cuts the matrix (padded up to whole blocks) into blocks and
    keeps some in every block-row; each further level cuts every kept block
    of the level above into smaller blocks and keeps some in every sub-row.
    An entry is kept when its block is kept at every level.

        #hcgs.mask<64x64, 32x32 [[1], [0]], 16x16 [[0], [1], [1], [0]]>

    keeps one 32x32 block per block-row and then one 16x16 sub-block per
    sub-row: density 1/4. The mask of an LSTM's W (or R) is shared by its
    four gates, so it is `hidden_size x input_size` (or `hidden_size x
    hidden_size`).
  }];
  let parameters = (ins
    "int64_t":$rows,
    "int64_t":$cols,
    ArrayRefParameter<"MaskLevelAttr", "levels, coarsest first">:$levels);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Number of matrix entries the mask keeps (inside rows x cols).
    int64_t getNumKept() const;
    /// Kept entries over rows * cols.
    double getDensity() const;
    /// Whether every block-row of every level keeps the same number of
    /// blocks.
    bool isBalanced() const;
    /// Calls `fn(row, col, rows, cols)` for every kept block of the finest
    /// level, clipped to the matrix (blocks wholly in the padding are
    /// skipped), in the order the levels enumerate them.
    void walkKeptBlocks(
        llvm::function_ref<void(int64_t, int64_t, int64_t, int64_t)> fn) const;
    /// Dense row-major bitmap of kept entries.
    std::vector<bool> toBitmap() const;
  }];
}

//===----------------------------------------------------------------------===//
// Quantization of layers
//===----------------------------------------------------------------------===//

def HCGS_LSTMQuantAttr : HCGS_Attr<"LSTMQuant", "lstm_quant"> {
  let summary = "fixed-point formats of an LSTM layer's weights and signals";
  let description = [{
    What quantization decided for one `hcgs.lstm`: the formats of W and R
    (a power-of-two scale per row, rows of all directions in order), the
    bias (B, Wb and Rb summed) and peepholes, the gate pre-activations
    (`acc`, the accumulator), the outputs of f (`gates`: i, o and f), of g
    (`candidate`) and of h (`cell_act`), the cell state (`cell`) and the
    hidden state (`hidden`: Y and Y_h). The input's format is its producer's.
    `f_range`, `g_range` and `h_range` bound the inputs each activation
    function is tabulated over: beyond them the function's value at the
    bound is used, as the accelerator's lookup tables saturate.
  }];
  let parameters = (ins
    "FixedPointAttr":$weights,
    "FixedPointAttr":$recurrent,
    OptionalParameter<"FixedPointAttr">:$bias,
    OptionalParameter<"FixedPointAttr">:$peepholes,
    "FixedPointAttr":$acc,
    "FixedPointAttr":$gates,
    "FixedPointAttr":$candidate,
    "FixedPointAttr":$cell_act,
    "FixedPointAttr":$cell,
    "FixedPointAttr":$hidden,
    "::mlir::FloatAttr":$f_range,
    "::mlir::FloatAttr":$g_range,
    "::mlir::FloatAttr":$h_range);
  let assemblyFormat = "`<` struct(params) `>`";
}

def HCGS_FCQuantAttr : HCGS_Attr<"FCQuant", "fc_quant"> {
  let summary = "fixed-point formats of a fully connected layer";
  let description = [{
    The formats of an `hcgs.fc`'s weight (a power-of-two scale per row),
    bias, accumulated sums (`acc`) and output. The input's format is its
    producer's.
  }];
  let parameters = (ins
    "FixedPointAttr":$weights,
    OptionalParameter<"FixedPointAttr">:$bias,
    "FixedPointAttr":$acc,
    "FixedPointAttr":$output);
  let assemblyFormat = "`<` struct(params) `>`";
}

#endif // HCGS_ATTRS_TD
