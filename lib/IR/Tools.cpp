//===- Tools.cpp - what the hcgs command-line tools share -----------------===//

#include "hcgs/IR/Tools.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SourceMgr.h"

#include <algorithm>
#include <cstdio>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace llvm;
using namespace hcgs;

void tools::keepFreedMemory() {
#if defined(__GLIBC__)
  // Every block from the heap, none handed back while the tool runs.
  constexpr int kLarge = 1 << 30;
  mallopt(M_MMAP_THRESHOLD, kLarge);
  mallopt(M_TRIM_THRESHOLD, kLarge);
#endif
}

void tools::exitWithoutTeardown(int exitCode) {
  outs().flush();
  errs().flush();
  sys::Process::Exit(exitCode, /*NoCleanup=*/true);
}

int tools::fail(StringRef tool, int exitCode, const Twine &message) {
  std::string line = StringRef(message.str()).trim().str();
  std::replace(line.begin(), line.end(), '\n', ' ');
  errs() << tool << ": error: " << line << '\n';
  return exitCode;
}

std::optional<std::string> tools::parseCommandLine(int argc, char **argv,
                                                   StringRef overview) {
  std::string messages;
  raw_string_ostream stream(messages);
  errs().flush();
  std::fflush(stderr);
  // Some of cl's complaints go straight to stderr: send it to a temporary
  // file meanwhile.
  int savedStderr = ::dup(STDERR_FILENO);
  std::FILE *capture = std::tmpfile();
  if (savedStderr >= 0 && capture)
    ::dup2(::fileno(capture), STDERR_FILENO);
  bool parsed = cl::ParseCommandLineOptions(argc, argv, overview, &stream);
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

Expected<mlir::OwningOpRef<mlir::ModuleOp>>
tools::parseModuleFile(StringRef path, mlir::MLIRContext &context) {
  std::string error;
  std::unique_ptr<MemoryBuffer> buffer = mlir::openInputFile(path, &error);
  if (!buffer)
    return createStringError(error);
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
  if (!module)
    return createStringError(error.empty() ? "cannot parse " + path.str() +
                                                 " as MLIR"
                                           : error);
  return module;
}

/// Total bytes of the distinct dense_resource blobs the module references.
static uint64_t getBlobBytes(mlir::ModuleOp module) {
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

Error tools::writeModule(mlir::ModuleOp module, raw_ostream &os,
                         bool bytecode) {
  if (bytecode) {
    if (failed(mlir::writeBytecodeToFile(module, os)))
      return createStringError("cannot write the module as bytecode");
    return Error::success();
  }
  mlir::OpPrintingFlags flags;
  uint64_t blobBytes = getBlobBytes(module);
  if (blobBytes > kMaxTextBlobBytes && !flags.getLargeResourceStringLimit())
    return createStringError(
        "the module holds " + std::to_string(blobBytes) +
        " bytes of weights, too many for text output: write bytecode "
        "(-o FILE.mlirbc or --emit-bytecode) or elide them "
        "(--mlir-elide-resource-strings-if-larger=N)");
  module->print(os, flags);
  return Error::success();
}
