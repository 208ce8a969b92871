//===- Schedule.h - which layers share a loop, and where results go -*- C++
//-*-===//
//
// The structural half of hcgs-plan, before any address is known:
// - destinations: a result that ends up in a program output or in a
//   concatenation through transposes and reshapes (which strides can undo)
//   is written there directly by the layer computing it; other inputs of
//   concatenations and other outputs are copied;
// - the schedule: work items (layers and copies) in program order join the
//   open segment (a hardware loop over the time steps, or a run outside any
//   loop) when everything they read is ready in it, else open a new one. A
//   value is ready in the loop computing it when its writer produces it step
//   by step in forward order (a forward LSTM's Y, an fc in the loop);
// - stored results: a value read outside the loop that computes it gets an
//   IOM buffer of its own, one read only in that loop a one-step AMEM view.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_CONVERSION_HCGSTOISA_SCHEDULE_H
#define HCGS_LIB_CONVERSION_HCGSTOISA_SCHEDULE_H

#include "Layers.h"
#include "Views.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"

#include <memory>
#include <string>
#include <vector>

namespace hcgs::lower {

constexpr int64_t kNoSegment = -1;

/// Follows data movement back to the value that is stored.
mlir::Value getRoot(mlir::Value value);

/// A unit of work, in program order: a layer, the copies a concatenation
/// needs, or the copy of a program output.
struct Item {
  enum class Kind { LSTM, FC, Concat, Output };
  Kind kind;
  mlir::Operation *op; // the layer or concat; the return for an output
  unsigned result = 0; // Output: which result of @main
  bool stepped = false;
  bool forwardOnly = true;                   // reads each step in forward order
  llvm::SmallVector<mlir::Value> reads;      // every step (or once)
  llvm::SmallVector<mlir::Value> setupReads; // before the loop
  mlir::Value lengths;                       // LSTM: sequence_lens, if any
  int64_t segment = kNoSegment;
};

struct SegmentInfo {
  bool loop = false;
  /// The sequence lengths of the segment's LSTMs (null: the run's T);
  /// std::nullopt before the first LSTM joins.
  std::optional<mlir::Value> lengths;
};

/// Where a value is stored: a view of a named IOM buffer, `view.base`
/// relative to the buffer's start.
struct Placement {
  std::string buffer;
  View view;
};

/// An IOM buffer holding a dense tensor.
struct IOBuffer {
  std::string name;
  llvm::SmallVector<int64_t> shape;
  std::optional<int64_t> timeDim;
  int64_t address = 0;
  int64_t getWords(int64_t maxSeqLen) const {
    return getDenseWords(shape, maxSeqLen);
  }
};

/// What destination passing decides.
struct Destinations {
  /// Roots written in place: layer results and concatenations.
  llvm::MapVector<mlir::Value, Placement> placed;
  /// The roots written into each concatenation's slots.
  llvm::DenseMap<mlir::Value, llvm::SmallVector<mlir::Value>> slotWriters;
  /// Concatenation inputs and outputs that need a copy.
  llvm::DenseMap<mlir::Operation *, llvm::SmallVector<unsigned>> concatCopies;
  llvm::SmallVector<unsigned> outputCopies;
  /// Buffers: program outputs, then concatenations that own theirs.
  std::vector<IOBuffer> buffers;
};

class Scheduler {
public:
  Scheduler(mlir::func::FuncOp main, TimeDims &timeDims,
            const llvm::DenseMap<mlir::Operation *, std::string> &names,
            const std::vector<std::string> &outputNames)
      : main(main), timeDims(timeDims), names(names), outputNames(outputNames) {
  }

  /// Destination passing with tensors of `maxSeqLen` steps: the decisions
  /// do not depend on it, the strides of the views do.
  mlir::FailureOr<Destinations> findDestinations(int64_t maxSeqLen);

  /// Builds the work items, schedules them and decides which results are
  /// stored where.
  void run(const Destinations &dest);

  std::vector<std::unique_ptr<Item>> items;
  llvm::DenseMap<mlir::Operation *, Item *> layerItems;
  std::vector<SegmentInfo> segments;
  /// Layer results with an IOM buffer of their own (named, not yet placed),
  /// and with a one-step AMEM view.
  llvm::MapVector<mlir::Value, IOBuffer> scratch;
  llvm::DenseSet<mlir::Value> staged;

private:
  bool adopt(Destinations &dest, mlir::Value value, const Placement &placement);
  void buildItems(const Destinations &dest);
  void schedule();
  bool canJoin(const Item &item, int64_t segment);
  llvm::SmallVector<std::pair<Item *, mlir::Value>> writersOf(mlir::Value root);
  bool isStepAvailable(Item *writer, mlir::Value root);
  void chooseBuffers(const Destinations &dest);

  mlir::func::FuncOp main;
  TimeDims &timeDims;
  const llvm::DenseMap<mlir::Operation *, std::string> &names;
  const std::vector<std::string> &outputNames;
  llvm::DenseMap<mlir::Value, llvm::SmallVector<mlir::Value>> slotWriters;
  /// Readers of each root: (item, whether it reads before the loop).
  llvm::DenseMap<mlir::Value, llvm::SmallVector<std::pair<Item *, bool>>>
      readers;
};

} // namespace hcgs::lower

#endif // HCGS_LIB_CONVERSION_HCGSTOISA_SCHEDULE_H
