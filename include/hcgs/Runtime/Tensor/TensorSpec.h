//===- TensorSpec.h - what a model expects of a tensor ----------*- C++ -*-===//

#ifndef HCGS_RUNTIME_TENSOR_TENSORSPEC_H
#define HCGS_RUNTIME_TENSOR_TENSORSPEC_H

#include "hcgs/Runtime/Tensor/Tensor.h"

#include <string>
#include <vector>

namespace hcgs {

/// A dimension whose size is not known until run time.
constexpr int64_t kDynamicDim = -1;

/// The name, element type and shape of one input or output of a model, as the
/// reference executor and the simulator both describe them.
struct TensorSpec {
  std::string name;
  ElementType type;
  /// Sizes, kDynamicDim where any size fits.
  std::vector<int64_t> shape;

  /// Whether `tensor` has this type and shape.
  bool matches(const Tensor &tensor) const;
  /// "f32 [?, 1, 4]".
  std::string describe() const;
};

/// Checks `tensors` against `specs`: every spec needs a tensor of its name,
/// element type and shape, and no other name may appear. `kind` names the
/// tensors in messages ("input"). The error lists every problem, separated
/// by "; ".
llvm::Error checkTensors(llvm::ArrayRef<TensorSpec> specs,
                         const TensorMap &tensors, llvm::StringRef kind);

} // namespace hcgs

#endif // HCGS_RUNTIME_TENSOR_TENSORSPEC_H
