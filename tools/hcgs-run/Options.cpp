//===- Options.cpp - hcgs-run's command line
//--------------------------------===//

#include "Options.h"

#include "hcgs/Runtime/Tool/CommandLine.h"

#include <cmath>
#include <utility>

using namespace hcgs;
using llvm::Error;
using llvm::Expected;
using llvm::StringRef;
using tools::usageError;

namespace hcgs::run {

const char *const kHelp =
    R"(USAGE: hcgs-run MODEL [-i NAME=FILE]... [-o OUTDIR] [--expect NAME=FILE]... [--atol X] [--dim NAME=SIZE]...
                [--stats FILE|-] [--trace] [--threads N] [--max-cycles N]
                [--allow-large-target]

Runs MODEL on tensors read from files. hcgs IR (.mlir, .mlirbc) and ONNX
models (.onnx, imported into hcgs IR) run in the float reference executor; a
compiled program (.hcgsb) runs in the bit-exact simulator of the accelerator
(docs/ISA.md), which quantizes f32 inputs at the program's input formats and
writes f32 outputs.

  -i NAME=FILE        feed the input NAME from FILE: .npy, or an ONNX
                      TensorProto (.pb, as in ONNX's backend test data)
  -o OUTDIR           write every output to OUTDIR/<name>.npy; in <name>,
                      bytes outside [A-Za-z0-9_.-], '%' and a leading '.'
                      are written %XX (upper-case hex)
  --expect NAME=FILE  compare the output NAME with the tensor in FILE: print
                      its max abs error and SQNR, fail beyond --atol
  --atol X            largest max abs error --expect accepts (default 1e-4)
  --dim NAME=SIZE     give an ONNX model's symbolic input dimension NAME a
                      size when importing it
  --stats FILE|-      programs only: write what the run cost (cycles, MACs,
                      MAC utilization, memory traffic, energy, frames per
                      second) to FILE as JSON, or to stdout as a table (-)
  --trace             programs only: print every executed instruction to
                      stdout as "INDEX k=ITERATION FIELDS" (k=- outside loops)
  --threads N         programs only: share each large mvm's rows among N
                      threads, 1 to 256 (default 1); the results are the
                      same for any N
  --max-cycles N      programs only: refuse a run the cost model says takes
                      more than N cycles (default 100000000, some seconds of
                      simulation); 0 runs any
  --allow-large-target
                      programs only: simulate a program whose target has
                      memories, lanes, batch or max_seq_len more than 16
                      times the largest preset's (docs/ISA.md 12)
  -h, --help          print this help

NAME=FILE splits at the first '=', or after the longest prefix that names an
input (or output), which may itself contain '='. Exit codes: 0 success, 1 a problem with the model, the inputs or
the outputs, 2 a usage error.
)";

Expected<Options> parseCommandLine(llvm::ArrayRef<const char *> args) {
  Options options;
  bool seenOutputDir = false, seenAtol = false, seenStats = false;
  constexpr unsigned kMaxThreads = 256;
  for (size_t i = 0; i < args.size(); ++i) {
    StringRef arg = args[i];
    if (arg == "-h" || arg == "-help" || arg == "--help") {
      options.help = true;
      continue;
    }
    if (!arg.starts_with("-") || arg == "-") {
      if (!options.modelPath.empty())
        return usageError("unexpected argument " + quoteName(arg) +
                          " after the model " + quoteName(options.modelPath));
      options.modelPath = arg.str();
      continue;
    }
    auto [flag, inlineValue] = arg.split('=');
    StringRef name = flag.drop_front(flag.starts_with("--") ? 2 : 1);
    if (name == "trace" || name == "allow-large-target") {
      if (flag.size() != arg.size())
        return usageError("--" + name + " takes no value");
      (name == "trace" ? options.trace : options.allowLargeTarget) = true;
      continue;
    }
    if (name != "i" && name != "o" && name != "expect" && name != "atol" &&
        name != "dim" && name != "stats" && name != "threads" &&
        name != "max-cycles")
      return usageError("unknown option " + quoteName(flag) +
                        " (see hcgs-run --help)");
    StringRef value = inlineValue;
    if (flag.size() == arg.size()) {
      if (i + 1 == args.size())
        return usageError("option " + quoteName(flag) + " needs a value");
      value = args[++i];
    }
    if (name == "i") {
      options.inputs.push_back(value.str());
    } else if (name == "dim") {
      options.dims.push_back(value.str());
    } else if (name == "expect") {
      options.expects.push_back(value.str());
    } else if (name == "stats") {
      if (std::exchange(seenStats, true))
        return usageError("--stats is given twice");
      if (value.empty())
        return usageError("--stats needs a file, or - for stdout");
      options.statsPath = value.str();
    } else if (name == "threads") {
      if (options.threads != 0)
        return usageError("--threads is given twice");
      if (value.getAsInteger(10, options.threads) || options.threads == 0 ||
          options.threads > kMaxThreads)
        return usageError("--threads expects a count from 1 to " +
                          llvm::Twine(kMaxThreads) + ", got " +
                          quoteName(value));
    } else if (name == "max-cycles") {
      if (options.maxCycles)
        return usageError("--max-cycles is given twice");
      int64_t cycles = 0;
      if (value.getAsInteger(10, cycles) || cycles < 0)
        return usageError("--max-cycles expects a count >= 0, got " +
                          quoteName(value));
      options.maxCycles = cycles;
    } else if (name == "o") {
      if (std::exchange(seenOutputDir, true))
        return usageError("-o is given twice");
      if (value.empty())
        return usageError("-o needs a folder");
      options.outputDir = value.str();
    } else {
      if (std::exchange(seenAtol, true))
        return usageError("--atol is given twice");
      if (value.getAsDouble(options.atol) || !(options.atol >= 0.0) ||
          std::isinf(options.atol))
        return usageError("--atol expects a finite number >= 0, got " +
                          quoteName(value));
    }
  }
  if (options.help)
    return options;
  if (options.modelPath.empty())
    return usageError("no model given (see hcgs-run --help)");
  if (options.outputDir.empty() && options.expects.empty() &&
      options.statsPath.empty() && !options.trace)
    return usageError("nothing to do: give -o OUTDIR, --expect NAME=FILE, "
                      "--stats or --trace");
  return options;
}

} // namespace hcgs::run
