//===- LookupTables.cpp - activation functions as lookup tables -----------===//

#include "LookupTables.h"

#include "hcgs/Runtime/MachineCode/Program.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>

using namespace hcgs;
using namespace hcgs::lower;

int64_t LookupTable::getBytes(const Target &target) const {
  return mc::packedBytes(2 * segments, target.lutEntryBits);
}

std::string LookupTable::getKey() const {
  std::string key;
  llvm::raw_string_ostream os(key);
  os << function << ' ' << inputFrac << ' ' << output << ' '
     << llvm::format_hex(llvm::bit_cast<uint64_t>(range), 18) << ' ' << segments
     << ' ' << shift << ' ' << clip;
  return key;
}

std::string lower::planLookupTable(ActivationAttr function, int32_t inputFrac,
                                   FixedPointAttr output, double range,
                                   const Target &target, LookupTable &table) {
  table = LookupTable{function, inputFrac, output, range};
  if (!(range > 0.0) || !std::isfinite(range))
    return "its table range " + std::to_string(range) + " is not positive";
  // Input codes beyond 2^47 never reach a table (accumulators have at most
  // 48 bits).
  double codes = std::floor(std::ldexp(range, inputFrac));
  table.clip =
      static_cast<int64_t>(std::clamp(codes, 1.0, std::ldexp(1.0, 47)));
  // (segments / 2) * 2^shift must reach the clip.
  uint64_t wanted = llvm::PowerOf2Ceil(2 * static_cast<uint64_t>(table.clip));
  table.segments = std::clamp<int64_t>(static_cast<int64_t>(wanted), 2,
                                       target.lutMaxSegments);
  while ((table.segments / 2) << table.shift < table.clip)
    ++table.shift;
  if (table.shift + target.lutEntryBits > 62)
    return "its table needs segments of 2^" + std::to_string(table.shift) +
           " input codes, more than lut_entry_bits " +
           std::to_string(target.lutEntryBits) + " allows (shift + bits <= 62)";
  return "";
}

std::string lower::buildLookupTable(const LookupTable &table,
                                    const Target &target,
                                    std::vector<int64_t> &entries) {
  // Codes are not saturated here: the machine saturates a lookup's result
  // to act_bits, so a table whose end lies beyond the output format still
  // interpolates its last segment at the right slope.
  bool tiesToEven = target.rounding == Rounding::NearestEven;
  int32_t outputFrac = table.output.getFracBits()[0];
  auto outputCode = [&](double input) {
    double clamped = std::clamp(input, -table.range, table.range);
    double scaled = std::ldexp(table.function.evaluate(clamped), outputFrac);
    double rounded = tiesToEven ? std::nearbyint(scaled) : std::round(scaled);
    return static_cast<int64_t>(std::clamp(rounded, -0x1p62, 0x1p62));
  };
  int64_t width = int64_t(1) << table.shift;
  int64_t first = -(table.segments / 2) * width;
  int64_t low = -(int64_t(1) << (target.lutEntryBits - 1));
  int64_t high = (int64_t(1) << (target.lutEntryBits - 1)) - 1;
  entries.clear();
  entries.reserve(2 * table.segments);
  for (int64_t s = 0; s < table.segments; ++s) {
    double start = std::ldexp(double(first + s * width), -table.inputFrac);
    double end = std::ldexp(double(first + (s + 1) * width), -table.inputFrac);
    // Limits from inside the segment: a function that jumps at a boundary
    // (thresholded relu) is exact everywhere but at the boundary itself.
    int64_t base = outputCode(std::nextafter(start, HUGE_VAL));
    int64_t rise = outputCode(std::nextafter(end, -HUGE_VAL)) - base;
    for (int64_t entry : {base, rise})
      if (entry < low || entry > high)
        return "its table entry " + std::to_string(entry) + " (segment " +
               std::to_string(s) + ") does not fit lut_entry_bits " +
               std::to_string(target.lutEntryBits);
    entries.push_back(base);
    entries.push_back(rise);
  }
  return "";
}
