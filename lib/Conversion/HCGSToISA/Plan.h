//===- Plan.h - the plan hcgs-plan writes and hcgs-lower-to-isa reads -*- C++
//-*-===//
//
// The plan is hcgs_isa attributes on @main and its ops (names and
// syntax in hcgs/Dialect/ISA/ISAAttrs.h and ISAAttrs.td; the ISA dialect
// verifies them):
//
//   on @main:
//     hcgs_isa.max_seq_len  i64        the program's longest sequence
//     hcgs_isa.segments     [#hcgs_isa.segment<loop | once>, ...]
//     hcgs_isa.memory_map   [#hcgs_isa.symbol<...>, ...]  every placed range
//   on each hcgs.lstm, hcgs.fc, and hcgs.concat whose inputs need copies:
//     hcgs_isa.schedule     #hcgs_isa.schedule<name, segment, tiles>
//   on each hcgs.lstm, hcgs.fc and hcgs.concat, per result:
//     hcgs_isa.place        [#hcgs_isa.view<...> | unit, ...]  in IOM
//     hcgs_isa.stage        [#hcgs_isa.view<...> | unit, ...]  one step of
//                           it in AMEM
//   on @main's arguments and results:
//     hcgs_isa.place        #hcgs_isa.view<...>  the program's input or
//                           output tensor
//     hcgs_isa.schedule     #hcgs_isa.schedule<segment = N> on a result
//                           that needs a copy
//
// Views (Views.h) of transposes, reshapes and slices are derived from their
// operand's; computeValueViews gives every value its views.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_CONVERSION_HCGSTOISA_PLAN_H
#define HCGS_LIB_CONVERSION_HCGSTOISA_PLAN_H

#include "Views.h"

#include "hcgs/Dialect/ISA/ISAAttrs.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

namespace hcgs::lower {

/// When and how a layer (or a copy) runs.
struct Schedule {
  std::string name;      // prefix of its memory map entries
  int64_t segment = 0;   // index into hcgs_isa.segments
  int64_t rowTile = 0;   // rows per tile (hidden units of an LSTM)
  int64_t batchTile = 0; // batch entries per instruction
};

isa::ScheduleAttr getScheduleAttr(mlir::MLIRContext *context,
                                  const Schedule &schedule);
/// The schedule of `op` (or of @main's result `result`), or failure with an
/// error if it has none.
mlir::FailureOr<Schedule> readSchedule(mlir::Operation *op);
mlir::FailureOr<Schedule> readResultSchedule(mlir::func::FuncOp main,
                                             unsigned result);

/// Where a value lives: every step in IOM, and/or the current step in AMEM
/// (for readers in the loop that computes it).
struct ValueViews {
  std::optional<View> full, step;
};

/// A view as the plan stores it, and back.
isa::ViewAttr getViewAttr(mlir::MLIRContext *context, const View &view);
View getView(isa::ViewAttr attr);
/// Diagnostics show a view as its attribute.
mlir::Diagnostic &operator<<(mlir::Diagnostic &diag, const View &view);

/// Per-result views as an attribute: `unit` for none.
mlir::ArrayAttr getViewsAttr(mlir::MLIRContext *context,
                             llvm::ArrayRef<std::optional<View>> views);

/// Gives every tensor value of @main its views: arguments, results of
/// layers and concatenations from the plan, data movement derived from its
/// operand. Emits an error at the op and fails if a view cannot be
/// derived.
mlir::LogicalResult
computeValueViews(mlir::func::FuncOp main,
                  llvm::DenseMap<mlir::Value, ValueViews> &views);

/// The memory map by name.
struct MemoryMap {
  llvm::StringMap<isa::SymbolAttr> symbols;
  mlir::ArrayAttr attr;

  /// The address of `name`, or failure with an error at `op`.
  mlir::FailureOr<int64_t> lookup(mlir::Operation *op,
                                  llvm::StringRef name) const;
  bool contains(llvm::StringRef name) const { return symbols.count(name); }
};
mlir::FailureOr<MemoryMap> readMemoryMap(mlir::func::FuncOp main);

} // namespace hcgs::lower

#endif // HCGS_LIB_CONVERSION_HCGSTOISA_PLAN_H
