//===- HostIO.cpp - the host side (docs/ISA.md 10) ------------------------===//

#include "Machine.h"

using namespace hcgs;
using namespace hcgs::sim;
using hcgs::mc::quoteTensorName;

namespace {

/// Row-major strides of a tensor in IOM, the sequence dimension at
/// `maxSeqLen` (docs/ISA.md 10).
std::vector<int64_t> getIOStrides(const mc::TensorDesc &desc,
                                  int64_t maxSeqLen) {
  std::vector<int64_t> strides(desc.shape.size(), 1);
  for (size_t dim = desc.shape.size(); dim-- > 1;)
    strides[dim - 1] =
        strides[dim] * (desc.shape[dim] == mc::TensorDesc::kSeqDim
                            ? maxSeqLen
                            : desc.shape[dim]);
  return strides;
}

/// Calls `visit(flatIndex, ioOffset)` for every element of `shape` (the
/// tensor at the run's T) in row-major order.
template <typename Fn>
void forEachElement(const std::vector<int64_t> &shape,
                    const std::vector<int64_t> &strides, Fn visit) {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  // The usual case, a tensor laid out as it is in memory (the sequence
  // dimension first, or T = max_seq_len): offsets are the flat indices.
  bool contiguous = true;
  for (size_t dim = shape.size(), stride = 1; dim-- > 0;) {
    contiguous &= shape[dim] == 1 || strides[dim] == int64_t(stride);
    stride *= shape[dim];
  }
  if (contiguous) {
    for (int64_t flat = 0; flat < count; ++flat)
      visit(flat, flat);
    return;
  }
  std::vector<int64_t> index(shape.size(), 0);
  int64_t offset = 0;
  for (int64_t flat = 0; flat < count; ++flat) {
    visit(flat, offset);
    for (size_t dim = shape.size(); dim-- > 0;) {
      offset += strides[dim];
      if (++index[dim] < shape[dim])
        break;
      offset -= strides[dim] * shape[dim];
      index[dim] = 0;
    }
  }
}

} // namespace

/// quantize with `scale` = 2^fracBits, computed once per tensor.
static int64_t quantizeScaled(float value, double scale, int32_t fracBits,
                              unsigned bits, Rounding rounding,
                              Overflow overflow) {
  assert(!std::isnan(value) && "NaN has no code");
  int64_t high = (int64_t(1) << (bits - 1)) - 1;
  if (std::isinf(value))
    return value > 0 ? high : -high - 1;
  // Usually value * 2^fracBits is exact in a double (a float times a power
  // of two within range) and below 2^52, where the FPU rounds it to an
  // integer exactly: nearbyint ties to even (the default rounding mode),
  // round away from zero.
  double scaled = static_cast<double>(value) * scale;
  if (std::fabs(scaled) < 0x1p52)
    return ovf(static_cast<int64_t>(rounding == Rounding::NearestEven
                                        ? std::nearbyint(scaled)
                                        : std::round(scaled)),
               bits, overflow);
  // Otherwise, exactly: value = mantissa * 2^exponent, |mantissa| < 2^24.
  int exponent;
  float fraction = std::frexp(value, &exponent);
  int64_t mantissa = static_cast<int64_t>(std::ldexp(fraction, 24));
  int64_t shift = int64_t(exponent) - 24 + fracBits;
  // shift >= 0 here. A multiple of 2^bits wraps to 0, anything else is
  // below 2^40; saturation only needs shl's clamp to keep the sign.
  int64_t code =
      overflow == Overflow::Wrap && shift >= bits
          ? 0
          : shl(mantissa, static_cast<int>(std::min<int64_t>(shift, 62)),
                rounding);
  return ovf(code, bits, overflow);
}

int64_t sim::quantize(float value, int32_t fracBits, unsigned bits,
                      Rounding rounding, Overflow overflow) {
  return quantizeScaled(value, std::ldexp(1.0, fracBits), fracBits, bits,
                        rounding, overflow);
}

