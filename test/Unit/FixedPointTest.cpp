//===- FixedPointTest.cpp - choosing fixed-point formats ----------------===//

#include "hcgs/Transforms/FixedPoint.h"

#include "hcgs/Dialect/HCGS/HCGSDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/MLIRContext.h"

#include "gtest/gtest.h"

#include <cmath>
#include <random>

using namespace hcgs;

namespace {

TEST(FixedPoint, FractionsCoverTheirBound) {
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

/// The squared error of `row` as `bits`-bit codes with `frac` fraction bits,
/// rounding with libm: ties to even, or else away from zero.
double squaredError(llvm::ArrayRef<float> row, unsigned bits, int32_t frac,
                    bool tiesToEven) {
  double maxCode = std::ldexp(1.0, bits - 1) - 1;
  double error = 0;
  for (float v : row) {
    double scaled = std::ldexp(double(v), frac);
    double code =
        std::clamp(tiesToEven ? std::nearbyint(scaled) : std::round(scaled),
                   -maxCode - 1, maxCode);
    error += std::pow(std::ldexp(code, -frac) - v, 2);
  }
  return error;
}

/// The least squared error of a row over the fractions from -8 to 24.
double bestError(llvm::ArrayRef<float> row, unsigned bits, int32_t *best) {
  double bestSoFar = INFINITY;
  for (int32_t frac = -8; frac <= 24; ++frac) {
    double error = squaredError(row, bits, frac, /*tiesToEven=*/true);
    if (error < bestSoFar) {
      bestSoFar = error;
      *best = frac;
    }
  }
  return bestSoFar;
}

TEST(FixedPoint, RowFractionsAreAsGoodAsAnExhaustiveSearch) {
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
      double error = squaredError(row, bits, frac, /*tiesToEven=*/true);
      EXPECT_LE(error, best * (1 + 1e-12)) << "row " << r << ", " << bits
                                            << " bits";
      clipped += std::ldexp(largest, frac) > maxCode + 0.5;
    }
    // Clipping the tail pays off for some rows.
    EXPECT_GT(clipped, 0) << bits << " bits";
  }
}

TEST(FixedPoint, RoundingIsLibm) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> mantissa(-(int64_t(1) << 53),
                                                  int64_t(1) << 53);
  std::uniform_int_distribution<int> exponent(-60, 10);
  std::vector<double> values = {0.0,  -0.0,   0.5,    -0.5,   1.5,    -1.5,
                                2.5,  -2.5,   -0.3,   0x1p51, -0x1p51, 0x1p51 - 0.5,
                                0x1p52 + 1, 0.49999999999999994, NAN, INFINITY,
                                -INFINITY};
  for (int i = 0; i < 200000; ++i)
    values.push_back(std::ldexp(double(mantissa(rng)), exponent(rng)));
  for (double value : values) {
    for (bool tiesToEven : {true, false}) {
      double expected = tiesToEven ? std::nearbyint(value) : std::round(value);
      double actual = FixedPointAttr::roundToInteger(value, tiesToEven);
      if (std::isnan(expected)) {
        EXPECT_TRUE(std::isnan(actual));
        continue;
      }
      EXPECT_EQ(actual, expected) << value << (tiesToEven ? " even" : " away");
      EXPECT_EQ(std::signbit(actual), std::signbit(expected)) << value;
    }
  }
}

TEST(FixedPoint, CodesAreLibmRounding) {
  // toCode and fromCode as ldexp and nearbyint/round define them.
  mlir::MLIRContext context;
  context.loadDialect<HCGSDialect>();
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> uniform(-3.0, 3.0);
  for (int32_t frac : {-70, -3, 0, 5, 12, 40, 1100}) {
    auto format = FixedPointAttr::get(&context, 13, true, {frac});
    for (int i = 0; i < 20000; ++i) {
      // Many values on half steps of the format, the rest anywhere.
      double value = i % 2 ? std::ldexp(std::round(uniform(rng) * 64) / 2,
                                        -frac)
                           : std::ldexp(uniform(rng), int(rng() % 40) - 20);
      for (bool tiesToEven : {true, false}) {
        double scaled = std::ldexp(value, frac);
        double rounded =
            tiesToEven ? std::nearbyint(scaled) : std::round(scaled);
        int64_t expected = static_cast<int64_t>(
            std::clamp(rounded, double(format.getMinCode()),
                       double(format.getMaxCode())));
        ASSERT_EQ(format.toCode(value, 0, tiesToEven), expected)
            << value << " at " << frac;
      }
      int64_t code = int64_t(rng() % 8192) - 4096;
      ASSERT_EQ(format.fromCode(code, 0), std::ldexp(double(code), -frac));
    }
  }
}

/// chooseRowFractions as its documentation defines it: of the fraction that
/// just holds the row's largest weight and the four after it, the first with
/// the least squared error, rounding with libm.
int32_t definedRowFraction(llvm::ArrayRef<float> row, unsigned bits,
                           bool tiesToEven) {
  double largest = 0;
  for (float v : row)
    largest = std::max(largest, std::fabs(double(v)));
  if (largest == 0)
    return static_cast<int32_t>(bits) - 1;
  int32_t first = fractionForBound(largest * (1.0 + 1e-9), bits);
  int32_t best = first;
  double bestError = INFINITY;
  for (int32_t frac = first; frac <= first + 4 && frac <= 64; ++frac) {
    double error = squaredError(row, bits, frac, tiesToEven);
    if (error < bestError) {
      bestError = error;
      best = frac;
    }
  }
  return best;
}

TEST(FixedPoint, RowFractionsFollowTheirDefinition) {
  // Weights on a grid of half steps, so that many fall on ties, and zeros.
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> halfSteps(-80, 80), shift(-6, 6);
  std::bernoulli_distribution zero(0.5);
  int64_t rows = 200, cols = 24;
  std::vector<float> matrix(rows * cols);
  for (int64_t r = 0; r < rows; ++r) {
    int scale = shift(rng);
    for (int64_t c = 0; c < cols; ++c)
      matrix[r * cols + c] =
          zero(rng) ? 0.0f : std::ldexp(float(halfSteps(rng)), scale - 1);
  }
  for (bool tiesToEven : {true, false})
    for (unsigned bits : {3u, 6u, 16u}) {
      std::vector<int32_t> fractions =
          chooseRowFractions(matrix, rows, cols, bits, tiesToEven);
      for (int64_t r = 0; r < rows; ++r)
        EXPECT_EQ(fractions[r],
                  definedRowFraction(llvm::ArrayRef(matrix).slice(r * cols, cols),
                                     bits, tiesToEven))
            << "row " << r << ", " << bits << " bits, ties "
            << (tiesToEven ? "to even" : "away");
    }
}

TEST(FixedPoint, ActivationRanges) {
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
