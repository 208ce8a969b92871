//===- ModuleFiles.cpp - reading and writing hcgs IR files ----------------===//

#include "hcgs/IR/ModuleFiles.h"

#include "hcgs/IR/Diagnostics.h"
#include "hcgs/Runtime/Tool/Files.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/SourceMgr.h"

using namespace llvm;
using namespace hcgs;

/// Where MLIR text first nests brackets deeper than kMaxIRNestingDepth, or
/// nullptr. Strings and comments are skipped; the '>' of "->" closes
/// nothing. A cheap over-count is safe: legitimate IR is far from the limit.
static const char *findTooDeepNesting(StringRef text) {
  unsigned depth = 0;
  for (size_t i = 0, e = text.size(); i < e; ++i) {
    switch (text[i]) {
    case '"':
      for (++i; i < e && text[i] != '"'; ++i)
        if (text[i] == '\\')
          ++i;
      break;
    case '/':
      if (i + 1 < e && text[i + 1] == '/')
        while (i < e && text[i] != '\n')
          ++i;
      break;
    case '(':
    case '[':
    case '{':
    case '<':
      if (++depth > kMaxIRNestingDepth)
        return text.data() + i;
      break;
    case '>':
      if (i > 0 && text[i - 1] == '-')
        break;
      [[fallthrough]];
    case ')':
    case ']':
    case '}':
      if (depth)
        --depth;
      break;
    default:
      break;
    }
  }
  return nullptr;
}

Error hcgs::checkIRNesting(const MemoryBuffer &contents) {
  StringRef text = contents.getBuffer();
  if (text.starts_with("ML\xefR"))
    return Error::success();
  const char *where = findTooDeepNesting(text);
  if (!where)
    return Error::success();
  size_t line = 1 + StringRef(text.data(), where - text.data()).count('\n');
  return createStringError(contents.getBufferIdentifier() + ":" + Twine(line) +
                           ": the IR nests more than " +
                           Twine(kMaxIRNestingDepth) + " brackets deep");
}

Expected<mlir::OwningOpRef<mlir::ModuleOp>>
hcgs::parseModule(std::unique_ptr<MemoryBuffer> contents,
                  mlir::MLIRContext &context) {
  if (Error error = checkIRNesting(*contents))
    return std::move(error);
  FirstErrorCapture capture(&context);
  auto sourceMgr = std::make_shared<SourceMgr>();
  sourceMgr->AddNewSourceBuffer(std::move(contents), SMLoc());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr,
                                            mlir::ParserConfig(&context));
  if (!module)
    return createStringError(capture.getMessage().empty()
                                 ? "cannot parse the model"
                                 : capture.getMessage());
  return module;
}

Expected<mlir::OwningOpRef<mlir::ModuleOp>>
hcgs::parseModuleFile(StringRef path, mlir::MLIRContext &context) {
  tools::InputFileOptions options;
  options.allowStdin = true;
  // The parser reads up to a terminating null.
  options.requiresNullTerminator = true;
  Expected<std::unique_ptr<MemoryBuffer>> buffer =
      tools::readInputFile(path, options);
  if (!buffer)
    return buffer.takeError();
  return parseModule(std::move(*buffer), context);
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

Error hcgs::writeModule(mlir::ModuleOp module, raw_ostream &os, bool bytecode) {
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
