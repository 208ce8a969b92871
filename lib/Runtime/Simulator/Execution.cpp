//===- Execution.cpp - the instructions (docs/ISA.md 6) -------------------===//

#include "Machine.h"

using namespace hcgs;
using namespace hcgs::sim;
using hcgs::mc::quoteTensorName;

bool Simulator::Impl::execute(const Step &step) {
  return std::visit([&](const auto &inst) { return execute(inst, step); },
                    *step.instruction);
}

bool Simulator::Impl::execute(const enc::SetLenInst &inst, const Step &) {
  for (int64_t i = 0; i < inst.batchCount; ++i) {
    int64_t value = seqLen;
    if (inst.source == enc::SetLenSource::IO)
      value = io[inst.address + i];
    else if (inst.source == enc::SetLenSource::Param)
      value = static_cast<int64_t>(
          readUField(pmem.data(), inst.address, 16, static_cast<uint64_t>(i)));
    if (value < 0 || value > seqLen) {
      error = "setlen: batch entry " + std::to_string(inst.batchStart + i) +
              " gets sequence length " + std::to_string(value) +
              ", outside 0 to the run's " + std::to_string(seqLen);
      return false;
    }
    len[inst.batchStart + i] = value;
  }
  return true;
}

bool Simulator::Impl::execute(const enc::MvmInst &inst, const Step &step) {
  return withNumerics(rounding, overflow, [&](auto numerics) {
    return executeMvm<decltype(numerics)>(inst, step);
  });
}

template <typename N>
bool Simulator::Impl::executeMvm(const enc::MvmInst &inst, const Step &step) {
  const MvmKernel &kernel = *step.kernel;
  int16_t *x = inputScratch.data();
  bool narrow = kernel.fitsInt32();
  int64_t gateRows = inst.rows;
  const int64_t *biasTerms =
      step.biasTerms.empty() ? nullptr : step.biasTerms.data();
  for (int64_t i = 0; i < inst.batchCount; ++i) {
    int64_t b = inst.batchStart + i;
    // Gather X(i, c); columns from x_len on are zero (docs/ISA.md 6.3).
    int64_t xBase = rowBase(inst.x, i, b);
    if (inst.x.space == enc::MemSpace::Act && !inst.x.chunk) {
      const int32_t *source = act.data() + xBase;
      for (int64_t c = 0; c < inst.xLen; ++c)
        x[c] = static_cast<int16_t>(source[c]);
    } else {
      for (int64_t c = 0; c < inst.xLen; ++c)
        x[c] = static_cast<int16_t>(
            read(inst.x.space, xBase + chunked(inst.x, c)));
    }
    std::fill(x + inst.xLen, x + kernel.getInputSize(), int16_t(0));

    int64_t accBase = rowBase(inst.acc, i, b);
    if (step.vectorRows) {
      forEachRange(step, kernel.getNumGroups(), [&](int64_t begin,
                                                     int64_t end) {
        MvmKernel::GroupRange groups{begin, end};
        kernel.multiplyRows(x, rowSums.data(), sums32.data(), groups);
        int64_t firstRow = groups.begin * kernel.getBlockRows();
        int64_t count =
            std::min(groups.end * kernel.getBlockRows(), gateRows) - firstRow;
        if (count <= 0)
          return;
        for (int64_t gate = 0; gate < inst.gates; ++gate) {
          int64_t row = gate * gateRows + firstRow;
          rowStage.run(rowSums.data() + gate * kernel.getNumRows() + firstRow,
                       step.shifts + row, biasTerms ? biasTerms + row : nullptr,
                       acc.data() + accBase + row, count, inst.accumulate,
                       step.rowsShiftLeft);
        }
      });
      continue;
    }
    forEachRange(step, kernel.getNumGroups(), [&](int64_t begin, int64_t end) {
      MvmKernel::GroupRange groups{begin, end};
      if (narrow)
        kernel.multiply(x, sums32.data(), groups);
      else
        kernel.multiply(x, sums64.data(), groups);
    });
    // Rows in order (docs/ISA.md 6.3): the sum of row r of row-set g is at
    // (r / BR) * segment + g * BR + r % BR.
    int64_t blockRows = kernel.getBlockRows(), segment = kernel.getSegment();
    for (int64_t gate = 0, element = 0; gate < inst.gates; ++gate) {
      int64_t groupStart = gate * blockRows, inBlock = 0;
      for (int64_t row = 0; row < gateRows; ++row, ++element) {
        int64_t sumIndex = groupStart + inBlock;
        if (++inBlock == blockRows) {
          inBlock = 0;
          groupStart += segment;
        }
        int64_t sum = narrow ? sums32[sumIndex] : sums64[sumIndex];
        int64_t value = N::shl(sum, step.shifts[element]);
        if (biasTerms)
          value += biasTerms[element];
        int64_t address = accBase + chunked(inst.acc, element);
        if (inst.accumulate)
          value += acc[address];
        acc[address] = N::ovf(value, accBits);
      }
    }
  }
  return true;
}

