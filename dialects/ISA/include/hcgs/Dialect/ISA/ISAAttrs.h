//===- ISAAttrs.h - hcgs_isa operands and program attributes ----*- C++ -*-===//

#ifndef HCGS_DIALECT_ISA_ISAATTRS_H
#define HCGS_DIALECT_ISA_ISAATTRS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectImplementation.h"

#include "hcgs/Dialect/HCGS/HCGSAttrs.h"

#include "hcgs/Dialect/ISA/ISAEnums.h.inc"

namespace hcgs::isa {
/// One axis of a ViewAttr: `size` elements `stride` words apart.
struct ViewAxis {
  /// The size of a dynamic axis: the run's sequence length.
  static constexpr int64_t kDynamic = mlir::ShapedType::kDynamic;

  int64_t size = 1;
  int64_t stride = 0;
  bool time = false;

  bool isDynamic() const { return size == kDynamic; }
  bool operator==(const ViewAxis &other) const {
    return size == other.size && stride == other.stride && time == other.time;
  }
};
inline llvm::hash_code hash_value(const ViewAxis &axis) {
  return llvm::hash_combine(axis.size, axis.stride, axis.time);
}
} // namespace hcgs::isa

#define GET_ATTRDEF_CLASSES
#include "hcgs/Dialect/ISA/ISAAttrs.h.inc"

namespace hcgs::isa {
/// Whether `attr` can be a memory image: a 1-D tensor of 8-bit integers,
/// dense or dense_resource.
bool isMemoryImage(mlir::ElementsAttr attr);
} // namespace hcgs::isa

#endif // HCGS_DIALECT_ISA_ISAATTRS_H
