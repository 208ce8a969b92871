//===- Translation.cpp - the translations of hcgs-translate ---------------===//

#include "Translation.h"

#include "mlir/IR/DialectRegistry.h"

namespace hcgs {

TranslationRegistry::TranslationRegistry()
    : dialects(std::make_unique<mlir::DialectRegistry>()) {}

TranslationRegistry::~TranslationRegistry() = default;

void TranslationRegistry::addImport(llvm::StringRef flag,
                                    llvm::StringRef description,
                                    ImportFunction function,
                                    InputFilesFunction otherInputs) {
  translations.push_back({flag.str(), description.str(), std::move(function),
                          nullptr, nullptr, std::move(otherInputs)});
}

void TranslationRegistry::addExport(llvm::StringRef flag,
                                    llvm::StringRef description,
                                    ExportFunction function) {
  translations.push_back(
      {flag.str(), description.str(), nullptr, std::move(function), nullptr, nullptr});
}

void TranslationRegistry::addConversion(llvm::StringRef flag,
                                        llvm::StringRef description,
                                        ConvertFunction function) {
  translations.push_back(
      {flag.str(), description.str(), nullptr, nullptr, std::move(function), nullptr});
}

} // namespace hcgs
