//===- QuantizationTest.cpp - choosing fixed-point formats ----------------===//

#include "hcgs/Transforms/Quantization.h"

#include "HCGS/HCGSDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/MLIRContext.h"

#include "gtest/gtest.h"

#include <cmath>
#include <random>

using namespace hcgs;

namespace {

TEST(Quantization, FractionsCoverTheirBound) {
  EXPECT_EQ(fractionForBound(1.0, 13), 12);   // [-1, 1) in 2^-12 steps
  EXPECT_EQ(fractionForBound(0.99, 13), 12);
  EXPECT_EQ(fractionForBound(1.01, 13), 11);
  EXPECT_EQ(fractionForBound(8.0, 13), 9);
  EXPECT_EQ(fractionForBound(0.3, 13), 13);
  EXPECT_EQ(fractionForBound(100.0, 6), -2);
  EXPECT_EQ(fractionForBound(0.0, 6), 5);
  EXPECT_EQ(boundOfFormat(13, 9), 8.0);
  for (double bound : {0.001, 0.3, 1.0, 7.5, 1000.0})
    EXPECT_GE(boundOfFormat(13, fractionForBound(bound, 13)), bound);
}

/// The squared error of a row at every fraction from -8 to 24.
double bestError(llvm::ArrayRef<float> row, unsigned bits, int32_t *best) {
  double bestSoFar = INFINITY;
  for (int32_t frac = -8; frac <= 24; ++frac) {
    double maxCode = std::ldexp(1.0, bits - 1) - 1;
    double error = 0;
    for (float v : row) {
      double code = std::clamp(std::nearbyint(std::ldexp(double(v), frac)),
                               -maxCode - 1, maxCode);
      error += std::pow(std::ldexp(code, -frac) - v, 2);
    }
    if (error < bestSoFar) {
      bestSoFar = error;
      *best = frac;
    }
  }
  return bestSoFar;
}

TEST(Quantization, RowFractionsAreAsGoodAsAnExhaustiveSearch) {
  // Trained weights have long tails: Laplace-like rows with rare outliers.
  std::mt19937 rng(3);
  std::exponential_distribution<float> magnitude(20.0f);
  std::bernoulli_distribution sign(0.5), outlier(0.01);
  int64_t rows = 64, cols = 128;
  std::vector<float> matrix(rows * cols);
  for (float &w : matrix)
    w = (sign(rng) ? 1 : -1) * magnitude(rng) * (outlier(rng) ? 10.0f : 1.0f);
  for (unsigned bits : {4u, 6u, 8u}) {
    std::vector<int32_t> fractions =
        chooseRowFractions(matrix, rows, cols, bits, /*tiesToEven=*/true);
    int clipped = 0;
    for (int64_t r = 0; r < rows; ++r) {
      llvm::ArrayRef<float> row = llvm::ArrayRef(matrix).slice(r * cols, cols);
      int32_t exhaustive;
      double best = bestError(row, bits, &exhaustive);
      double largest = 0;
      for (float v : row)
        largest = std::max(largest, std::fabs(double(v)));
      int32_t frac = fractions[r];
      double maxCode = std::ldexp(1.0, bits - 1) - 1;
      double error = 0;
      for (float v : row) {
        double code = std::clamp(std::nearbyint(std::ldexp(double(v), frac)),
                                 -maxCode - 1, maxCode);
        error += std::pow(std::ldexp(code, -frac) - v, 2);
      }
      EXPECT_LE(error, best * (1 + 1e-12)) << "row " << r << ", " << bits
                                            << " bits";
      clipped += std::ldexp(largest, frac) > maxCode + 0.5;
    }
    // Clipping the tail pays off for some rows.
    EXPECT_GT(clipped, 0) << bits << " bits";
  }
}

TEST(Quantization, ActivationRanges) {
  mlir::MLIRContext context;
  context.loadDialect<HCGSDialect>();
  mlir::Builder builder(&context);
  auto f32 = [&](double v) { return builder.getF32FloatAttr(v); };
  auto sigmoid = ActivationAttr::get(&context, ActivationKind::Sigmoid, {}, {});
  auto relu = ActivationAttr::get(&context, ActivationKind::Relu, {}, {});
  auto hardSigmoid = ActivationAttr::get(
      &context, ActivationKind::HardSigmoid, f32(0.2), f32(0.5));
  auto affine =
      ActivationAttr::get(&context, ActivationKind::Affine, f32(-2.0), f32(1.0));
  EXPECT_NEAR(activationOutputBound(sigmoid, 10.0), 1.0, 1e-4);
  EXPECT_EQ(activationOutputBound(relu, 3.0), 3.0);
  EXPECT_EQ(activationOutputBound(affine, 2.0), 5.0); // -2 * -2 + 1
  EXPECT_EQ(activationSaturation(sigmoid), 10.0);
  EXPECT_NEAR(activationSaturation(hardSigmoid).value_or(0), 2.5, 1e-6);
  EXPECT_FALSE(activationSaturation(relu).has_value());
}

} // namespace
