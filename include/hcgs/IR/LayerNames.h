//===- LayerNames.h - names of a model's layers -----------------*- C++ -*-===//

#ifndef HCGS_IR_LAYERNAMES_H
#define HCGS_IR_LAYERNAMES_H

#include "mlir/IR/Operation.h"

#include <string>

namespace hcgs {

/// The name a layer (an hcgs.lstm or hcgs.fc) goes by in options and
/// reports: the name of its location (the importer names each op after its
/// ONNX node), or, for IR without one, `<kind>#<n>` where n counts the ops
/// of that kind before it in its function.
std::string getLayerName(mlir::Operation *op);

} // namespace hcgs

#endif // HCGS_IR_LAYERNAMES_H
