//===- TensorProtoFuzzer.cpp - ONNX TensorProto .pb files -----------------===//

#include "hcgs/Runtime/Tensor/TensorIO.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  std::string name;
  llvm::Expected<hcgs::Tensor> tensor = hcgs::parseTensorProto(bytes, &name);
  if (!tensor)
    llvm::consumeError(tensor.takeError());
  return 0;
}
