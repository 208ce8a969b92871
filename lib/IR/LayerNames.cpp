//===- LayerNames.cpp - names of a model's layers -------------------------===//

#include "hcgs/IR/LayerNames.h"

#include "mlir/IR/Location.h"

using namespace mlir;

static std::optional<std::string> nameOf(Location loc) {
  if (auto named = dyn_cast<NameLoc>(loc))
    return named.getName().str();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location inner : fused.getLocations())
      if (std::optional<std::string> name = nameOf(inner))
        return name;
  return std::nullopt;
}

std::string hcgs::getLayerName(Operation *op) {
  if (std::optional<std::string> name = nameOf(op->getLoc()))
    return *name;
  int64_t index = 0;
  for (Operation *prev = op->getPrevNode(); prev; prev = prev->getPrevNode())
    if (prev->getName() == op->getName())
      ++index;
  return (op->getName().stripDialect() + "#" + llvm::Twine(index)).str();
}