bool Simulator::Impl::execute(const enc::LstmCellInst &inst, const Step &step) {
  return withNumerics(rounding, overflow, [&](auto numerics) {
    return executeLstmCell<decltype(numerics)>(inst, step);
  });
}

template <typename N>
bool Simulator::Impl::executeLstmCell(const enc::LstmCellInst &inst,
                                      const Step &step) {
  const CellConfig &cell = step.cell;
  int64_t hidden = inst.hidden;
  for (int64_t i = 0; i < inst.batchCount; ++i) {
    int64_t b = inst.batchStart + i;
    int64_t gatesBase = rowBase(inst.gates, i, b);
    int64_t cBase = rowBase(inst.c, i, b), hBase = rowBase(inst.h, i, b);
    int64_t yBase = inst.y ? rowBase(*inst.y, i, b) : 0;
    bool active = isActive(b);
    // Cells one by one read what earlier cells wrote if c, h and y overlap;
    // the vector form computes them all first, so it needs them apart.
    auto apart = [&](int64_t first, int64_t second) {
      return first + hidden <= second || second + hidden <= first;
    };
    if (step.vectorCells && apart(cBase, hBase) &&
        (!inst.y || inst.y->space != enc::MemSpace::Act ||
         (apart(yBase, cBase) && apart(yBase, hBase)))) {
      int32_t *cT = cellScratch.data(), *hT = cT + hidden;
      forEachRange(step, hidden, [&](int64_t firstCell, int64_t endCell) {
        updateCells(cell, acc.data() + gatesBase, act.data() + cBase, cT, hT,
                    firstCell, endCell);
      });
      if (active) {
        std::copy_n(cT, hidden, act.data() + cBase);
        std::copy_n(hT, hidden, act.data() + hBase);
      } else if (isEmpty(b)) {
        std::fill_n(act.data() + cBase, hidden, 0);
        std::fill_n(act.data() + hBase, hidden, 0);
      }
      if (inst.y) {
        int32_t *y =
            inst.y->space == enc::MemSpace::IO ? io.data() : act.data();
        if (active)
          std::copy_n(hT, hidden, y + yBase);
        else
          std::fill_n(y + yBase, hidden, 0);
      }
      continue;
    }
    for (int64_t j = 0; j < hidden; ++j) {
      int64_t cAddress = cBase + chunked(inst.c, j);
      int64_t cT, hT;
      updateCell<N>(cell, j, acc[gatesBase + chunked(inst.gates, j)],
                    acc[gatesBase + chunked(inst.gates, hidden + j)],
                    acc[gatesBase + chunked(inst.gates, 2 * hidden + j)],
                    acc[gatesBase + chunked(inst.gates, 3 * hidden + j)],
                    act[cAddress], cT, hT);
      if (active) {
        act[cAddress] = static_cast<int32_t>(cT);
        act[hBase + chunked(inst.h, j)] = static_cast<int32_t>(hT);
        if (inst.y)
          writeAct(inst.y->space, yBase + chunked(*inst.y, j), hT);
      } else {
        if (isEmpty(b)) {
          act[cAddress] = 0;
          act[hBase + chunked(inst.h, j)] = 0;
        }
        if (inst.y)
          writeAct(inst.y->space, yBase + chunked(*inst.y, j), 0);
      }
    }
  }
  return true;
}

template <typename ElementwiseInst, typename Map>
void Simulator::Impl::mapElements(const ElementwiseInst &inst, Map map) {
  for (int64_t i = 0; i < inst.batchCount; ++i) {
    int64_t b = inst.batchStart + i;
    int64_t srcBase = rowBase(inst.src, i, b),
            dstBase = rowBase(inst.dst, i, b);
    for (int64_t j = 0; j < inst.count; ++j)
      writeAct(
          inst.dst.space, dstBase + chunked(inst.dst, j),
          ovfAct(map(read(inst.src.space, srcBase + chunked(inst.src, j)))));
  }
}

bool Simulator::Impl::execute(const enc::ActInst &inst, const Step &step) {
  const LutTable &table = step.cell.f;
  mapElements(inst, [&](int64_t x) { return table.lookup(x, rounding); });
  return true;
}

bool Simulator::Impl::execute(const enc::MoveInst &inst, const Step &) {
  mapElements(inst, [&](int64_t x) { return shift(x, inst.shift); });
  return true;
}

bool Simulator::Impl::execute(const enc::FillInst &inst, const Step &) {
  int64_t value = ovfAct(inst.value);
  for (int64_t i = 0; i < inst.batchCount; ++i) {
    int64_t dstBase = rowBase(inst.dst, i, inst.batchStart + i);
    for (int64_t j = 0; j < inst.count; ++j)
      writeAct(inst.dst.space, dstBase + chunked(inst.dst, j), value);
  }
  return true;
}
