//===- HCGSDialect.td - the model-level hcgs dialect ------------*- tablegen -*-===//
//
// The hcgs dialect holds an LSTM speech model as the importer sees it: LSTM
// and fully connected layers with everything ONNX can say about them, the
// hierarchical coarse-grain sparsity (HCGS) masks of their weights, and, once
// quantized, the fixed-point formats of weights and activations.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_DIALECT_TD
#define HCGS_DIALECT_TD

include "mlir/IR/OpBase.td"

def HCGS_Dialect : Dialect {
  let name = "hcgs";
  let cppNamespace = "::hcgs";
  let summary = "LSTM and FC layers with hierarchical coarse-grain sparse weights";
  let description = [{
    Model-level ops for LSTM acoustic models: `hcgs.lstm` carries the whole
    ONNX LSTM operator, `hcgs.fc` a fully connected layer, and a few
    data-movement ops (transpose, reshape, concat, slice) connect them the way
    exporters do. Weights are `arith.constant` tensors; their HCGS structure
    is a `#hcgs.mask` attribute on the op that uses them.
  }];
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
  }];
  let hasRegionArgAttrVerify = 1;
  let hasRegionResultAttrVerify = 1;
}

class HCGS_Op<string mnemonic, list<Trait> traits = []>
    : Op<HCGS_Dialect, mnemonic, traits>;

#endif // HCGS_DIALECT_TD
