//===- NpyFuzzer.cpp - .npy files as hcgs-run reads them ------------------===//

#include "hcgs/Runtime/Tensor/TensorIO.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  llvm::Expected<hcgs::Tensor> tensor = hcgs::parseNpy(bytes);
  if (!tensor) {
    llvm::consumeError(tensor.takeError());
    return 0;
  }
  // A tensor that parses writes back and parses to itself.
  std::string written;
  llvm::raw_string_ostream os(written);
  hcgs::writeNpy(*tensor, os);
  llvm::Expected<hcgs::Tensor> again = hcgs::parseNpy(written);
  if (!again || !(*again == *tensor))
    __builtin_trap();
  return 0;
}
