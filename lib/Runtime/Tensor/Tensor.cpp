//===- Tensor.cpp - a dense tensor of numbers -----------------------------===//

#include "hcgs/Runtime/Tensor/Tensor.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace hcgs;

size_t hcgs::getElementSize(ElementType type) {
  switch (type) {
  case ElementType::Bool:
  case ElementType::Int8:
  case ElementType::UInt8:
    return 1;
  case ElementType::Int16:
  case ElementType::UInt16:
  case ElementType::Float16:
    return 2;
  case ElementType::Int32:
  case ElementType::UInt32:
  case ElementType::Float32:
    return 4;
  case ElementType::Int64:
  case ElementType::UInt64:
  case ElementType::Float64:
    return 8;
  }
  llvm_unreachable("unknown element type");
}

llvm::StringRef hcgs::getElementTypeName(ElementType type) {
  switch (type) {
  case ElementType::Bool:
    return "bool";
  case ElementType::Int8:
    return "i8";
  case ElementType::UInt8:
    return "ui8";
  case ElementType::Int16:
    return "i16";
  case ElementType::UInt16:
    return "ui16";
  case ElementType::Int32:
    return "i32";
  case ElementType::UInt32:
    return "ui32";
  case ElementType::Int64:
    return "i64";
  case ElementType::UInt64:
    return "ui64";
  case ElementType::Float16:
    return "f16";
  case ElementType::Float32:
    return "f32";
  case ElementType::Float64:
    return "f64";
  }
  llvm_unreachable("unknown element type");
}

std::string hcgs::formatShape(llvm::ArrayRef<int64_t> shape) {
  std::string text = "[";
  llvm::raw_string_ostream os(text);
  llvm::interleaveComma(shape, os, [&](int64_t dim) {
    if (dim < 0)
      os << '?';
    else
      os << dim;
  });
  os << ']';
  return text;
}

llvm::Expected<int64_t>
hcgs::getCheckedByteSize(ElementType type, llvm::ArrayRef<int64_t> shape) {
  int64_t bytes = getElementSize(type);
  for (int64_t dim : shape) {
    if (dim < 0)
      return llvm::createStringError("shape " + formatShape(shape) +
                                     " has a negative dimension");
    if (llvm::MulOverflow(bytes, dim, bytes))
      return llvm::createStringError("shape " + formatShape(shape) + " of " +
                                     getElementTypeName(type).str() +
                                     " is too large (its size overflows)");
  }
  return bytes;
}

Tensor::Tensor(ElementType type, llvm::ArrayRef<int64_t> shape)
    : type(type), shape(shape.begin(), shape.end()) {
  llvm::Expected<int64_t> byteSize = getCheckedByteSize(type, shape);
  if (!byteSize)
    llvm::report_fatal_error(byteSize.takeError());
  numElements = *byteSize / getElementSize(type);
  bytes.assign(*byteSize, 0);
}
