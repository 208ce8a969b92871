//===- Translations.cpp - every translation of hcgs-translate -------------===//
//
// One registration per translation, with the flags that only it reads.
//
//===----------------------------------------------------------------------===//

#include "Translation.h"
#include "hcgs/IR/TensorAttr.h"

#include "hcgs/Import/ONNX.h"
#include "hcgs/Translate/Program.h"

#include "llvm/Support/CommandLine.h"

using namespace llvm;

namespace {

//===----------------------------------------------------------------------===//
// --import-onnx
//===----------------------------------------------------------------------===//

/// NAME=SIZE of --dim.
struct DimSize {
  std::string name;
  int64_t size = 0;
};

/// Parses NAME=SIZE (the last '=' separates them: ONNX names may hold any
/// character) so that a malformed value is a usage error.
class DimSizeParser : public cl::basic_parser<DimSize> {
public:
  using basic_parser::basic_parser;

  bool parse(cl::Option &option, StringRef, StringRef arg, DimSize &value) {
    auto [name, size] = arg.rsplit('=');
    if (name.empty() || size.getAsInteger(10, value.size) || value.size < 0)
      return option.error("expected NAME=SIZE with SIZE >= 0, got '" + arg +
                          "'");
    value.name = name.str();
    return false;
  }
  StringRef getValueName() const override { return "NAME=SIZE"; }
};

cl::OptionCategory onnxCategory("--import-onnx options");

/// NAME=FILE of --bind.
struct Binding {
  std::string name, file;
};

class BindingParser : public cl::basic_parser<Binding> {
public:
  using basic_parser::basic_parser;

  bool parse(cl::Option &option, StringRef, StringRef arg, Binding &value) {
    auto [name, file] = arg.rsplit('=');
    if (name.empty() || file.empty())
      return option.error("expected NAME=FILE, got '" + arg + "'");
    value = {name.str(), file.str()};
    return false;
  }
  StringRef getValueName() const override { return "NAME=FILE"; }
};

cl::list<Binding, bool, BindingParser> bindings(
    "bind",
    cl::desc("Import the graph input NAME as a constant with the value in "
             "FILE, an ONNX TensorProto (.pb) (repeatable)"),
    cl::cat(onnxCategory));

cl::list<DimSize, bool, DimSizeParser> dimSizes(
    "dim",
    cl::desc("Give the symbolic dimension NAME of the graph inputs the size "
             "SIZE (repeatable)"),
    cl::cat(onnxCategory));

Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importONNX(StringRef inputPath, mlir::MLIRContext &context) {
  hcgs::ONNXImportOptions options;
  for (const DimSize &dim : dimSizes)
    options.dimParams[dim.name] = dim.size;
  for (const Binding &binding : bindings) {
    Expected<mlir::DenseElementsAttr> value =
        hcgs::readTensorFileAsAttr(binding.file, &context);
    if (!value)
      return createStringError("--bind " + binding.name + ": " +
                               toString(value.takeError()));
    options.constantInputs[binding.name] = *value;
  }
  return hcgs::importONNXModel(inputPath, context, options);
}

} // namespace

namespace hcgs {

void registerTranslations(TranslationRegistry &registry) {
  registerONNXImportDialects(registry.getDialects());
  registry.addOptionCategory(onnxCategory);
  registry.addImport("import-onnx",
                     "Import an ONNX model (.onnx) into func/hcgs IR",
                     importONNX);

  program::registerProgramDialects(registry.getDialects());
  registry.addExport(
      "export-program",
      "Write the hcgs_isa.program of the input as a program file (.hcgsb)",
      [](mlir::ModuleOp module, raw_ostream &output) {
        return program::exportProgram(module, output);
      });
  registry.addImport("import-program",
                     "Load a program file (.hcgsb) as an hcgs_isa.program",
                     program::importProgramFile);
  registry.addConversion(
      "disassemble-program",
      "List a program file (.hcgsb): header, then each instruction with its "
      "index, word offset and the symbols it addresses",
      program::disassembleProgramFile);
}

} // namespace hcgs
