//===- Sizes.h - capped sizes and stream walks of MachineCode --*- C++ -*-===//
//
// What the shapes, the checks and the cost model all use: products that
// saturate far below int64 overflow, and walking a stream with its loops.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_RUNTIME_MACHINECODE_SIZES_H
#define HCGS_LIB_RUNTIME_MACHINECODE_SIZES_H

#include "hcgs/Runtime/MachineCode/Encoding.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace hcgs::mc::detail {

/// Products beyond this are "too large": far above any memory, far below
/// int64 overflow.
constexpr int64_t kTooLarge = int64_t(1) << 50;

/// a * b, or kTooLarge if that is larger.
inline int64_t mulCapped(int64_t a, int64_t b) {
  if (a == 0 || b == 0)
    return 0;
  if (a >= kTooLarge || b >= kTooLarge || a > kTooLarge / b)
    return kTooLarge;
  return std::min(a * b, kTooLarge);
}

inline int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

inline std::string str(int64_t value) { return std::to_string(value); }

/// Calls `visit(instruction, inLoop)` for each instruction of a stream that
/// decodeStream accepted.
template <typename Fn>
void forEachWithLoopFlag(const std::vector<enc::Instruction> &instructions,
                         Fn visit) {
  uint64_t remaining = 0;
  for (const enc::Instruction &instruction : instructions) {
    bool inLoop = remaining > 0;
    if (inLoop)
      --remaining;
    visit(instruction, inLoop);
    if (const auto *loop = std::get_if<enc::LoopInst>(&instruction))
      remaining = loop->body;
  }
}

} // namespace hcgs::mc::detail

#endif // HCGS_LIB_RUNTIME_MACHINECODE_SIZES_H
