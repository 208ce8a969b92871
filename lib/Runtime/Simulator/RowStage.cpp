//===- RowStage.cpp - an mvm's rows, eight at a time ----------------------===//

#include "RowStage.h"
#include "X86Intrinsics.h"

#include "hcgs/Runtime/Simulator/Arithmetic.h"

#include <cassert>

using namespace hcgs;
using namespace hcgs::sim;

bool RowStage::takesShifts(const int32_t *shifts, int64_t count) {
  for (int64_t r = 0; r < count; ++r)
    if (shifts[r] < -62 || shifts[r] > 60)
      return false;
  return true;
}

bool RowStage::shiftsLeftOnly(const int32_t *shifts, int64_t count) {
  // |sum| <= 2^31, so sum * 2^28 stays below 2^59.
  for (int64_t r = 0; r < count; ++r)
    if (shifts[r] < 0 || shifts[r] > 28)
      return false;
  return true;
}

#ifdef HCGS_X86_KERNELS

bool RowStage::isAvailable() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f");
}

namespace {

/// shl(v, s) of Arithmetic.h in each int64 lane, s in [-62, 60].
template <Rounding kRounding>
__attribute__((target("avx512f"))) inline __m512i shlLanes(__m512i v,
                                                          __m512i s) {
  const __m512i zero = _mm512_setzero_si512(), one = _mm512_set1_epi64(1);
  const __m512i limit = _mm512_set1_epi64(kShlLimit);
  // Right shifts by n = -s (n <= 62): floor((v + bias) / 2^n).
  __m512i n = _mm512_max_epi64(_mm512_sub_epi64(zero, s), zero);
  __m512i power = _mm512_sllv_epi64(one, n);
  __m512i mask = _mm512_sub_epi64(power, one);
  __m512i half = _mm512_srli_epi64(power, 1);
  __m512i bias;
  if constexpr (kRounding == Rounding::NearestEven)
    bias = _mm512_add_epi64(
        _mm512_sub_epi64(half, one),
        _mm512_and_si512(_mm512_srav_epi64(v, n), one)); // floor is odd
  else
    bias = _mm512_add_epi64(half, _mm512_srai_epi64(v, 63)); // v < 0: -1
  __m512i right =
      _mm512_srav_epi64(_mm512_add_epi64(v, _mm512_and_si512(bias, mask)), n);
  // Left shifts by l = s (l <= 60), clamped to 2^60.
  __m512i l = _mm512_max_epi64(s, zero);
  __m512i bound = _mm512_srlv_epi64(limit, l);
  __m512i left = _mm512_sllv_epi64(
      _mm512_min_epi64(_mm512_max_epi64(v, _mm512_sub_epi64(zero, bound)),
                       bound),
      l);
  __m512i value =
      _mm512_mask_blend_epi64(_mm512_cmplt_epi64_mask(s, zero), left, right);
  return _mm512_min_epi64(_mm512_max_epi64(value, _mm512_set1_epi64(-kShlLimit)),
                          limit);
}

/// shl, ovf and the sums of eight rows in int64 lanes; see Arithmetic.h for
/// the scalar definitions these follow. With kLeftOnly, every shift is a
/// plain left shift (RowStage::shiftsLeftOnly).
template <Rounding kRounding, Overflow kOverflow, bool kLeftOnly>
__attribute__((target("avx512f"))) void
runAvx512(const int32_t *sums, const int32_t *shifts, const int64_t *biasTerms,
          int64_t *acc, int64_t count, bool accumulate, unsigned accBits) {
  const __m512i high = _mm512_set1_epi64((int64_t(1) << (accBits - 1)) - 1);
  const __m512i low = _mm512_set1_epi64(-(int64_t(1) << (accBits - 1)));
  const __m128i drop = _mm_cvtsi32_si128(static_cast<int>(64 - accBits));
  for (int64_t r = 0; r < count; r += 8) {
    __mmask8 lanes =
        count - r >= 8 ? __mmask8(0xff) : __mmask8((1u << (count - r)) - 1);
    // (No lambdas here: GCC would compile them without AVX-512.)
    __m512i v = _mm512_cvtepi32_epi64(_mm512_castsi512_si256(
        _mm512_maskz_loadu_epi32(__mmask16(lanes), sums + r)));
    __m512i s = _mm512_cvtepi32_epi64(_mm512_castsi512_si256(
        _mm512_maskz_loadu_epi32(__mmask16(lanes), shifts + r)));
    __m512i value;
    if constexpr (kLeftOnly)
      value = _mm512_sllv_epi64(v, s);
    else
      value = shlLanes<kRounding>(v, s);
    if (biasTerms)
      value = _mm512_add_epi64(value,
                               _mm512_maskz_loadu_epi64(lanes, biasTerms + r));
    if (accumulate)
      value = _mm512_add_epi64(value, _mm512_maskz_loadu_epi64(lanes, acc + r));
    if constexpr (kOverflow == Overflow::Saturate)
      value = _mm512_min_epi64(_mm512_max_epi64(value, low), high);
    else
      value = _mm512_sra_epi64(_mm512_sll_epi64(value, drop), drop);
    _mm512_mask_storeu_epi64(acc + r, lanes, value);
  }
}

} // namespace

void RowStage::run(const int32_t *sums, const int32_t *shifts,
                   const int64_t *biasTerms, int64_t *acc, int64_t count,
                   bool accumulate, bool leftOnly) const {
  assert(isAvailable() && takesShifts(shifts, count));
  assert((!leftOnly || shiftsLeftOnly(shifts, count)) && "not left shifts");
  auto call = [&](auto function) {
    function(sums, shifts, biasTerms, acc, count, accumulate, accBits);
  };
  // Left shifts need no rounding (shl's clamp is unreachable).
  if (leftOnly)
    return overflow == Overflow::Saturate
               ? call(runAvx512<Rounding::NearestEven, Overflow::Saturate,
                                true>)
               : call(runAvx512<Rounding::NearestEven, Overflow::Wrap, true>);
  withNumerics(rounding, overflow, [&](auto numerics) {
    using N = decltype(numerics);
    call(runAvx512<N::rounding, N::overflow, false>);
  });
}

#else

bool RowStage::isAvailable() { return false; }

void RowStage::run(const int32_t *, const int32_t *, const int64_t *, int64_t *,
                   int64_t, bool, bool) const {
  assert(false && "no vector row stage on this machine");
}

#endif
