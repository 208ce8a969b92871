//===- CellStage.h - LSTM cell updates, one or eight at a time --*- C++ -*-===//
//
// The arithmetic of lstm_cell (docs/ISA.md 6.4) for one cell, from its four
// gate sums and previous cell state to its new cell and hidden states, and
// the same for a whole vector of cells with AVX-512 when the machine has it.
// Where the operands live, and which entries are active, is the simulator's
// business; tests compare the two.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_RUNTIME_SIMULATOR_CELLSTAGE_H
#define HCGS_LIB_RUNTIME_SIMULATOR_CELLSTAGE_H

#include "hcgs/Runtime/Simulator/Arithmetic.h"

#include <cstdint>

namespace hcgs::sim {

/// Everything of an lstm_cell that is the same for all its cells.
struct CellConfig {
  LutTable f, g, h;
  /// 3 * hidden decoded peephole fields (i, o, f), or null.
  const int32_t *peepholes = nullptr;
  int peepholeShift = 0;
  bool hasInputForget = false;
  int64_t inputForget = 0;
  int fcAlign = 0, igAlign = 0, cShift = 0, hShift = 0;
  int64_t hidden = 0;
  unsigned actBits = 0, accBits = 0;
  Rounding rounding = Rounding::NearestEven;
  Overflow overflow = Overflow::Saturate;
};

/// Cell j: its gate sums a (i, o, f, c) and previous state cPrev give its new
/// cell state cT and hidden state hT (docs/ISA.md 6.4).
template <typename N>
inline void updateCell(const CellConfig &config, int64_t j, int64_t aI,
                       int64_t aO, int64_t aF, int64_t aC, int64_t cPrev,
                       int64_t &cT, int64_t &hT) {
  auto ovfAct = [&](int64_t v) { return N::ovf(v, config.actBits); };
  auto ovfAcc = [&](int64_t v) { return N::ovf(v, config.accBits); };
  auto lookup = [&](const LutTable &table, int64_t x) {
    return ovfAct(table.lookup(x, N::rounding));
  };
  const int32_t *peepholes = config.peepholes;
  int64_t hidden = config.hidden;
  if (peepholes) {
    aI = ovfAcc(aI + N::shl(peepholes[j] * cPrev, config.peepholeShift));
    aF = ovfAcc(
        aF + N::shl(peepholes[2 * hidden + j] * cPrev, config.peepholeShift));
  }
  int64_t iT = lookup(config.f, aI);
  int64_t fT = config.hasInputForget ? ovfAct(config.inputForget - iT)
                                     : lookup(config.f, aF);
  int64_t gT = lookup(config.g, aC);
  cT = ovfAct(N::shl(N::shl(fT * cPrev, config.fcAlign) +
                         N::shl(iT * gT, config.igAlign),
                     config.cShift));
  if (peepholes)
    aO = ovfAcc(aO + N::shl(peepholes[hidden + j] * cT, config.peepholeShift));
  int64_t oT = lookup(config.f, aO);
  hT = ovfAct(N::shl(oT * lookup(config.h, cT), config.hShift));
}

/// Whether this machine runs updateCells.
bool hasVectorCells();

/// updateCell for cells firstCell .. endCell - 1 of one batch entry:
/// gates[g * hidden + j] holds gate g of cell j, and cell j reads cPrev[j]
/// and writes cOut[j] and hOut[j]. Requires hasVectorCells().
void updateCells(const CellConfig &config, const int64_t *gates,
                 const int32_t *cPrev, int32_t *cOut, int32_t *hOut,
                 int64_t firstCell, int64_t endCell);

} // namespace hcgs::sim

#endif // HCGS_LIB_RUNTIME_SIMULATOR_CELLSTAGE_H
