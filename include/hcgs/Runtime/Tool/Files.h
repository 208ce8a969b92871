//===- Files.h - the files every hcgs tool reads and writes -----*- C++ -*-===//
//
// No tool may lose data: an output is never the same file as an input or as
// another output of the same run, it is written to a temporary file next to
// its destination and renamed into place only once the whole run succeeded,
// and a write error (a full disk) is one line and exit code 1. Inputs are
// read only when they are regular files, so that a FIFO, a folder or a
// device is refused instead of blocking or reading forever. Plain C++ (no
// MLIR), like CommandLine.h.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_RUNTIME_TOOL_FILES_H
#define HCGS_RUNTIME_TOOL_FILES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

namespace hcgs::tools {

struct InputFileOptions {
  /// Whether "-" reads stdin.
  bool allowStdin = false;
  bool isText = false;
  bool requiresNullTerminator = false;
  /// The largest file accepted (0: any), checked before reading so that a
  /// huge file costs no memory; `maxBytesWhat` names what the file is.
  uint64_t maxBytes = 0;
  const char *maxBytesWhat = "this input";
};

/// The contents of the input file `path`, which must be a regular file.
/// Errors, one line each: "PATH: cannot open: REASON", "PATH: not a regular
/// file", "PATH: cannot read: REASON", "PATH: N bytes, more than WHAT may
/// have (M)".
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readInputFile(llvm::StringRef path, const InputFileOptions &options = {});

/// A file of a run and what it is to the run, for messages: {"-o", path},
/// {"the model", path}.
struct RunFile {
  std::string role;
  std::string path;
};

/// Appends the FILE of each well-formed NAME=FILE in `texts` (given to
/// `option`, split as splitAssignment splits) to `files`, as the role
/// "OPTION NAME". Malformed ones are left to the option's own check.
void appendAssignedFiles(
    llvm::StringRef option, llvm::ArrayRef<std::string> texts,
    std::vector<RunFile> &files,
    llvm::function_ref<bool(llvm::StringRef)> isName = nullptr);

/// Refuses, as a usage error naming both, an output that is the same file as
/// an input or as another output. Existing files are compared as files (a
/// link or another spelling of the same path is the same file), outputs yet
/// to be created by their normalized absolute paths. "-" is never compared.
llvm::Error checkDistinctFiles(llvm::ArrayRef<RunFile> inputs,
                               llvm::ArrayRef<RunFile> outputs);

/// The files a run writes. Each goes to a temporary file in its
/// destination's folder; commit() renames them all into place, and whatever
/// was not committed is removed, so that a failing run neither truncates nor
/// deletes a file it did not create. "-" is stdout, and a destination that
/// exists but is no regular file (/dev/null, a FIFO) is written as it is.
class OutputFiles {
public:
  OutputFiles();
  OutputFiles(const OutputFiles &) = delete;
  OutputFiles &operator=(const OutputFiles &) = delete;
  /// Removes the temporary files that were not committed.
  ~OutputFiles();

  /// A stream to `path`, open from now on so that an output the tool cannot
  /// write is found before the work. Error: "cannot open output file 'PATH':
  /// REASON".
  llvm::Expected<llvm::raw_ostream &> open(llvm::StringRef path);

  /// Flushes every output and checks it was written whole, then renames the
  /// temporary files into place; if any write failed, none is renamed.
  /// Error: "cannot write 'PATH': REASON".
  llvm::Error commit();

private:
  struct Output;
  std::vector<std::unique_ptr<Output>> outputs;
};

/// Flushes stdout and reports a failed write to it ("cannot write to stdout:
/// REASON") instead of letting LLVM abort at exit.
llvm::Error flushStdout();

} // namespace hcgs::tools

#endif // HCGS_RUNTIME_TOOL_FILES_H
