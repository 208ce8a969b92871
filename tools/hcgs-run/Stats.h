//===- Stats.h - what a simulated run cost --------------------------*- C++
//-*-===//

#ifndef HCGS_TOOLS_HCGS_RUN_STATS_H
#define HCGS_TOOLS_HCGS_RUN_STATS_H

#include "hcgs/Runtime/Simulator/Simulator.h"
#include "hcgs/Runtime/Target/Target.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace hcgs::run {

/// Writes what `run` cost on `target` (cycles, MACs, MAC utilization,
/// memory traffic, energy, frames per second) to `os`: as JSON, or as a
/// table to read.
void writeRunStats(const Target &target, const sim::RunResult &run,
                   llvm::raw_ostream &os, bool asTable);

} // namespace hcgs::run

#endif // HCGS_TOOLS_HCGS_RUN_STATS_H
