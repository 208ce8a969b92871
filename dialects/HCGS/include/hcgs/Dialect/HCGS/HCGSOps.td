//===- HCGSOps.td - hcgs operations -----------------------------*- tablegen -*-===//

#ifndef HCGS_OPS_TD
#define HCGS_OPS_TD

include "mlir/IR/OpBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "hcgs/Dialect/HCGS/HCGSDialect.td"
include "hcgs/Dialect/HCGS/HCGSAttrs.td"

def HCGS_ActivationArrayAttr
    : TypedArrayAttrBase<HCGS_ActivationAttr, "array of activation functions">;
def HCGS_BlockMaskArrayAttr
    : TypedArrayAttrBase<HCGS_BlockMaskAttr, "array of block masks, one per direction">;

def HCGS_FloatTensor : RankedTensorOf<[F32]>;
def HCGS_SeqLensTensor : RankedTensorOf<[I32]>;

//===----------------------------------------------------------------------===//
// hcgs.lstm
//===----------------------------------------------------------------------===//

def HCGS_LSTMOp : HCGS_Op<"lstm", [Pure, AttrSizedOperandSegments,
                                    AttrSizedResultSegments]> {
  let summary = "an LSTM layer: the whole ONNX LSTM operator, with HCGS masks";
  let description = [{
    Computes the ONNX LSTM operator (opset 7 to 21). With layout = 0,
    X is [seq_length, batch_size, input_size], Y is
    [seq_length, num_directions, batch_size, hidden_size] and Y_h, Y_c are
    [num_directions, batch_size, hidden_size]; layout = 1 puts batch_size
    first in X, Y, Y_h, Y_c, initial_h and initial_c. W is
    [num_directions, 4*hidden_size, input_size] and R
    [num_directions, 4*hidden_size, hidden_size], gates in the order i, o, f,
    c; B is [num_directions, 8*hidden_size] (Wb then Rb); P is
    [num_directions, 3*hidden_size] (i, o, f). `activations` holds f, g, h
    for each direction. `clip` bounds the inputs of f and g (the gates,
    after the peephole term) to [-clip, clip]; the cell state going into h
    is not clipped, as ONNX Runtime computes it.

    `quant`, set by quantization, gives the fixed-point format of every
    weight and signal; the op then computes in float what the accelerator
    computes in integers, every quantized value rounded to its format.

    `w_masks` and `r_masks`, when present, give one HCGS mask per direction
    for W and R; each is shared by the four gates, so it is
    [hidden_size, input_size] (or [hidden_size, hidden_size]).

    Any of Y, Y_h and Y_c may be absent:

        %y, %yc = hcgs.lstm(%X, %W, %R) bias(%B)
            {direction = #hcgs.direction<forward>, hidden_size = 8 : i64,
             activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
            : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>,
               tensor<1x64xf32>) -> (Y: tensor<5x1x1x8xf32>, Y_c: tensor<1x1x8xf32>)
  }];
  let arguments = (ins
    HCGS_FloatTensor:$X,
    HCGS_FloatTensor:$W,
    HCGS_FloatTensor:$R,
    Optional<HCGS_FloatTensor>:$B,
    Optional<HCGS_SeqLensTensor>:$sequence_lens,
    Optional<HCGS_FloatTensor>:$initial_h,
    Optional<HCGS_FloatTensor>:$initial_c,
    Optional<HCGS_FloatTensor>:$P,
    HCGS_DirectionAttr:$direction,
    I64Attr:$hidden_size,
    HCGS_ActivationArrayAttr:$activations,
    OptionalAttr<F32Attr>:$clip,
    DefaultValuedAttr<BoolAttr, "false">:$input_forget,
    DefaultValuedAttr<I64Attr, "0">:$layout,
    OptionalAttr<HCGS_BlockMaskArrayAttr>:$w_masks,
    OptionalAttr<HCGS_BlockMaskArrayAttr>:$r_masks,
    OptionalAttr<HCGS_LSTMQuantAttr>:$quant);
  let results = (outs
    Optional<HCGS_FloatTensor>:$Y,
    Optional<HCGS_FloatTensor>:$Y_h,
    Optional<HCGS_FloatTensor>:$Y_c);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int64_t getNumDirections() {
      return getDirection() == Direction::Bidirectional ? 2 : 1;
    }
  }];
}

//===----------------------------------------------------------------------===//
// hcgs.fc
//===----------------------------------------------------------------------===//

def HCGS_FCOp : HCGS_Op<"fc", [Pure]> {
  let summary = "a fully connected layer: y = x * W^T + b";
  let description = [{
    Multiplies the last dimension of `x` ([..., in]) by W^T, W being
    [out, in], and adds the optional bias b [out]: the output layer of a
    speech model. `mask`, when present, is the HCGS mask of W; `quant`, set
    by quantization, the fixed-point formats of the layer.

        %y = hcgs.fc %x, %w, %b : (tensor<5x1x64xf32>, tensor<48x64xf32>,
                                   tensor<48xf32>) -> tensor<5x1x48xf32>
  }];
  let arguments = (ins
    HCGS_FloatTensor:$input,
    HCGS_FloatTensor:$weight,
    Optional<HCGS_FloatTensor>:$bias,
    OptionalAttr<HCGS_BlockMaskAttr>:$mask,
    OptionalAttr<HCGS_FCQuantAttr>:$quant);
  let results = (outs HCGS_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Data movement between layers
//===----------------------------------------------------------------------===//

def HCGS_TransposeOp : HCGS_Op<"transpose", [Pure]> {
  let summary = "permutes the dimensions of a tensor";
  let description = [{
    Output dimension i is input dimension `permutation[i]`, as ONNX
    Transpose.
  }];
  let arguments = (ins HCGS_FloatTensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs HCGS_FloatTensor:$output);
  let assemblyFormat = [{
    $input $permutation attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def HCGS_ReshapeOp : HCGS_Op<"reshape", [Pure]> {
  let summary = "reinterprets a tensor with a new shape";
  let description = [{
    Keeps the row-major order of the elements and gives them the result's
    shape. Squeeze, Unsqueeze, Flatten and Reshape all import as this op. At
    most one result dimension may be dynamic, and only when the input has a
    dynamic dimension that it absorbs.
  }];
  let arguments = (ins HCGS_FloatTensor:$input);
  let results = (outs HCGS_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def HCGS_ConcatOp : HCGS_Op<"concat", [Pure]> {
  let summary = "joins tensors along one dimension";
  let arguments = (ins Variadic<HCGS_FloatTensor>:$inputs, I64Attr:$axis);
  let results = (outs HCGS_FloatTensor:$output);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type($inputs, results)
  }];
  let hasVerifier = 1;
}

def HCGS_SliceOp : HCGS_Op<"slice", [Pure]> {
  let summary = "takes a strided window of a tensor";
  let description = [{
    For every dimension d, output index j reads input index
    `offsets[d] + j * strides[d]`; the output shape gives the counts.
    Strides are positive. ONNX Slice, Split and Gather with a constant
    scalar index (followed by a reshape) import as this op.
  }];
  let arguments = (ins HCGS_FloatTensor:$input, DenseI64ArrayAttr:$offsets,
                       DenseI64ArrayAttr:$strides);
  let results = (outs HCGS_FloatTensor:$output);
  let assemblyFormat = [{
    $input `offsets` `=` $offsets `strides` `=` $strides attr-dict
    `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

#endif // HCGS_OPS_TD
