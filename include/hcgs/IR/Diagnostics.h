//===- Diagnostics.h - MLIR diagnostics as one-line errors ------*- C++ -*-===//
//
// hcgs tools report a problem as one line. These helpers turn what MLIR
// reports (with locations) into such a line.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_IR_DIAGNOSTICS_H
#define HCGS_IR_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"

#include <string>

namespace hcgs {

/// A location, compactly: "file:line:col", "'name'" (an ONNX node name, say),
/// "'name' (file:line:col)", or a comma-separated list for a fused location;
/// "" when unknown.
std::string formatLocation(mlir::Location loc);

/// Captures the first error reported in a context while it lives, as one
/// line "LOCATION: MESSAGE" (just "MESSAGE" for an error at one of
/// `unlocated`, such as the whole model's); errors are consumed, none
/// printed, while warnings and remarks are printed to stderr as they come
/// ("LOCATION: remark: MESSAGE").
class FirstErrorCapture {
public:
  explicit FirstErrorCapture(mlir::MLIRContext *context,
                             llvm::ArrayRef<mlir::Location> unlocated = {});
  /// The first error, or "" if there was none.
  const std::string &getMessage() const { return message; }

private:
  std::string message;
  llvm::SmallVector<mlir::Location, 2> unlocated;
  mlir::ScopedDiagnosticHandler handler;
};

} // namespace hcgs

#endif // HCGS_IR_DIAGNOSTICS_H
