//===- TensorCompare.h - error of a tensor against a reference --*- C++ -*-===//

#ifndef HCGS_RUNTIME_TENSOR_TENSORCOMPARE_H
#define HCGS_RUNTIME_TENSOR_TENSORCOMPARE_H

#include "hcgs/Runtime/Tensor/Tensor.h"

namespace hcgs {

/// How far a tensor is from the one it should equal.
struct TensorComparison {
  /// Largest |actual - expected|; infinite where exactly one of the two is NaN
  /// or they are different infinities (equal infinities or two NaNs count 0).
  double maxAbsError = 0.0;
  /// Signal-to-quantization-noise ratio, 10 log10(sum expected^2 /
  /// sum (actual - expected)^2): +inf when the tensors are equal.
  double sqnrDb = 0.0;
};

/// Compares `actual` with `expected` element by element, both converted to
/// double (any element types). Fails when the shapes differ.
llvm::Expected<TensorComparison> compareTensors(const Tensor &actual,
                                                const Tensor &expected);

/// The elements of `tensor` converted to double.
std::vector<double> getValuesAsDoubles(const Tensor &tensor);

} // namespace hcgs

#endif // HCGS_RUNTIME_TENSOR_TENSORCOMPARE_H
