//===- hcgs-translate.cpp - convert between MLIR and other formats --------===//
//
//   hcgs-translate --import-onnx MODEL.onnx [-o OUT.mlir | -o OUT.mlirbc]
//
// Exactly one translation flag picks what to do (see Translation.h). MLIR
// output is text, or bytecode when the output file ends in .mlirbc or
// --emit-bytecode is given. Problems are reported on one line as
// "hcgs-translate: error: ..."; the exit code is 0 on success, 1 for a
// problem in the input and 2 for a usage error.
//
//===----------------------------------------------------------------------===//

#include "Translation.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

#include <cstdio>
#include <optional>
#include <unistd.h>

using namespace llvm;

namespace {

constexpr const char *kToolName = "hcgs-translate";
constexpr int kInputError = 1;
constexpr int kUsageError = 2;

/// MLIR text holds blobs as hex, twice their size: above this many bytes of
/// blobs the text would be huge, so bytecode (or eliding them) is required.
constexpr uint64_t kMaxTextBlobBytes = uint64_t(1) << 20;

/// Prints `message` as one line and returns `exitCode`.
int fail(int exitCode, StringRef message) {
  std::string line = message.trim().str();
  std::replace(line.begin(), line.end(), '\n', ' ');
  errs() << kToolName << ": error: " << line << '\n';
  return exitCode;
}

/// Parses the command line. llvm::cl writes some of its errors straight to
/// stderr and would exit with 1; instead, its messages are captured (stderr
/// goes to a temporary file meanwhile) and the first one is returned, to be
/// reported as a one-line usage error.
std::optional<std::string> parseCommandLine(int argc, char **argv) {
  std::string messages;
  raw_string_ostream stream(messages);
  errs().flush();
  std::fflush(stderr);
  int savedStderr = ::dup(STDERR_FILENO);
  std::FILE *capture = std::tmpfile();
  if (savedStderr >= 0 && capture)
    ::dup2(::fileno(capture), STDERR_FILENO);
  bool parsed = cl::ParseCommandLineOptions(
      argc, argv, "hcgs translation driver\n", &stream);
  errs().flush();
  std::fflush(stderr);
  if (savedStderr >= 0 && capture) {
    ::dup2(savedStderr, STDERR_FILENO);
    std::rewind(capture);
    char buffer[4096];
    std::string written;
    while (size_t count = std::fread(buffer, 1, sizeof(buffer), capture))
      written.append(buffer, count);
    messages.insert(0, written);
  }
  if (capture)
    std::fclose(capture);
  if (savedStderr >= 0)
    ::close(savedStderr);
  if (parsed)
    return std::nullopt;
  // The first line, without cl's "<program>: " prefix.
  StringRef first = StringRef(messages).ltrim().split('\n').first;
  for (StringRef prefix : {StringRef(argv[0]), sys::path::filename(argv[0])})
    if (first.consume_front(prefix))
      first = first.ltrim(": ");
  return first.empty() ? std::string("invalid arguments") : first.str();
}

/// Total bytes of the distinct dense_resource blobs the module references.
uint64_t getBlobBytes(mlir::ModuleOp module) {
  uint64_t total = 0;
  DenseSet<const void *> seen;
  module->walk([&](mlir::Operation *op) {
    for (mlir::NamedAttribute attr : op->getAttrs()) {
      auto resource =
          dyn_cast<mlir::DenseResourceElementsAttr>(attr.getValue());
      if (!resource ||
          !seen.insert(resource.getRawHandle().getResource()).second)
        continue;
      if (mlir::AsmResourceBlob *blob = resource.getRawHandle().getBlob())
        total += blob->getData().size();
    }
  });
  return total;
}

/// Writes `module` as bytecode or text.
int writeMLIR(mlir::ModuleOp module, raw_ostream &os, bool bytecode) {
  if (bytecode) {
    if (failed(mlir::writeBytecodeToFile(module, os)))
      return fail(kInputError, "cannot write the module as bytecode");
    return 0;
  }
  mlir::OpPrintingFlags flags;
  uint64_t blobBytes = getBlobBytes(module);
  if (blobBytes > kMaxTextBlobBytes && !flags.getLargeResourceStringLimit())
    return fail(kUsageError,
                "the module holds " + std::to_string(blobBytes) +
                    " bytes of weights, too many for text output: write "
                    "bytecode (-o FILE.mlirbc or --emit-bytecode) or elide "
                    "them (--mlir-elide-resource-strings-if-larger=N)");
  module->print(os, flags);
  return 0;
}

/// Parses MLIR text or bytecode, for export translations.
FailureOr<mlir::OwningOpRef<mlir::ModuleOp>>
parseInput(StringRef path, mlir::MLIRContext &context, std::string &error) {
  std::unique_ptr<MemoryBuffer> buffer = mlir::openInputFile(path, &error);
  if (!buffer)
    return failure();
  auto sourceMgr = std::make_shared<SourceMgr>();
  sourceMgr->AddNewSourceBuffer(std::move(buffer), SMLoc());
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &diag) {
    if (diag.getSeverity() == mlir::DiagnosticSeverity::Error &&
        error.empty()) {
      raw_string_ostream os(error);
      os << diag.getLocation() << ": " << diag.str();
    }
    return success();
  });
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr,
                                            mlir::ParserConfig(&context));
  if (!module) {
    if (error.empty())
      error = "cannot parse the input as MLIR";
    return failure();
  }
  return module;
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM initLLVM(argc, argv);

  hcgs::TranslationRegistry registry;
  hcgs::registerTranslations(registry);

  // Each translation is a flag; exactly one must be given (checked below,
  // so that the message says what is wrong).
  cl::OptionCategory category("hcgs-translate options");
  SmallVector<std::unique_ptr<cl::opt<bool>>> translationFlags;
  for (const hcgs::Translation &entry : registry.getTranslations())
    translationFlags.push_back(std::make_unique<cl::opt<bool>>(
        StringRef(entry.flag), cl::desc(entry.description), cl::ZeroOrMore,
        cl::cat(category)));
  cl::list<std::string> inputPaths(cl::Positional, cl::desc("<input file>"),
                                   cl::cat(category));
  cl::opt<std::string> outputPath(
      "o", cl::desc("Output file (default: stdout)"), cl::value_desc("file"),
      cl::init("-"), cl::cat(category));
  cl::opt<bool> emitBytecode(
      "emit-bytecode",
      cl::desc("Write MLIR bytecode (also when the output ends in .mlirbc)"),
      cl::cat(category));
  mlir::registerAsmPrinterCLOptions();
  // --help lists hcgs-translate's options and the translations' own; the
  // MLIR printing flags still work.
  SmallVector<const cl::OptionCategory *> shown{&category};
  for (const cl::OptionCategory *translationCategory :
       registry.getOptionCategories())
    shown.push_back(translationCategory);
  cl::HideUnrelatedOptions(shown);

  if (std::optional<std::string> problem = parseCommandLine(argc, argv))
    return fail(kUsageError, *problem);
  SmallVector<const hcgs::Translation *> chosen;
  for (auto [entry, flag] :
       llvm::zip(registry.getTranslations(), translationFlags))
    if (*flag)
      chosen.push_back(&entry);
  if (chosen.size() != 1) {
    std::string flags;
    for (const hcgs::Translation &entry : registry.getTranslations())
      flags += (flags.empty() ? "--" : ", --") + entry.flag;
    return fail(kUsageError, "give exactly one translation (" + flags + ")");
  }
  const hcgs::Translation *translation = chosen.front();
  if (inputPaths.size() != 1)
    return fail(kUsageError, "give exactly one input file, got " +
                                 std::to_string(inputPaths.size()));
  StringRef inputPath = inputPaths.front();

  std::string error;
  std::unique_ptr<ToolOutputFile> output =
      mlir::openOutputFile(outputPath, &error);
  if (!output)
    return fail(kUsageError, error);

  mlir::MLIRContext context(registry.getDialects());
  int status;
  if (translation->importFn) {
    Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
        translation->importFn(inputPath, context);
    if (!module)
      return fail(kInputError, toString(module.takeError()));
    bool bytecode =
        emitBytecode || sys::path::extension(outputPath) == ".mlirbc";
    status = writeMLIR(**module, output->os(), bytecode);
  } else {
    FailureOr<mlir::OwningOpRef<mlir::ModuleOp>> module =
        parseInput(inputPath, context, error);
    if (failed(module))
      return fail(kInputError, error);
    if (Error exportError = translation->exportFn(**module, output->os()))
      return fail(kInputError, toString(std::move(exportError)));
    status = 0;
  }
  if (status == 0)
    output->keep();
  return status;
}
