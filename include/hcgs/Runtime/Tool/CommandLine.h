//===- CommandLine.h - the conventions every hcgs tool follows --*- C++ -*-===//
//
// Every hcgs tool reports a problem as one line, `<tool>: error: <what>`,
// and exits 0 on success, 1 for a problem in its input and 2 for a usage
// error. Options of the form NAME=VALUE are split one way everywhere, and
// --help lists the tool's own options only. Plain C++ (no MLIR), so that
// tools without MLIR follow the same rules.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_RUNTIME_TOOL_COMMANDLINE_H
#define HCGS_RUNTIME_TOOL_COMMANDLINE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace hcgs {

/// Quotes a name for a message: 'name', with quotes, backslashes and
/// non-printable bytes escaped so the message stays on one line.
std::string quoteName(llvm::StringRef name);

} // namespace hcgs

namespace hcgs::tools {

enum ExitCode : int { kSuccess = 0, kInputError = 1, kUsageError = 2 };

/// Prints `message` on one line as "<tool>: error: ..." and returns
/// `exitCode`.
int fail(llvm::StringRef tool, int exitCode, const llvm::Twine &message);

/// A mistake in how a tool was called (exit code kUsageError), as opposed
/// to a problem with what it reads.
class UsageError : public llvm::ErrorInfo<UsageError> {
public:
  static char ID;
  explicit UsageError(std::string text) : text(std::move(text)) {}
  void log(llvm::raw_ostream &os) const override { os << text; }
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }

private:
  std::string text;
};
llvm::Error usageError(const llvm::Twine &message);

/// Reports `error` as `tool`'s one line: kUsageError for a UsageError,
/// `otherCode` for anything else.
int failWith(llvm::StringRef tool, llvm::Error error,
             int otherCode = kInputError);

/// Parses the llvm::cl options. --help lists only the options of
/// `categories` (every other option, LLVM's and MLIR's, still works and
/// --help-hidden lists it). llvm::cl prints some problems itself and would
/// exit with 1; here its output is captured and the first problem is
/// returned, for the caller to report as a usage error.
std::optional<std::string>
parseCommandLine(int argc, char **argv, llvm::StringRef overview,
                 llvm::ArrayRef<const llvm::cl::OptionCategory *> categories);

/// Hides from --help (not from --help-hidden) every option registered so far
/// outside `categories`, but cl's own (--help, --version): libLLVM registers
/// hundreds of code generator flags in every tool.
void hideUnrelatedOptions(
    llvm::ArrayRef<const llvm::cl::OptionCategory *> categories);

/// Adds the registered options named `names` (MLIR's, say) to `category`,
/// so that --help lists them with the tool's own.
void showOptionsInCategory(llvm::ArrayRef<llvm::StringRef> names,
                           llvm::cl::OptionCategory &category);

/// NAME=VALUE, split at the first '=' (so that a file may hold '='), or,
/// when `isName` accepts a longer prefix that ends before a '=', after the
/// longest such prefix (so that the names a tool knows may hold '=' too).
/// Both sides must be non-empty.
struct Assignment {
  llvm::StringRef name, value;
};
std::optional<Assignment>
splitAssignment(llvm::StringRef text,
                llvm::function_ref<bool(llvm::StringRef)> isName = nullptr);

/// `option` NAME=VALUE as a usage error if malformed ("--bind expects
/// NAME=FILE, got 'x'"); `form` names the value ("FILE").
llvm::Expected<Assignment>
parseAssignment(llvm::StringRef option, llvm::StringRef form,
                llvm::StringRef text,
                llvm::function_ref<bool(llvm::StringRef)> isName = nullptr);

/// --dim NAME=SIZE: a symbolic dimension and its size, which must be
/// positive. Malformed text is a usage error.
llvm::Expected<std::pair<std::string, int64_t>>
parseDimAssignment(llvm::StringRef text);

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

} // namespace hcgs::tools

#endif // HCGS_RUNTIME_TOOL_COMMANDLINE_H
