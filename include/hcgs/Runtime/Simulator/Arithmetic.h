//===- Arithmetic.h - the machine's integer primitives ----------*- C++ -*-===//
//
// docs/ISA.md section 3 (shl, ovf), the bit fields of section 2.2, and the
// lookup table of section 4.2, on int64. Every intermediate value the ISA
// defines fits: operands of shl stay below 2^62 in magnitude and its results
// are clamped to 2^60.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_RUNTIME_SIMULATOR_ARITHMETIC_H
#define HCGS_RUNTIME_SIMULATOR_ARITHMETIC_H

#include "hcgs/Runtime/Target/Target.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace hcgs::sim {

/// The bound shl clamps its results to.
constexpr int64_t kShlLimit = int64_t(1) << 60;

/// v / 2^n rounded to an integer by `rounding`, for 1 <= n; |v| < 2^62.
/// Without branches on the data: floor((v + bias) / 2^n), the bias making
/// ties go to the even neighbour or away from zero.
inline int64_t roundShiftRight(int64_t v, int n, Rounding rounding) {
  // With |v| < 2^62 <= 2^n / 2, the nearest integer is 0 and there is no tie.
  if (n >= 63)
    return 0;
  int64_t half = int64_t(1) << (n - 1);
  int64_t bias = rounding == Rounding::NearestEven
                     ? half - 1 + ((v >> n) & 1) // ties up when floor is odd
                     : half - (v < 0);           // ties up when v >= 0
  return (v + bias) >> n;                        // arithmetic shift: floor
}

/// shl(v, s): v * 2^s, rounded for s < 0, clamped to [-2^60, 2^60].
inline int64_t shl(int64_t v, int s, Rounding rounding) {
  if (s < 0)
    return std::clamp(roundShiftRight(v, -s, rounding), -kShlLimit, kShlLimit);
  if (s > 60)
    return v > 0 ? kShlLimit : v < 0 ? -kShlLimit : 0;
  int64_t limit = kShlLimit >> s;
  return std::clamp(v, -limit, limit) * (int64_t(1) << s);
}

/// ovf_n(v): v fitted into an n-bit two's complement word, 2 <= n <= 48.
inline int64_t ovf(int64_t v, unsigned n, Overflow overflow) {
  if (overflow == Overflow::Saturate) {
    int64_t high = (int64_t(1) << (n - 1)) - 1;
    return std::clamp(v, -high - 1, high);
  }
  unsigned drop = 64 - n;
  return static_cast<int64_t>(static_cast<uint64_t>(v) << drop) >> drop;
}

/// The target's rounding and overflow rules as a type, so that hot loops
/// instantiated for them have no branches on them.
template <Rounding kRounding, Overflow kOverflow> struct Numerics {
  static constexpr Rounding rounding = kRounding;
  static constexpr Overflow overflow = kOverflow;
  static int64_t shl(int64_t v, int s) { return sim::shl(v, s, kRounding); }
  static int64_t ovf(int64_t v, unsigned n) {
    return sim::ovf(v, n, kOverflow);
  }
};

/// Calls fn(Numerics<rounding, overflow>()) and returns what it returns.
template <typename Fn>
auto withNumerics(Rounding rounding, Overflow overflow, Fn fn) {
  if (rounding == Rounding::NearestEven)
    return overflow == Overflow::Saturate
               ? fn(Numerics<Rounding::NearestEven, Overflow::Saturate>())
               : fn(Numerics<Rounding::NearestEven, Overflow::Wrap>());
  return overflow == Overflow::Saturate
             ? fn(Numerics<Rounding::NearestAway, Overflow::Saturate>())
             : fn(Numerics<Rounding::NearestAway, Overflow::Wrap>());
}

/// The low `bits` bits of `word` as a signed number (how data paths read IOM).
inline int64_t signExtend(uint64_t word, unsigned bits) {
  unsigned drop = 64 - bits;
  return static_cast<int64_t>(word << drop) >> drop;
}

/// Field `e` of `bits` (1 to 32) bits of the bit stream at byte `address`
/// (docs/ISA.md 2.2), unsigned. The memory must have 8 readable bytes from
/// the field's first byte.
inline uint64_t readUField(const uint8_t *memory, uint64_t address,
                           unsigned bits, uint64_t e) {
  uint64_t bit = e * bits;
  uint64_t chunk;
  std::memcpy(&chunk, memory + address + bit / 8, sizeof(chunk));
  return (chunk >> (bit % 8)) & ((uint64_t(1) << bits) - 1);
}

/// readUField as a two's complement number.
inline int64_t readSField(const uint8_t *memory, uint64_t address,
                          unsigned bits, uint64_t e) {
  return signExtend(readUField(memory, address, bits, e), bits);
}

/// A lookup table (docs/ISA.md 4.2) with its entries decoded: base_s at
/// entries[2s], rise_s at entries[2s + 1].
struct LutTable {
  const int32_t *entries = nullptr;
  unsigned shift = 0;   // kappa
  int64_t segments = 0; // N
  int64_t clip = 0;     // 0: none
  int64_t offset = 0;   // (N/2) * 2^kappa
  int64_t span = 0;     // N * 2^kappa

  LutTable() = default;
  LutTable(const int32_t *entries, int64_t segments, unsigned shift,
           int64_t clip)
      : entries(entries), shift(shift), segments(segments), clip(clip),
        offset((segments / 2) << shift), span(segments << shift) {}

  /// lut(L, x) before the final ovf_act; |x| < 2^48.
  int64_t lookup(int64_t x, Rounding rounding) const {
    if (clip > 0)
      x = std::clamp(x, -clip, clip);
    // Below the table: segment 0, f = 0; above: segment N - 1, f = 2^kappa.
    // Clamping u to [0, N * 2^kappa] gives both without branching.
    int64_t u = std::clamp(x + offset, int64_t(0), span);
    int64_t segment = std::min(u >> shift, segments - 1);
    int64_t f = u - (segment << shift);
    int64_t base = entries[2 * segment], rise = entries[2 * segment + 1];
    return base + shl(rise * f, -static_cast<int>(shift), rounding);
  }
};

} // namespace hcgs::sim

#endif // HCGS_RUNTIME_SIMULATOR_ARITHMETIC_H
