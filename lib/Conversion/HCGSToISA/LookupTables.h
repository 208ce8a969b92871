//===- LookupTables.h - activation functions as lookup tables ---*- C++ -*-===//
//
// The accelerator computes every activation function with a table of
// segments, each a base and a rise in output codes, interpolated linearly
// (docs/ISA.md 4.2). A table is made for one function, the format of its
// input codes, its output format and the range of inputs it covers: inputs
// beyond the range are clipped to it, which is both ONNX's clip (folded into
// the range by quantization) and the saturation the float reference applies
// at the range's ends.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_CONVERSION_HCGSTOISA_LOOKUPTABLES_H
#define HCGS_LIB_CONVERSION_HCGSTOISA_LOOKUPTABLES_H

#include "hcgs/Dialect/HCGS/HCGSAttrs.h"
#include "hcgs/Runtime/Target/Target.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hcgs::lower {

struct LookupTable {
  ActivationAttr function;
  int32_t inputFrac = 0; // the input codes are value * 2^inputFrac
  FixedPointAttr output; // format of the results
  double range = 0.0;    // inputs are clipped to [-range, range]
  // The table's fields (docs/ISA.md 4.2).
  int64_t segments = 2, shift = 0, clip = 0;

  /// Bytes of PMEM the table takes.
  int64_t getBytes(const Target &target) const;
  /// Equal keys, equal tables (so one copy serves every user).
  std::string getKey() const;
};

/// Chooses the segments, shift and clip of a table for `function` on inputs
/// of `inputFrac` fraction bits within [-range, range]: the target's most
/// segments (fewer when the range holds fewer input codes), each 2^shift
/// codes wide, covering the clip. Returns "" or why the target cannot.
std::string planLookupTable(ActivationAttr function, int32_t inputFrac,
                            FixedPointAttr output, double range,
                            const Target &target, LookupTable &table);

/// The table's 2 * segments signed entries (base, rise per segment), or ""
/// and an error if an entry does not fit lut_entry_bits.
std::string buildLookupTable(const LookupTable &table, const Target &target,
                             std::vector<int64_t> &entries);

} // namespace hcgs::lower

#endif // HCGS_LIB_CONVERSION_HCGSTOISA_LOOKUPTABLES_H
