//===- FixedPoint.cpp - choosing fixed-point formats --------------------===//

#include "hcgs/Transforms/FixedPoint.h"

#include <algorithm>
#include <cmath>

using namespace hcgs;

int32_t hcgs::fractionForBound(double bound, unsigned bits) {
  if (!(bound > 0.0) || !std::isfinite(bound))
    return static_cast<int32_t>(bits) - 1;
  int32_t frac =
      static_cast<int32_t>(bits) - 1 - static_cast<int32_t>(std::ceil(std::log2(bound)));
  return std::clamp(frac, -64, 64);
}

double hcgs::boundOfFormat(unsigned bits, int32_t frac) {
  return std::ldexp(1.0, static_cast<int>(bits) - 1 - frac);
}

/// Squared error of quantizing `values` to signed `bits`-bit codes of
/// 2^-frac. Multiplying by a power of two is exact here (|frac| <= 64 keeps
/// every float inside the normal doubles), so this is ldexp without its cost;
/// clamping before rounding is the same as after (the bounds are integers).
static double quantizationError(llvm::ArrayRef<float> values, unsigned bits,
                                int32_t frac, bool tiesToEven) {
  double maxCode = std::ldexp(1.0, bits - 1) - 1.0;
  double minCode = -maxCode - 1.0;
  double scale = std::ldexp(1.0, frac), step = std::ldexp(1.0, -frac);
  double error = 0.0;
  for (float value : values) {
    double scaled = std::clamp(double(value) * scale, minCode, maxCode);
    double diff =
        FixedPointAttr::roundToInteger(scaled, tiesToEven) * step - value;
    error += diff * diff;
  }
  return error;
}

std::vector<int32_t> hcgs::chooseRowFractions(llvm::ArrayRef<float> matrix,
                                              int64_t rows, int64_t cols,
                                              unsigned bits, bool tiesToEven) {
  std::vector<int32_t> fractions(rows);
  // Zeros quantize exactly in every format: only the non-zero weights of a
  // row decide (of a masked matrix, the few the mask keeps).
  std::vector<float> nonZeros;
  nonZeros.reserve(cols);
  for (int64_t r = 0; r < rows; ++r) {
    nonZeros.clear();
    double largest = 0.0;
    for (float value : matrix.slice(r * cols, cols))
      if (value != 0.0f) {
        nonZeros.push_back(value);
        largest = std::max(largest, std::fabs(double(value)));
      }
    if (!(largest > 0.0)) {
      fractions[r] = static_cast<int32_t>(bits) - 1;
      continue;
    }
    // The bound of the largest weight, rounded up to a code, never clips.
    int32_t noClip = fractionForBound(largest * (1.0 + 1e-9), bits);
    int32_t best = noClip;
    double bestError = quantizationError(nonZeros, bits, noClip, tiesToEven);
    for (int32_t frac = noClip + 1; frac <= noClip + 4 && frac <= 64; ++frac) {
      double error = quantizationError(nonZeros, bits, frac, tiesToEven);
      if (error < bestError) {
        best = frac;
        bestError = error;
      }
    }
    fractions[r] = best;
  }
  return fractions;
}

double hcgs::activationOutputBound(ActivationAttr fn, double bound) {
  return std::max(std::fabs(fn.evaluate(-bound)), std::fabs(fn.evaluate(bound)));
}

std::optional<double> hcgs::activationSaturation(ActivationAttr fn) {
  double alpha = fn.getAlpha() ? fn.getAlpha().getValueAsDouble() : 0.0;
  double beta = fn.getBeta() ? fn.getBeta().getValueAsDouble() : 0.0;
  switch (fn.getKind()) {
  case ActivationKind::Sigmoid:
    return 10.0; // 1 - sigmoid(10) = 4.5e-5
  case ActivationKind::Tanh:
    return 5.0; // 1 - tanh(5) = 9.1e-5
  case ActivationKind::ScaledTanh:
    if (beta != 0.0)
      return 5.0 / std::fabs(beta);
    return std::nullopt;
  case ActivationKind::HardSigmoid:
    // Constant beyond the inputs where alpha * x + beta reaches 0 or 1.
    if (alpha != 0.0)
      return std::max(std::fabs(beta / alpha), std::fabs((1.0 - beta) / alpha));
    return std::nullopt;
  default:
    return std::nullopt;
  }
}
