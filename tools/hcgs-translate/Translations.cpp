//===- Translations.cpp - every translation of hcgs-translate -------------===//
//
// One registration per translation, with the flags that only it reads.
//
//===----------------------------------------------------------------------===//

#include "Translation.h"

#include "hcgs/Import/ONNX.h"

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
}

} // namespace hcgs
