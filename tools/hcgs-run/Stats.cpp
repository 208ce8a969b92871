//===- Stats.cpp - what a simulated run cost
//--------------------------------===//

#include "Stats.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <variant>

using namespace hcgs;

void hcgs::run::writeRunStats(const Target &target,
                              const sim::RunResult &lastRun,
                              llvm::raw_ostream &os, bool asTable) {
  const mc::Cost &cost = lastRun.cost;
  double seconds = cost.cycles / (target.clockMHz * 1e6);
  double energyMicroJoules = cost.getEnergyPJ(target) * 1e-6;
  double framesPerSecond = seconds > 0 ? lastRun.seqLen / seconds : 0.0;
  struct Row {
    const char *key, *label;
    std::variant<int64_t, double> value;
  };
  const Row rows[] = {
      {"seq_len", "sequence length (frames)", lastRun.seqLen},
      {"instructions", "instructions executed", cost.instructions},
      {"cycles", "cycles", cost.cycles},
      {"macs", "MACs", cost.macs},
      {"mac_utilization", "MAC utilization", cost.getMacUtilization(target)},
      {"weight_bits_read", "weight memory bits read", cost.weightBits},
      {"index_bits_read", "index memory bits read", cost.indexBits},
      {"param_bits_read", "parameter memory bits read", cost.paramBits},
      {"act_reads", "activation memory reads", cost.actReads},
      {"act_writes", "activation memory writes", cost.actWrites},
      {"acc_reads", "accumulator reads", cost.accReads},
      {"acc_writes", "accumulator writes", cost.accWrites},
      {"io_reads", "I/O memory reads", cost.ioReads},
      {"io_writes", "I/O memory writes", cost.ioWrites},
      {"seconds", "time at the target's clock (s)", seconds},
      {"frames_per_second", "frames per second", framesPerSecond},
      {"energy_uj", "energy (uJ)", energyMicroJoules},
  };
  if (asTable) {
    for (const Row &row : rows) {
      os << llvm::left_justify(row.label, 32);
      if (const auto *integer = std::get_if<int64_t>(&row.value))
        os << *integer << '\n';
      else
        os << llvm::format("%.6g", std::get<double>(row.value)) << '\n';
    }
    return;
  }
  {
    llvm::json::OStream json(os, 2);
    json.object([&] {
      json.attribute("target", target.name);
      for (const Row &row : rows) {
        if (const auto *integer = std::get_if<int64_t>(&row.value))
          json.attribute(row.key, *integer);
        else
          json.attribute(row.key, std::get<double>(row.value));
      }
    });
  }
  os << '\n';
}
