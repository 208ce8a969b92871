//===- FixedPoint.h - choosing fixed-point formats --------------*- C++ -*-===//
//
// The numerics behind the quantize pass: the fraction bits that cover a
// range, the per-row weight scales that minimise the quantization error, and
// what the activation functions do to ranges.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_TRANSFORMS_FIXEDPOINT_H
#define HCGS_TRANSFORMS_FIXEDPOINT_H

#include "hcgs/Dialect/HCGS/HCGSAttrs.h"

#include "llvm/ADT/ArrayRef.h"

#include <optional>
#include <vector>

namespace hcgs {

/// The most fraction bits with which a signed `bits`-bit format still holds
/// every value of magnitude below `bound` (2^(bits-1) codes of 2^-frac).
int32_t fractionForBound(double bound, unsigned bits);

/// The largest magnitude a signed `bits`-bit format with `frac` fraction
/// bits reaches: 2^(bits-1-frac).
double boundOfFormat(unsigned bits, int32_t frac);

/// For each row of a row-major `rows x cols` matrix, the fraction bits of
/// signed `bits`-bit codes that minimise the row's squared quantization
/// error: the bound of the row's largest weight, or up to four more bits
/// that clip its long tail. All-zero rows get `bits - 1`.
std::vector<int32_t> chooseRowFractions(llvm::ArrayRef<float> matrix,
                                        int64_t rows, int64_t cols,
                                        unsigned bits, bool tiesToEven);

/// The largest |fn(x)| for |x| <= bound (every ONNX activation is monotonic,
/// so it is at an end).
double activationOutputBound(ActivationAttr fn, double bound);

/// The input magnitude beyond which `fn` is constant or within 1e-4 of its
/// limit, for functions that saturate; std::nullopt for the others.
std::optional<double> activationSaturation(ActivationAttr fn);

} // namespace hcgs

#endif // HCGS_TRANSFORMS_FIXEDPOINT_H