Expected<int64_t>
Simulator::Impl::getSeqLen(const std::vector<HostTensor> &inputs) const {
  if (inputs.size() != desc.inputs.size())
    return fail("the program has " + llvm::Twine(desc.inputs.size()) +
                " inputs, got " + llvm::Twine(inputs.size()));
  std::optional<int64_t> found;
  const std::string *foundName = nullptr;
  for (auto [tensorDesc, tensor] : llvm::zip(desc.inputs, inputs)) {
    if (tensor.shape.size() != tensorDesc.shape.size())
      return fail("input " + quoteTensorName(tensorDesc.name) + " has rank " +
                  llvm::Twine(tensor.shape.size()) + ", the program's has " +
                  llvm::Twine(tensorDesc.shape.size()));
    for (auto [dim, extent] : llvm::zip(tensorDesc.shape, tensor.shape)) {
      if (dim != mc::TensorDesc::kSeqDim)
        continue;
      if (found && *found != extent)
        return fail("inputs " + quoteTensorName(*foundName) + " and " +
                    quoteTensorName(tensorDesc.name) +
                    " disagree on the sequence length: " + llvm::Twine(*found) +
                    " and " + llvm::Twine(extent));
      found = extent;
      foundName = &tensorDesc.name;
    }
  }
  int64_t length = found.value_or(desc.maxSeqLen);
  if (length < 1 || length > desc.maxSeqLen)
    return fail("sequence length " + llvm::Twine(length) +
                " is outside 1 to the program's max_seq_len " +
                llvm::Twine(desc.maxSeqLen));
  return length;
}

llvm::Error
Simulator::Impl::writeInputs(const std::vector<HostTensor> &inputs) {
  for (auto [tensorDesc, tensor] : llvm::zip(desc.inputs, inputs)) {
    std::string name = quoteTensorName(tensorDesc.name);
    int64_t count = 1;
    for (auto [dim, extent] : llvm::zip(tensorDesc.shape, tensor.shape)) {
      if (dim != mc::TensorDesc::kSeqDim && dim != extent)
        return fail("input " + name + " has shape dimension " +
                    llvm::Twine(extent) + " where the program has " +
                    llvm::Twine(dim));
      count *= extent;
    }
    size_t given =
        tensorDesc.isLengths ? tensor.lengths.size() : tensor.data.size();
    if (given != static_cast<size_t>(count))
      return fail("input " + name + " holds " + llvm::Twine(given) +
                  " values, its shape needs " + llvm::Twine(count));
    std::vector<int64_t> strides = getIOStrides(tensorDesc, desc.maxSeqLen);
    int32_t *base = io.data() + tensorDesc.ioAddress;
    if (tensorDesc.isLengths) {
      forEachElement(tensor.shape, strides, [&](int64_t flat, int64_t offset) {
        base[offset] = tensor.lengths[flat];
      });
      continue;
    }
    for (size_t flat = 0; flat < tensor.data.size(); ++flat)
      if (std::isnan(tensor.data[flat]))
        return fail("input " + name + " element " + llvm::Twine(flat) +
                    " is NaN");
    double scale = std::ldexp(1.0, tensorDesc.fracBits);
    forEachElement(tensor.shape, strides, [&](int64_t flat, int64_t offset) {
      base[offset] = static_cast<int32_t>(
          quantizeScaled(tensor.data[flat], scale, tensorDesc.fracBits, actBits,
                         rounding, overflow));
    });
  }
  return llvm::Error::success();
}

std::vector<HostTensor> Simulator::Impl::readOutputs() const {
  std::vector<HostTensor> outputs;
  for (const mc::TensorDesc &tensorDesc : desc.outputs) {
    HostTensor &tensor = outputs.emplace_back();
    tensor.shape = tensorDesc.shape;
    int64_t count = 1;
    for (int64_t &dim : tensor.shape) {
      if (dim == mc::TensorDesc::kSeqDim)
        dim = seqLen;
      count *= dim;
    }
    std::vector<int64_t> strides = getIOStrides(tensorDesc, desc.maxSeqLen);
    const int32_t *base = io.data() + tensorDesc.ioAddress;
    if (tensorDesc.isLengths) {
      tensor.lengths.resize(count);
      forEachElement(tensor.shape, strides, [&](int64_t flat, int64_t offset) {
        tensor.lengths[flat] = base[offset];
      });
      continue;
    }
    tensor.data.resize(count);
    // code * 2^-f is exact in a float: codes have at most 16 bits and
    // 2^-f, |f| <= 64, is a normal float.
    float scale = std::ldexp(1.0f, -tensorDesc.fracBits);
    forEachElement(tensor.shape, strides, [&](int64_t flat, int64_t offset) {
      int64_t code = signExtend(static_cast<uint32_t>(base[offset]), actBits);
      tensor.data[flat] = static_cast<float>(code) * scale;
    });
  }
  return outputs;
}
