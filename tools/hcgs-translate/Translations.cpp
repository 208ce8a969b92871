//===- Translations.cpp - every translation of hcgs-translate -------------===//
//
// One registration per translation, with the flags that only it reads.
//
//===----------------------------------------------------------------------===//

#include "Translation.h"
#include "hcgs/Import/ONNX.h"
#include "hcgs/Translate/Program.h"

#include "llvm/Support/CommandLine.h"

using namespace llvm;

namespace {

//===----------------------------------------------------------------------===//
// --import-onnx
//===----------------------------------------------------------------------===//

cl::OptionCategory onnxCategory("--import-onnx options");

cl::list<std::string> bindings(
    "bind",
    cl::desc("Import the graph input NAME as a constant with the value in "
             "FILE, .npy or an ONNX TensorProto (.pb) (repeatable)"),
    cl::value_desc("NAME=FILE"), cl::cat(onnxCategory));

cl::list<std::string> dimSizes(
    "dim",
    cl::desc("Give the symbolic dimension NAME of the graph inputs the size "
             "SIZE (repeatable)"),
    cl::value_desc("NAME=SIZE"), cl::cat(onnxCategory));

Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importONNX(StringRef inputPath, mlir::MLIRContext &context) {
  Expected<hcgs::ONNXImportOptions> options =
      hcgs::parseImportFlags(bindings, dimSizes, context);
  if (!options)
    return options.takeError();
  return hcgs::importONNXModel(inputPath, context, *options);
}

} // namespace

namespace hcgs {

void registerTranslations(TranslationRegistry &registry) {
  registerONNXImportDialects(registry.getDialects());
  registry.addOptionCategory(onnxCategory);
  registry.addImport("import-onnx",
                     "Import an ONNX model (.onnx) into func/hcgs IR",
                     importONNX, [](std::vector<tools::RunFile> &files) {
                       tools::appendAssignedFiles("--bind", bindings, files);
                     });

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
