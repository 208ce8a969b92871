//===- CellStage.cpp - LSTM cell updates, one or eight at a time ----------===//
//
// The vector form of updateCell: eight cells in int64 lanes, each primitive
// as its scalar definition in Arithmetic.h (shl, ovf, the table lookup).
//
//===----------------------------------------------------------------------===//

#include "CellStage.h"
#include "X86Intrinsics.h"

#include <cassert>

using namespace hcgs;
using namespace hcgs::sim;

#ifdef HCGS_X86_KERNELS

bool sim::hasVectorCells() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") &&
         __builtin_cpu_supports("avx512dq");
}

// Every function here runs with AVX-512; GCC does not inline across target
// attributes (nor into lambdas), hence the attribute on each.
#define HCGS_AVX512 __attribute__((target("avx512f,avx512dq"))) inline

namespace {

HCGS_AVX512 __m512i splat(int64_t value) { return _mm512_set1_epi64(value); }

HCGS_AVX512 __m512i clamp(__m512i v, int64_t low, int64_t high) {
  return _mm512_min_epi64(_mm512_max_epi64(v, splat(low)), splat(high));
}

HCGS_AVX512 __m128i count(int64_t bits) { return _mm_cvtsi64_si128(bits); }

/// shl(v, s) of Arithmetic.h, s the same for every lane; |v| < 2^62.
template <Rounding kRounding> HCGS_AVX512 __m512i shlLanes(__m512i v, int s) {
  if (s < 0) {
    int n = -s;
    if (n >= 63)
      return _mm512_setzero_si512();
    int64_t half = int64_t(1) << (n - 1);
    __m512i bias;
    if constexpr (kRounding == Rounding::NearestEven)
      bias = _mm512_add_epi64(
          splat(half - 1),
          _mm512_and_si512(_mm512_sra_epi64(v, count(n)), splat(1)));
    else
      bias = _mm512_add_epi64(splat(half), _mm512_srai_epi64(v, 63));
    return clamp(_mm512_sra_epi64(_mm512_add_epi64(v, bias), count(n)),
                 -kShlLimit, kShlLimit);
  }
  if (s > 60) {
    __m512i signs = _mm512_mask_blend_epi64(
        _mm512_cmpgt_epi64_mask(v, _mm512_setzero_si512()),
        _mm512_setzero_si512(), splat(kShlLimit));
    return _mm512_mask_blend_epi64(
        _mm512_cmplt_epi64_mask(v, _mm512_setzero_si512()), signs,
        splat(-kShlLimit));
  }
  int64_t bound = kShlLimit >> s;
  return _mm512_sll_epi64(clamp(v, -bound, bound), count(s));
}

template <Overflow kOverflow>
HCGS_AVX512 __m512i ovfLanes(__m512i v, unsigned bits) {
  if constexpr (kOverflow == Overflow::Saturate)
    return clamp(v, -(int64_t(1) << (bits - 1)),
                 (int64_t(1) << (bits - 1)) - 1);
  __m128i drop = count(64 - bits);
  return _mm512_sra_epi64(_mm512_sll_epi64(v, drop), drop);
}

/// ovf_act(lut(L, x)) of docs/ISA.md 4.2 (LutTable::lookup).
template <Rounding kRounding, Overflow kOverflow>
HCGS_AVX512 __m512i lookupLanes(const LutTable &table, __m512i x,
                                unsigned actBits) {
  if (table.clip > 0)
    x = clamp(x, -table.clip, table.clip);
  __m512i u = clamp(_mm512_add_epi64(x, splat(table.offset)), 0, table.span);
  __m512i segment = _mm512_min_epi64(_mm512_sra_epi64(u, count(table.shift)),
                                     splat(table.segments - 1));
  __m512i f =
      _mm512_sub_epi64(u, _mm512_sll_epi64(segment, count(table.shift)));
  // base_s and rise_s are adjacent int32s: one 64-bit gather reads both.
  __m512i pair = _mm512_i64gather_epi64(segment, table.entries, 8);
  __m512i base = _mm512_srai_epi64(_mm512_slli_epi64(pair, 32), 32);
  __m512i rise = _mm512_srai_epi64(pair, 32);
  __m512i interpolated = shlLanes<kRounding>(_mm512_mullo_epi64(rise, f),
                                             -static_cast<int>(table.shift));
  return ovfLanes<kOverflow>(_mm512_add_epi64(base, interpolated), actBits);
}

/// Signed products of values that fit 32 bits.
HCGS_AVX512 __m512i multiply(__m512i a, __m512i b) {
  return _mm512_mul_epi32(a, b);
}

HCGS_AVX512 __m512i load32(const int32_t *data, __mmask8 lanes) {
  return _mm512_cvtepi32_epi64(
      _mm512_castsi512_si256(_mm512_maskz_loadu_epi32(__mmask16(lanes), data)));
}

template <Rounding kRounding, Overflow kOverflow>
__attribute__((target("avx512f,avx512dq"))) void
updateCellsAvx512(const CellConfig &config, const int64_t *gates,
                  const int32_t *cPrevIn, int32_t *cOut, int32_t *hOut,
                  int64_t firstCell, int64_t endCell) {
  const int64_t hidden = config.hidden;
  const unsigned actBits = config.actBits, accBits = config.accBits;
  const int32_t *peepholes = config.peepholes;
  for (int64_t j = firstCell; j < endCell; j += 8) {
    __mmask8 lanes = endCell - j >= 8 ? __mmask8(0xff)
                                      : __mmask8((1u << (endCell - j)) - 1);
    __m512i aI = _mm512_maskz_loadu_epi64(lanes, gates + j);
    __m512i aO = _mm512_maskz_loadu_epi64(lanes, gates + hidden + j);
    __m512i aF = _mm512_maskz_loadu_epi64(lanes, gates + 2 * hidden + j);
    __m512i aC = _mm512_maskz_loadu_epi64(lanes, gates + 3 * hidden + j);
    __m512i cPrev = load32(cPrevIn + j, lanes);
    if (peepholes) {
      aI = ovfLanes<kOverflow>(
          _mm512_add_epi64(
              aI,
              shlLanes<kRounding>(multiply(load32(peepholes + j, lanes), cPrev),
                                  config.peepholeShift)),
          accBits);
      aF = ovfLanes<kOverflow>(
          _mm512_add_epi64(
              aF,
              shlLanes<kRounding>(
                  multiply(load32(peepholes + 2 * hidden + j, lanes), cPrev),
                  config.peepholeShift)),
          accBits);
    }
    __m512i iT = lookupLanes<kRounding, kOverflow>(config.f, aI, actBits);
    __m512i fT =
        config.hasInputForget
            ? ovfLanes<kOverflow>(
                  _mm512_sub_epi64(splat(config.inputForget), iT), actBits)
            : lookupLanes<kRounding, kOverflow>(config.f, aF, actBits);
    __m512i gT = lookupLanes<kRounding, kOverflow>(config.g, aC, actBits);
    __m512i cT = ovfLanes<kOverflow>(
        shlLanes<kRounding>(
            _mm512_add_epi64(
                shlLanes<kRounding>(multiply(fT, cPrev), config.fcAlign),
                shlLanes<kRounding>(multiply(iT, gT), config.igAlign)),
            config.cShift),
        actBits);
    if (peepholes)
      aO = ovfLanes<kOverflow>(
          _mm512_add_epi64(
              aO, shlLanes<kRounding>(
                      multiply(load32(peepholes + hidden + j, lanes), cT),
                      config.peepholeShift)),
          accBits);
    __m512i oT = lookupLanes<kRounding, kOverflow>(config.f, aO, actBits);
    __m512i hT = ovfLanes<kOverflow>(
        shlLanes<kRounding>(multiply(oT, lookupLanes<kRounding, kOverflow>(
                                             config.h, cT, actBits)),
                            config.hShift),
        actBits);
    _mm512_mask_cvtepi64_storeu_epi32(cOut + j, lanes, cT);
    _mm512_mask_cvtepi64_storeu_epi32(hOut + j, lanes, hT);
  }
}

} // namespace

void sim::updateCells(const CellConfig &config, const int64_t *gates,
                      const int32_t *cPrev, int32_t *cOut, int32_t *hOut,
                      int64_t firstCell, int64_t endCell) {
  assert(hasVectorCells());
  assert(0 <= firstCell && firstCell <= endCell && endCell <= config.hidden);
  withNumerics(config.rounding, config.overflow, [&](auto numerics) {
    using N = decltype(numerics);
    (void)numerics;
    updateCellsAvx512<N::rounding, N::overflow>(config, gates, cPrev, cOut,
                                                hOut, firstCell, endCell);
    return true;
  });
}

#else

bool sim::hasVectorCells() { return false; }

void sim::updateCells(const CellConfig &, const int64_t *, const int32_t *,
                      int32_t *, int32_t *, int64_t, int64_t) {
  assert(false && "no vector cells on this machine");
}

#endif
