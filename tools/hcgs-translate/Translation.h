//===- Translation.h - the translations of hcgs-translate -------*- C++ -*-===//
//
// hcgs-translate converts between MLIR and other formats. Each translation
// is a flag (--import-onnx, ...) registered here with a function:
//   - an import reads the input file and builds a module; the tool writes
//     it as MLIR text or bytecode;
//   - an export gets the module the tool parsed from the input (MLIR text
//     or bytecode) and writes its own format.
// The tool does everything else the same way for all of them: flags, files,
// one-line errors and exit codes.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_TOOLS_HCGS_TRANSLATE_TRANSLATION_H
#define HCGS_TOOLS_HCGS_TRANSLATE_TRANSLATION_H

#include "hcgs/Runtime/Tool/Files.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <string>
#include <vector>

namespace mlir {
class DialectRegistry;
class MLIRContext;
} // namespace mlir

namespace hcgs {

/// Builds a module from the file at `inputPath`. The error's message is one
/// line.
using ImportFunction =
    std::function<llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>(
        llvm::StringRef inputPath, mlir::MLIRContext &context)>;
/// Writes `module` to `output`. The error's message is one line.
using ExportFunction = std::function<llvm::Error(mlir::ModuleOp module,
                                                 llvm::raw_ostream &output)>;
/// Reads the file at `inputPath` and writes something else (neither side is
/// MLIR, e.g. a disassembly). The error's message is one line.
using ConvertFunction = std::function<llvm::Error(llvm::StringRef inputPath,
                                                  llvm::raw_ostream &output,
                                                  mlir::MLIRContext &context)>;

/// Appends the files a translation reads besides its input (--bind FILEs),
/// so that the output is never one of them.
using InputFilesFunction =
    std::function<void(std::vector<tools::RunFile> &files)>;

struct Translation {
  /// The flag without dashes, e.g. "import-onnx".
  std::string flag;
  std::string description;
  /// Exactly one of the three is set.
  ImportFunction importFn;
  ExportFunction exportFn;
  ConvertFunction convertFn;
  /// Set when the translation reads other files than its input.
  InputFilesFunction otherInputsFn;
};

class TranslationRegistry {
public:
  void addImport(llvm::StringRef flag, llvm::StringRef description,
                 ImportFunction function,
                 InputFilesFunction otherInputs = nullptr);
  void addExport(llvm::StringRef flag, llvm::StringRef description,
                 ExportFunction function);
  void addConversion(llvm::StringRef flag, llvm::StringRef description,
                     ConvertFunction function);
  const std::vector<Translation> &getTranslations() const {
    return translations;
  }
  /// Dialects that every translation's modules may use.
  mlir::DialectRegistry &getDialects() { return *dialects; }
  /// Categories of the translations' own flags, listed by --help.
  void addOptionCategory(const llvm::cl::OptionCategory &category) {
    optionCategories.push_back(&category);
  }
  llvm::ArrayRef<const llvm::cl::OptionCategory *> getOptionCategories() const {
    return optionCategories;
  }

  TranslationRegistry();
  ~TranslationRegistry();

private:
  std::vector<Translation> translations;
  std::unique_ptr<mlir::DialectRegistry> dialects;
  std::vector<const llvm::cl::OptionCategory *> optionCategories;
};

/// Registers every translation of hcgs-translate (see Translations.cpp).
void registerTranslations(TranslationRegistry &registry);

} // namespace hcgs

#endif // HCGS_TOOLS_HCGS_TRANSLATE_TRANSLATION_H
