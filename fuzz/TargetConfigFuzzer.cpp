//===- TargetConfigFuzzer.cpp - --target-config JSON files ----------------===//

#include "hcgs/Runtime/Target/Target.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  llvm::Expected<llvm::json::Value> json = llvm::json::parse(text);
  if (!json) {
    llvm::consumeError(json.takeError());
    return 0;
  }
  llvm::Expected<hcgs::Target> target =
      hcgs::getTargetPreset(hcgs::kDefaultTargetName);
  if (!target)
    __builtin_trap();
  hcgs::Target before = *target;
  if (llvm::Error error = hcgs::applyTargetOverrides(*target, *json)) {
    llvm::consumeError(std::move(error));
    // A failed override leaves the target as it was.
    if (*target != before)
      __builtin_trap();
    return 0;
  }
  // An accepted target is valid and survives its own JSON.
  if (llvm::Error error = hcgs::validateTarget(*target)) {
    llvm::consumeError(std::move(error));
    __builtin_trap();
  }
  hcgs::Target again;
  if (llvm::Error error = hcgs::applyTargetOverrides(
          again, llvm::json::Value(hcgs::targetToJSON(*target)))) {
    llvm::consumeError(std::move(error));
    __builtin_trap();
  }
  if (again != *target)
    __builtin_trap();
  return 0;
}
