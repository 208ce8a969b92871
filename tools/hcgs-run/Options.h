//===- Options.h - hcgs-run's command line ------------------------*- C++
//-*-===//

#ifndef HCGS_TOOLS_HCGS_RUN_OPTIONS_H
#define HCGS_TOOLS_HCGS_RUN_OPTIONS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace hcgs::run {

/// The text of --help.
extern const char *const kHelp;

/// What the command line asks for.
struct Options {
  std::string modelPath;
  std::vector<std::string> inputs;
  std::string outputDir;
  std::vector<std::string> expects;
  std::vector<std::string> dims;
  double atol = 1e-4;
  std::string statsPath;
  bool trace = false;
  /// 0 when not given (one thread).
  unsigned threads = 0;
  /// Not given: kDefaultMaxRunCycles; 0: no budget.
  std::optional<int64_t> maxCycles;
  bool allowLargeTarget = false;
  bool help = false;
};

/// Parses the command line (without the program name). Options take their
/// value as the next argument or after '=', with one dash or two; mistakes
/// are tools::UsageErrors.
llvm::Expected<Options> parseCommandLine(llvm::ArrayRef<const char *> args);

} // namespace hcgs::run

#endif // HCGS_TOOLS_HCGS_RUN_OPTIONS_H
