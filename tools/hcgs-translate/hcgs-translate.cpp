//===- hcgs-translate.cpp - convert between MLIR and other formats --------===//
//
//   hcgs-translate --import-onnx MODEL.onnx [-o OUT.mlir | -o OUT.mlirbc]
//   hcgs-translate --export-program IN.mlir -o P.hcgsb
//   hcgs-translate --import-program P.hcgsb [-o OUT.mlir | -o OUT.mlirbc]
//   hcgs-translate --disassemble-program P.hcgsb [-o LISTING.txt]
//
// Exactly one translation flag picks what to do (see Translation.h). MLIR
// output is text, or bytecode when the output file ends in .mlirbc or
// --emit-bytecode is given. Problems are reported on one line as
// "hcgs-translate: error: ..."; the exit code is 0 on success, 1 for a
// problem in the input or in writing the output and 2 for a usage error
// (an output that is the input is one). The output is written whole or not
// at all.
//
//===----------------------------------------------------------------------===//

#include "Translation.h"
#include "hcgs/IR/ModuleFiles.h"
#include "hcgs/Runtime/Tool/CommandLine.h"
#include "hcgs/Runtime/Tool/Files.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

#include <optional>

using namespace llvm;
using hcgs::tools::kInputError;
using hcgs::tools::kUsageError;

namespace {

constexpr const char *kToolName = "hcgs-translate";

int fail(int exitCode, const Twine &message) {
  return hcgs::tools::fail(kToolName, exitCode, message);
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

  if (std::optional<std::string> problem = hcgs::tools::parseCommandLine(
          argc, argv, "hcgs translation driver\n", shown))
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

  std::vector<hcgs::tools::RunFile> inputs{{"the input", inputPath.str()}};
  if (translation->otherInputsFn)
    translation->otherInputsFn(inputs);
  if (Error error = hcgs::tools::checkDistinctFiles(
          inputs, {{"-o", outputPath.getValue()}}))
    return hcgs::tools::failWith(kToolName, std::move(error));
  hcgs::tools::OutputFiles outputs;
  Expected<raw_ostream &> output = outputs.open(outputPath);
  if (!output)
    return hcgs::tools::failWith(kToolName, output.takeError());

  mlir::MLIRContext context(registry.getDialects());
  if (translation->importFn) {
    Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
        translation->importFn(inputPath, context);
    if (!module)
      return hcgs::tools::failWith(kToolName, module.takeError());
    bool bytecode =
        emitBytecode || sys::path::extension(outputPath) == ".mlirbc";
    if (Error writeError = hcgs::writeModule(**module, *output, bytecode))
      return fail(kUsageError, toString(std::move(writeError)));
  } else if (translation->convertFn) {
    if (Error convertError =
            translation->convertFn(inputPath, *output, context))
      return fail(kInputError, toString(std::move(convertError)));
  } else {
    Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
        hcgs::parseModuleFile(inputPath, context);
    if (!module)
      return fail(kInputError, toString(module.takeError()));
    if (Error exportError = translation->exportFn(**module, *output))
      return fail(kInputError, toString(std::move(exportError)));
  }
  if (Error error = outputs.commit())
    return hcgs::tools::failWith(kToolName, std::move(error));
  return hcgs::tools::kSuccess;
}
