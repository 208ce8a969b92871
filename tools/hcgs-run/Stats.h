//===- Stats.h - what a simulated run cost --------------------------*- C++
//-*-===//

#ifndef HCGS_TOOLS_HCGS_RUN_STATS_H
#define HCGS_TOOLS_HCGS_RUN_STATS_H

#include "hcgs/Runtime/Simulator/Simulator.h"
#include "hcgs/Runtime/Target/Target.h"

#include "llvm/Support/Error.h"

namespace hcgs::run {

/// Writes what `run` cost on `target` (cycles, MACs, MAC utilization,
/// memory traffic, energy, frames per second): to `path` as JSON, or to
/// stdout as a table for "-".
llvm::Error writeRunStats(const Target &target, const sim::RunResult &run,
                          llvm::StringRef path);

} // namespace hcgs::run

#endif // HCGS_TOOLS_HCGS_RUN_STATS_H
