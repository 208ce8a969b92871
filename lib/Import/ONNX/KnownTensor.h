//===- KnownTensor.h - tensors whose values the importer knows --*- C++ -*-===//
//
// Initializers, Constant nodes and everything computed from them alone are
// kept on the host while importing, so that shape computations (Shape,
// Gather, Concat, ConstantOfShape, ...) and weight rearrangements (Slice,
// Concat, Transpose of weights) fold away. A known tensor becomes an
// `arith.constant` only where runtime IR uses it.
//
// Two kinds of partial knowledge are kept:
//   - a splat (ConstantOfShape, Expand of a scalar) stores one value and may
//     have dynamic dimensions, so zero initial states of a model with a
//     dynamic batch size fold too;
//   - the shape of a tensor with dynamic dimensions gives an integer vector
//     with unknown elements; whoever needs such an element says which
//     dynamic dimension it came from.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_IMPORT_ONNX_KNOWNTENSOR_H
#define HCGS_LIB_IMPORT_ONNX_KNOWNTENSOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hcgs::onnximport {

/// The dynamic size of a dimension (same value as mlir::ShapedType::kDynamic).
inline constexpr int64_t kDynamic = INT64_MIN;

/// The largest number of elements a tensor type may have; larger shapes are
/// refused before anything is computed from them.
inline constexpr int64_t kMaxTypeElements = int64_t(1) << 32;
/// The largest rank taken: far above what LSTM models use, and small
/// enough that per-dimension loops stay cheap.
inline constexpr int64_t kMaxRank = 32;
/// The largest number of elements the importer materializes on the host for
/// a folded tensor (a splat of any size costs one element).
inline constexpr int64_t kMaxFoldedElements = int64_t(1) << 26;

/// Element types the importer computes with. Float data of any width is
/// converted to f32 when read.
enum class ElementKind { F32, I32, I64 };
const char *getElementKindName(ElementKind kind);
inline bool isInteger(ElementKind kind) { return kind != ElementKind::F32; }

/// The number of elements of a static shape, or std::nullopt when a
/// dimension is dynamic or negative or the product exceeds `limit`.
std::optional<int64_t> getNumElements(llvm::ArrayRef<int64_t> shape,
                                      int64_t limit = kMaxTypeElements);

/// Fails when `shape` has more than kMaxRank dimensions or its static
/// dimensions more than kMaxTypeElements elements: shapes from a model are
/// checked before anything multiplies them.
llvm::Error checkShapeSize(llvm::ArrayRef<int64_t> shape);

/// Prints a shape as [2, ?, 4].
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// Row-major strides of a static shape.
llvm::SmallVector<int64_t> getRowMajorStrides(llvm::ArrayRef<int64_t> shape);

class KnownTensor {
public:
  /// A dense tensor; `values` has one entry per element of `shape`.
  static KnownTensor getFloats(llvm::ArrayRef<int64_t> shape,
                              std::vector<float> values);
  static KnownTensor getInts(ElementKind kind, llvm::ArrayRef<int64_t> shape,
                            std::vector<int64_t> values);
  /// A tensor of `shape` (which may have dynamic dimensions) whose elements
  /// all equal the single element of `element`.
  static KnownTensor getSplat(const KnownTensor &element,
                             llvm::ArrayRef<int64_t> shape);
  /// An integer vector (the shape of a tensor) with unknown entries where
  /// `dims` is dynamic; `describe(i)` says where dimension i comes from.
  static KnownTensor
  getShapeOf(llvm::ArrayRef<int64_t> dims,
             llvm::function_ref<std::string(size_t)> describe);

  ElementKind getKind() const { return kind; }
  llvm::ArrayRef<int64_t> getShape() const { return shape; }
  int64_t getRank() const { return shape.size(); }
  bool isSplat() const { return splat; }
  bool hasStaticShape() const;
  /// Number of stored elements: 1 for a splat.
  size_t getNumStored() const {
    return kind == ElementKind::F32 ? getFloats().size() : ints.size();
  }
  /// Number of elements; requires a static shape.
  int64_t getNumElements() const;

  /// Whether every element is known (see the file comment).
  bool isKnown() const { return unknown.empty(); }
  /// Whether element `index` in row-major order is known.
  bool isKnownAt(int64_t index) const {
    return unknown.empty() || !unknown[splat ? 0 : index];
  }
  /// Why some element is unknown, e.g. "dimension 1 of 'x' is dynamic".
  const std::string &getUnknownReason() const { return unknownReason; }

  /// Element `index` in row-major order (any index for a splat).
  double getDouble(int64_t index) const;
  int64_t getInt(int64_t index) const;
  llvm::ArrayRef<float> getFloats() const {
    return floats ? llvm::ArrayRef<float>(*floats) : llvm::ArrayRef<float>();
  }
  /// The float elements themselves, for a constant that keeps them without
  /// a copy (they never change).
  std::shared_ptr<const std::vector<float>> shareFloats() const {
    return floats;
  }

  /// The known integer values of a tensor, as a flat vector.
  llvm::Expected<std::vector<int64_t>> getKnownInts() const;
  /// Whether every element is known and equals zero.
  bool isAllZero() const;

  /// The same elements with another shape (same element count, unless this
  /// is a splat).
  KnownTensor reshaped(llvm::ArrayRef<int64_t> newShape) const;

  /// A tensor of shape `newShape` whose element i is element
  /// `sourceIndex(i)` of this one. `fillSourceIndices` is called only for
  /// dense tensors (whose shapes are static), with a vector to fill with one
  /// flat index per element; a splat stays a splat. Fails when the result would
  /// be too large.
  llvm::Expected<KnownTensor> remap(
      llvm::ArrayRef<int64_t> newShape,
      llvm::function_ref<void(std::vector<int64_t> &)> fillSourceIndices) const;

  /// The flat elements of `parts` (same kind, all dense or splat with static
  /// shapes) one after the other, as a 1-D tensor.
  static llvm::Expected<KnownTensor>
  join(llvm::ArrayRef<const KnownTensor *> parts);

  /// Converts the elements to `newKind`; fails for float values that do not
  /// fit the integer type.
  llvm::Expected<KnownTensor> castTo(ElementKind newKind) const;

private:
  KnownTensor(ElementKind kind, llvm::ArrayRef<int64_t> shape)
      : kind(kind), shape(shape.begin(), shape.end()) {}

  ElementKind kind;
  llvm::SmallVector<int64_t, 4> shape;
  bool splat = false;
  /// Shared by copies of the tensor (reshapes, casts that keep the kind)
  /// and by the constants made from it; set once, never modified.
  std::shared_ptr<const std::vector<float>> floats;
  std::vector<int64_t> ints;
  /// Empty when everything is known, else one flag per stored element.
  std::vector<bool> unknown;
  std::string unknownReason;
};

/// Source flat indices of a strided view: element (j_0, ..., j_n) of `shape`
/// reads `offset + sum_d j_d * strides[d]`.
void fillStridedIndices(std::vector<int64_t> &indices, int64_t offset,
                        llvm::ArrayRef<int64_t> shape,
                        llvm::ArrayRef<int64_t> strides);

} // namespace hcgs::onnximport

#endif // HCGS_LIB_IMPORT_ONNX_KNOWNTENSOR_H
