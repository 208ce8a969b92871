//===- Tools.h - what the hcgs command-line tools share ---------*- C++ -*-===//
//
// Every hcgs tool reports a problem as one line, `<tool>: error: <what>`,
// and exits 0 on success, 1 for a problem in its input and 2 for a usage
// error. These helpers keep that the same everywhere.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_IR_TOOLS_H
#define HCGS_IR_TOOLS_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>

namespace hcgs::tools {

enum ExitCode : int { kSuccess = 0, kInputError = 1, kUsageError = 2 };

/// Keeps memory the tool frees for its next allocations instead of
/// returning it to the system (glibc hands large blocks back at once). The
/// compiler frees and allocates weight-sized buffers pass after pass; each
/// fresh one costs a page fault per 4 kB. No effect with other C libraries.
void keepFreedMemory();

/// Ends the process with `exitCode` once every output is written and
/// closed, without destroying what is left: tearing down an MLIRContext that
/// holds a model's weights takes longer than some whole compiles. Flushes
/// outs() and errs() first.
[[noreturn]] void exitWithoutTeardown(int exitCode);

/// Prints `message` on one line as "<tool>: error: ..." and returns
/// `exitCode`.
int fail(llvm::StringRef tool, int exitCode, const llvm::Twine &message);

/// Parses the llvm::cl options. llvm::cl prints some problems itself and
/// would exit with 1; here its output is captured and the first problem is
/// returned, for the caller to report as a usage error.
std::optional<std::string> parseCommandLine(int argc, char **argv,
                                            llvm::StringRef overview);

/// Parses MLIR text or bytecode; the first error MLIR reports becomes the
/// one-line message.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
parseModuleFile(llvm::StringRef path, mlir::MLIRContext &context);

/// MLIR text holds blobs as hex, twice their size: writing more than this
/// many bytes of blobs as text needs the printer flag that elides them.
constexpr uint64_t kMaxTextBlobBytes = uint64_t(1) << 20;

/// Writes `module` as bytecode or as text (with the MLIR printing flags of
/// the command line); refuses text that would carry more than
/// kMaxTextBlobBytes of weights.
llvm::Error writeModule(mlir::ModuleOp module, llvm::raw_ostream &os,
                        bool bytecode);

} // namespace hcgs::tools

#endif // HCGS_IR_TOOLS_H
