//===- RowStage.h - an mvm's rows, eight at a time --------------*- C++ -*-===//
//
// The last stage of an mvm (docs/ISA.md 6.3) for rows whose accumulators
// are contiguous:
//
//   acc[r] = ovf_acc(shl(sums[r], shifts[r]) + biasTerms[r] (+ acc[r]))
//
// with AVX-512 when the machine has it. The simulator's scalar loop is the
// reference and handles every other case; tests compare the two.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_RUNTIME_SIMULATOR_ROWSTAGE_H
#define HCGS_LIB_RUNTIME_SIMULATOR_ROWSTAGE_H

#include "hcgs/Runtime/Target/Target.h"

#include <cstdint>

namespace hcgs::sim {

struct RowStage {
  Rounding rounding;
  Overflow overflow;
  unsigned accBits;

  /// Whether this machine runs the vector stage.
  static bool isAvailable();
  /// Whether the vector stage takes these shifts: all in [-62, 60].
  static bool takesShifts(const int32_t *shifts, int64_t count);
  /// Whether shl of any int32 sum by each of these shifts is a plain left
  /// shift: all in [0, 28], so no result reaches shl's clamp at 2^60.
  static bool shiftsLeftOnly(const int32_t *shifts, int64_t count);

  /// Requires isAvailable() and takesShifts(shifts, count); `leftOnly`
  /// requires shiftsLeftOnly(shifts, count) and skips rounding and clamping.
  /// `biasTerms` may be null.
  void run(const int32_t *sums, const int32_t *shifts, const int64_t *biasTerms,
           int64_t *acc, int64_t count, bool accumulate, bool leftOnly) const;
};

} // namespace hcgs::sim

#endif // HCGS_LIB_RUNTIME_SIMULATOR_ROWSTAGE_H
