//===- Lowering.cpp - what every part of hcgs-lower-to-isa shares ---------===//

#include "Lowering.h"

using namespace mlir;
using namespace hcgs;
using namespace hcgs::lower;

FailureOr<SegmentCode *> Lowering::getSegment(Operation *op, int64_t segment) {
  if (segment < 0 || segment >= static_cast<int64_t>(code.size()))
    return op->emitError() << "is scheduled in segment " << segment
                           << ", which the plan does not have";
  return &code[segment];
}

void Lowering::writeImage(isa::Memory memory, int64_t address,
                          llvm::ArrayRef<uint8_t> bytes) {
  std::vector<uint8_t> &image = memory == isa::Memory::Weight  ? weightImage
                                : memory == isa::Memory::Index ? indexImage
                                                               : paramImage;
  if (image.size() < address + bytes.size())
    image.resize(address + bytes.size(), 0);
  std::copy(bytes.begin(), bytes.end(), image.begin() + address);
}

FailureOr<int64_t> Lowering::writeParameter(Operation *op, StringRef name,
                                            isa::Memory memory,
                                            llvm::ArrayRef<uint8_t> bytes) {
  auto it = map.symbols.find(name);
  if (it == map.symbols.end())
    return op->emitError() << "the memory map has no '" << name
                           << "' (run hcgs-plan)";
  isa::SymbolAttr symbol = it->second;
  if (symbol.getMemory() != memory || symbol.getSize() < bytes.size())
    return op->emitError() << "the memory map's '" << name << "' holds "
                           << symbol.getSize() << " bytes of "
                           << isa::stringifyMemory(symbol.getMemory())
                           << " memory, not the " << bytes.size()
                           << " it needs (the plan is stale: run hcgs-plan)";
  writeImage(memory, symbol.getAddress(), bytes);
  return static_cast<int64_t>(symbol.getAddress());
}

FailureOr<View> Lowering::readView(Operation *reader, Value value) {
  auto it = views.find(value);
  if (it != views.end()) {
    if (it->second.full)
      return *it->second.full;
    if (it->second.step)
      return *it->second.step;
  }
  return reader->emitError() << "reads a value the plan placed nowhere "
                                "(run hcgs-plan)";
}

FailureOr<TileAddresses> Lowering::packTile(Operation *op, StringRef prefix,
                                            const Matrix &matrix,
                                            const MatrixTile &tile,
                                            llvm::ArrayRef<float> values) {
  std::vector<uint8_t> weights, index, shifts;
  packMatrixTile(
      matrix.mask, tile, target.weightBits,
      [&](int64_t gate, int64_t row, int64_t col) {
        int64_t tensorRow = matrix.firstRow + gate * matrix.rows + row;
        return toCode(matrix.format, values[tensorRow * matrix.cols + col],
                      tensorRow);
      },
      weights, index);
  std::vector<int64_t> rowShifts;
  for (int64_t gate = 0; gate < matrix.gates; ++gate)
    for (int64_t row = 0; row < tile.rows; ++row)
      rowShifts.push_back(matrix.getShift(gate, tile.rowBegin + row));
  packFields(rowShifts, target.shiftBits, shifts);
  FailureOr<int64_t> weightsAt =
      writeParameter(op, prefix, isa::Memory::Weight, weights);
  if (failed(weightsAt))
    return failure();
  FailureOr<int64_t> indexAt =
      writeParameter(op, (prefix + ".index").str(), isa::Memory::Index, index);
  if (failed(indexAt))
    return failure();
  FailureOr<int64_t> shiftsAt = writeParameter(op, (prefix + ".shifts").str(),
                                               isa::Memory::Param, shifts);
  if (failed(shiftsAt))
    return failure();
  TileAddresses addresses;
  addresses.weights = *weightsAt;
  addresses.index = *indexAt;
  addresses.shifts = *shiftsAt;
  return addresses;
}

FailureOr<int64_t> Lowering::packVector(Operation *op, StringRef name,
                                        llvm::ArrayRef<int64_t> values,
                                        int64_t bits) {
  std::vector<uint8_t> bytes;
  packFields(values, bits, bytes);
  return writeParameter(op, name, isa::Memory::Param, bytes);
}

void Lowering::emitMvm(std::vector<enc::Instruction> &out,
                       const MatrixTile &tile, const TileAddresses &addresses,
                       const VecRef &x, int64_t xLen, const VecRef &acc,
                       bool accumulate, std::optional<enc::PVec> bias,
                       const BatchSlice &slice) {
  enc::MvmInst mvm = tile.fields;
  mvm.x = x;
  mvm.xLen = static_cast<uint32_t>(xLen);
  mvm.acc = acc;
  mvm.accumulate = accumulate;
  mvm.weights = static_cast<uint32_t>(addresses.weights);
  mvm.index = static_cast<uint32_t>(addresses.index);
  mvm.shifts = static_cast<uint32_t>(addresses.shifts);
  mvm.bias = bias;
  mvm.batchStart = static_cast<uint32_t>(slice.start);
  mvm.batchCount = static_cast<uint32_t>(slice.count);
  out.push_back(std::move(mvm));
}

std::vector<BatchSlice> Lowering::getBatchSlices(int64_t batch,
                                                 int64_t tile) const {
  std::vector<BatchSlice> slices;
  tile = std::max<int64_t>(1, std::min(tile, target.maxBatch));
  for (int64_t group = 0; group < batch; group += target.maxBatch) {
    int64_t end = std::min(batch, group + target.maxBatch);
    for (int64_t first = group; first < end; first += tile)
      slices.push_back({first, std::min(tile, end - first), first - group});
  }
  return slices;
}
