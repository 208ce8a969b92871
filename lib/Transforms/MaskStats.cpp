//===- MaskStats.cpp - report HCGS mask structure and density -------------===//

#include "hcgs/Transforms/Passes.h"

#include "hcgs/IR/LayerNames.h"

#include "hcgs/Dialect/HCGS/HCGSOps.h"

#include "llvm/Support/Format.h"

namespace hcgs {
#define GEN_PASS_DEF_MASKSTATS
#include "hcgs/Transforms/Passes.h.inc"
} // namespace hcgs

using namespace mlir;
using namespace hcgs;

namespace {

/// One line describing a mask: "64x64 [32x32 keep 1, 16x16 keep 1]
/// balanced, density 0.25 (4.00x)".
std::string describe(BlockMaskAttr mask) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << mask.getRows() << 'x' << mask.getCols() << " [";
  llvm::interleaveComma(mask.getLevels(), os, [&](MaskLevelAttr level) {
    os << level.getBlockRows() << 'x' << level.getBlockCols() << " keep ";
    if (std::optional<int64_t> keep = level.getBalancedKeep())
      os << *keep;
    else
      os << "varies";
  });
  double density = mask.getDensity();
  os << "] " << (mask.isBalanced() ? "balanced" : "unbalanced")
     << ", density " << llvm::format("%.4f", density) << " ("
     << llvm::format("%.2f", density > 0 ? 1.0 / density : 0.0) << "x)";
  return text;
}

struct MaskStatsPass : hcgs::impl::MaskStatsBase<MaskStatsPass> {
  void runOnOperation() override {
    getOperation().walk([](Operation *op) {
      auto report = [&](StringRef name, Attribute attr) {
        if (auto mask = dyn_cast_or_null<BlockMaskAttr>(attr))
          op->emitRemark() << "layer '" << getLayerName(op) << "' " << name
                           << ": " << describe(mask);
      };
      if (auto lstm = dyn_cast<LSTMOp>(op)) {
        for (auto [name, masks] : {std::pair{"W", lstm.getWMasksAttr()},
                                   std::pair{"R", lstm.getRMasksAttr()}}) {
          if (!masks)
            continue;
          for (auto [dir, mask] : llvm::enumerate(masks))
            report((Twine(name) + "[" + Twine(dir) + "]").str(), mask);
        }
      } else if (auto fc = dyn_cast<FCOp>(op)) {
        report("weight", fc.getMaskAttr());
      }
    });
  }
};

} // namespace
