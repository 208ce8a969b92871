//===- Diagnostics.cpp - MLIR diagnostics as one-line errors --------------===//

#include "hcgs/IR/Diagnostics.h"
#include "hcgs/Runtime/Tool/CommandLine.h"

#include "hcgs/Runtime/Tensor/Tensor.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace mlir;

static void printLocation(Location loc, llvm::raw_ostream &os) {
  if (auto file = dyn_cast<FileLineColLoc>(loc)) {
    os << file.getFilename().getValue() << ':' << file.getLine() << ':'
       << file.getColumn();
  } else if (auto name = dyn_cast<NameLoc>(loc)) {
    os << hcgs::quoteName(name.getName().getValue());
    if (!isa<UnknownLoc>(name.getChildLoc())) {
      os << " (";
      printLocation(name.getChildLoc(), os);
      os << ')';
    }
  } else if (auto fused = dyn_cast<FusedLoc>(loc)) {
    llvm::interleaveComma(
        llvm::make_filter_range(
            fused.getLocations(),
            [](Location part) { return !isa<UnknownLoc>(part); }),
        os, [&](Location part) { printLocation(part, os); });
  } else if (auto callSite = dyn_cast<CallSiteLoc>(loc)) {
    printLocation(callSite.getCallee(), os);
  }
}

std::string hcgs::formatLocation(Location loc) {
  std::string text;
  llvm::raw_string_ostream os(text);
  printLocation(loc, os);
  return text;
}

hcgs::FirstErrorCapture::FirstErrorCapture(MLIRContext *context,
                                           ArrayRef<Location> unlocated)
    : unlocated(unlocated.begin(), unlocated.end()),
      handler(context, [this](Diagnostic &diag) {
        std::string location =
            llvm::is_contained(this->unlocated, diag.getLocation())
                ? std::string()
                : formatLocation(diag.getLocation());
        if (!location.empty())
          location += ": ";
        // Warnings and remarks (--remarks) are printed as they come.
        if (diag.getSeverity() != DiagnosticSeverity::Error) {
          llvm::errs() << location
                       << (diag.getSeverity() == DiagnosticSeverity::Warning
                               ? "warning: "
                               : "remark: ")
                       << diag.str() << '\n';
          return success();
        }
        if (!message.empty())
          return success();
        message = location + diag.str();
        std::replace(message.begin(), message.end(), '\n', ' ');
        return success();
      }) {}
