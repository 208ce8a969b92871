//===- TensorCompare.cpp - error of a tensor against a reference ----------===//

#include "hcgs/Runtime/Tensor/TensorCompare.h"

#include "llvm/ADT/APFloat.h"

#include <cmath>
#include <limits>

using namespace hcgs;

std::vector<double> hcgs::getValuesAsDoubles(const Tensor &tensor) {
  auto convert = [&](auto typed) {
    llvm::ArrayRef<decltype(typed)> values =
        tensor.getValues<decltype(typed)>();
    return std::vector<double>(values.begin(), values.end());
  };
  switch (tensor.getElementType()) {
  case ElementType::Bool:
    return convert(bool());
  case ElementType::Int8:
    return convert(int8_t());
  case ElementType::UInt8:
    return convert(uint8_t());
  case ElementType::Int16:
    return convert(int16_t());
  case ElementType::UInt16:
    return convert(uint16_t());
  case ElementType::Int32:
    return convert(int32_t());
  case ElementType::UInt32:
    return convert(uint32_t());
  case ElementType::Int64:
    return convert(int64_t());
  case ElementType::UInt64:
    return convert(uint64_t());
  case ElementType::Float32:
    return convert(float());
  case ElementType::Float64:
    return convert(double());
  case ElementType::Float16: {
    std::vector<double> values;
    values.reserve(tensor.getNumElements());
    llvm::ArrayRef<uint8_t> bytes = tensor.getBytes();
    for (size_t i = 0; i < bytes.size(); i += 2) {
      llvm::APFloat half(llvm::APFloat::IEEEhalf(),
                         llvm::APInt(16, bytes[i] | (bytes[i + 1] << 8)));
      bool losesInfo;
      half.convert(llvm::APFloat::IEEEdouble(),
                   llvm::APFloat::rmNearestTiesToEven, &losesInfo);
      values.push_back(half.convertToDouble());
    }
    return values;
  }
  }
  llvm_unreachable("unknown element type");
}

llvm::Expected<TensorComparison> hcgs::compareTensors(const Tensor &actual,
                                                      const Tensor &expected) {
  if (actual.getShape() != expected.getShape())
    return llvm::createStringError("shape " + formatShape(actual.getShape()) +
                                   " differs from the expected " +
                                   formatShape(expected.getShape()));
  std::vector<double> got = getValuesAsDoubles(actual);
  std::vector<double> want = getValuesAsDoubles(expected);
  constexpr double kInf = std::numeric_limits<double>::infinity();
  TensorComparison result;
  double signal = 0.0, noise = 0.0;
  for (size_t i = 0, e = got.size(); i < e; ++i) {
    double error;
    if (std::isnan(got[i]) || std::isnan(want[i]))
      error = std::isnan(got[i]) && std::isnan(want[i]) ? 0.0 : kInf;
    else if (got[i] == want[i])
      error = 0.0; // Also equal infinities, whose difference is NaN.
    else
      error = std::fabs(got[i] - want[i]);
    result.maxAbsError = std::max(result.maxAbsError, error);
    noise += error * error;
    if (std::isfinite(want[i]))
      signal += want[i] * want[i];
  }
  result.sqnrDb = noise == 0.0 ? kInf : 10.0 * std::log10(signal / noise);
  return result;
}
