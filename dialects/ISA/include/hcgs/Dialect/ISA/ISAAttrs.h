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
  /// The elements of a dimension made of `axes`, kDynamic if one is.
  static int64_t getExtent(llvm::ArrayRef<ViewAxis> axes);
  bool operator==(const ViewAxis &other) const {
    return size == other.size && stride == other.stride && time == other.time;
  }
};
inline llvm::hash_code hash_value(const ViewAxis &axis) {
  return llvm::hash_combine(axis.size, axis.stride, axis.time);
}

/// The plan hcgs-plan writes for hcgs-lower-to-isa
/// (lib/Conversion/HCGSToISA/Plan.h), as discardable attributes that
/// ISADialect verifies:
/// on a function: the longest sequence (i64), the segments (an array of
/// SegmentKindAttr) and the memory map (an array of SymbolAttr);
constexpr llvm::StringLiteral kMaxSeqLenAttrName = "hcgs_isa.max_seq_len";
constexpr llvm::StringLiteral kSegmentsAttrName = "hcgs_isa.segments";
constexpr llvm::StringLiteral kMemoryMapAttrName = "hcgs_isa.memory_map";
/// on a layer or copy (or a function result that is copied): a
/// ScheduleAttr;
constexpr llvm::StringLiteral kScheduleAttrName = "hcgs_isa.schedule";
/// on an op, one entry per result (a ViewAttr or `unit` for none): where
/// the result lives in IOM and where its current step lives in AMEM; on a
/// function argument or result, its ViewAttr in IOM.
constexpr llvm::StringLiteral kPlaceAttrName = "hcgs_isa.place";
constexpr llvm::StringLiteral kStageAttrName = "hcgs_isa.stage";
} // namespace hcgs::isa

#define GET_ATTRDEF_CLASSES
#include "hcgs/Dialect/ISA/ISAAttrs.h.inc"

namespace hcgs::isa {
/// Whether `attr` can be a memory image: a 1-D tensor of 8-bit integers,
/// dense or dense_resource.
bool isMemoryImage(mlir::ElementsAttr attr);
} // namespace hcgs::isa

#endif // HCGS_DIALECT_ISA_ISAATTRS_H
