//===- Tensor.h - a dense tensor of numbers ---------------------*- C++ -*-===//
//
// The tensor that hcgs tools read from and write to files: an element type, a
// shape and the elements in row-major (C) order. It is independent of MLIR so
// that hcgs-run, which links no MLIR, reads and writes it; the simulator
// itself takes host tensors (sim::HostTensor) and does not use it.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_RUNTIME_TENSOR_TENSOR_H
#define HCGS_RUNTIME_TENSOR_TENSOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cassert>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hcgs {

/// The element types tensor files can hold. Float16 has no C++ type here: its
/// elements are only reachable as bytes.
enum class ElementType : uint8_t {
  Bool,
  Int8,
  UInt8,
  Int16,
  UInt16,
  Int32,
  UInt32,
  Int64,
  UInt64,
  Float16,
  Float32,
  Float64,
};

/// Size of one element in bytes.
size_t getElementSize(ElementType type);

/// The type as MLIR spells it (f32, i64, ui8, f16), and "bool".
llvm::StringRef getElementTypeName(ElementType type);

/// Maps a C++ type to its ElementType; only the types listed are accessible
/// as typed values.
template <typename T> struct ElementTypeOf;
#define HCGS_ELEMENT_TYPE_OF(CType, Kind)                                      \
  template <> struct ElementTypeOf<CType> {                                    \
    static constexpr ElementType value = ElementType::Kind;                    \
  };
HCGS_ELEMENT_TYPE_OF(bool, Bool)
HCGS_ELEMENT_TYPE_OF(int8_t, Int8)
HCGS_ELEMENT_TYPE_OF(uint8_t, UInt8)
HCGS_ELEMENT_TYPE_OF(int16_t, Int16)
HCGS_ELEMENT_TYPE_OF(uint16_t, UInt16)
HCGS_ELEMENT_TYPE_OF(int32_t, Int32)
HCGS_ELEMENT_TYPE_OF(uint32_t, UInt32)
HCGS_ELEMENT_TYPE_OF(int64_t, Int64)
HCGS_ELEMENT_TYPE_OF(uint64_t, UInt64)
HCGS_ELEMENT_TYPE_OF(float, Float32)
HCGS_ELEMENT_TYPE_OF(double, Float64)
#undef HCGS_ELEMENT_TYPE_OF

/// Formats a shape as [2, 3, 4]; negative entries print as ? (unknown).
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// Checks that every dimension is non-negative and that the tensor's size in
/// bytes fits in int64_t; returns that size. Call it on untrusted shapes before
/// allocating.
llvm::Expected<int64_t> getCheckedByteSize(ElementType type,
                                           llvm::ArrayRef<int64_t> shape);

/// A dense tensor that owns its elements, stored row-major in little-endian
/// byte order (the host's: hcgs builds only on little-endian hosts).
class Tensor {
public:
  /// An empty f32 tensor of shape [0].
  Tensor() : Tensor(ElementType::Float32, {0}) {}
  /// A zero-filled tensor. The shape must pass getCheckedByteSize.
  Tensor(ElementType type, llvm::ArrayRef<int64_t> shape);
  /// A tensor holding a copy of `values`.
  template <typename T>
  static Tensor fromValues(llvm::ArrayRef<int64_t> shape,
                           llvm::ArrayRef<T> values) {
    Tensor tensor(ElementTypeOf<T>::value, shape);
    assert(static_cast<int64_t>(values.size()) == tensor.getNumElements() &&
           "value count does not match the shape");
    llvm::copy(values, tensor.getMutableValues<T>().begin());
    return tensor;
  }

  ElementType getElementType() const { return type; }
  llvm::ArrayRef<int64_t> getShape() const { return shape; }
  int64_t getRank() const { return shape.size(); }
  int64_t getDimSize(int64_t dim) const { return shape[dim]; }
  int64_t getNumElements() const { return numElements; }

  llvm::ArrayRef<uint8_t> getBytes() const { return bytes; }
  llvm::MutableArrayRef<uint8_t> getMutableBytes() { return bytes; }

  /// The elements as `T`, which must be the tensor's element type.
  template <typename T> llvm::ArrayRef<T> getValues() const {
    assert(ElementTypeOf<T>::value == type && "wrong element type");
    return llvm::ArrayRef<T>(reinterpret_cast<const T *>(bytes.data()),
                             static_cast<size_t>(numElements));
  }
  template <typename T> llvm::MutableArrayRef<T> getMutableValues() {
    assert(ElementTypeOf<T>::value == type && "wrong element type");
    return llvm::MutableArrayRef<T>(reinterpret_cast<T *>(bytes.data()),
                                    static_cast<size_t>(numElements));
  }

  /// Same type, shape and bytes.
  bool operator==(const Tensor &other) const {
    return type == other.type && shape == other.shape && bytes == other.bytes;
  }
  bool operator!=(const Tensor &other) const { return !(*this == other); }

private:
  ElementType type;
  std::vector<int64_t> shape;
  int64_t numElements;
  // The default allocator aligns to max_align_t, enough for every element type.
  std::vector<uint8_t> bytes;
};

/// Tensors by name; ordered, so that walking it is deterministic.
using TensorMap = std::map<std::string, Tensor>;

} // namespace hcgs

#endif // HCGS_RUNTIME_TENSOR_TENSOR_H
