//===- ONNXImportFuzzer.cpp - ONNX models as hcgs-translate reads them ----===//
//
// Bytes -> ModelProto -> hcgs IR -> verifier. External data is looked up in
// an empty folder of the fuzzer's own, so nothing outside it is read.

#include "hcgs/Import/ONNX.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cstddef>
#include <cstdint>

namespace {
/// A model path in an empty folder created once.
const std::string &getModelPath() {
  static const std::string path = [] {
    llvm::SmallString<128> folder;
    if (llvm::sys::fs::createUniqueDirectory("hcgs-onnx-fuzz", folder))
      __builtin_trap();
    llvm::sys::path::append(folder, "model.onnx");
    return std::string(folder);
  }();
  return path;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mlir::DialectRegistry registry;
  hcgs::registerONNXImportDialects(registry);
  mlir::MLIRContext context(registry);
  context.printOpOnDiagnostic(false);
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
      hcgs::importONNXModelFromBytes(bytes, getModelPath(), context);
  if (!module) {
    llvm::consumeError(module.takeError());
    return 0;
  }
  // What the importer returns verifies.
  if (mlir::failed(mlir::verify(**module)))
    __builtin_trap();
  return 0;
}
