//===- TensorIOInternal.h - helpers shared by the tensor readers -*- C++
//-*-===//

#ifndef HCGS_LIB_RUNTIME_TENSOR_TENSORIOINTERNAL_H
#define HCGS_LIB_RUNTIME_TENSOR_TENSORIOINTERNAL_H

#include "hcgs/Runtime/Tensor/Tensor.h"

namespace hcgs::detail {

/// Checks that every byte of a bool tensor is 0 or 1, the only values a C++
/// bool may hold.
llvm::Error checkBoolBytes(const Tensor &tensor);

} // namespace hcgs::detail

#endif // HCGS_LIB_RUNTIME_TENSOR_TENSORIOINTERNAL_H
