//===- Kernels.h - what the reference executor runs for each op -*- C++ -*-===//

#ifndef HCGS_LIB_REFERENCE_KERNELS_H
#define HCGS_LIB_REFERENCE_KERNELS_H

#include "HCGS/HCGSOps.h"
#include "hcgs/Support/Tensor.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <vector>

namespace hcgs::reference {

/// Creates zero-filled tensors, refusing any larger than the executor allows.
class TensorFactory {
public:
  explicit TensorFactory(int64_t maxBytes) : maxBytes(maxBytes) {}
  llvm::Expected<Tensor> create(ElementType type,
                                llvm::ArrayRef<int64_t> shape) const;

private:
  int64_t maxBytes;
};

/// The tensor an SSA value holds during a run.
using ValueLookup = llvm::function_ref<const Tensor &(mlir::Value)>;

/// Each kernel computes the results of one op from the tensors of its
/// operands. Operand types are those the op verifier allows, with dynamic
/// dimensions of any size: kernels check the sizes that must agree and fail
/// with a message (without the op's name, which the caller adds).
llvm::Expected<std::vector<Tensor>> runLSTM(LSTMOp op, ValueLookup valueOf,
                                            const TensorFactory &factory);
llvm::Expected<Tensor> runFC(FCOp op, ValueLookup valueOf,
                             const TensorFactory &factory);
llvm::Expected<Tensor> runTranspose(TransposeOp op, ValueLookup valueOf,
                                    const TensorFactory &factory);
llvm::Expected<Tensor> runReshape(ReshapeOp op, ValueLookup valueOf,
                                  const TensorFactory &factory);
llvm::Expected<Tensor> runConcat(ConcatOp op, ValueLookup valueOf,
                                 const TensorFactory &factory);
llvm::Expected<Tensor> runSlice(SliceOp op, ValueLookup valueOf,
                                const TensorFactory &factory);

/// sum_k a[k] * b[k] in double. The fixed order of its partial sums keeps
/// results deterministic.
double dot(const float *a, const float *b, int64_t n);

/// Zeroes the entries of a row-major `rows x cols` matrix that `mask` drops.
/// The mask covers `mask.getRows()` rows and repeats down the matrix (the
/// four gates of an LSTM share one mask); `rows` is a multiple of them.
llvm::Error applyMask(BlockMaskAttr mask, llvm::MutableArrayRef<float> matrix,
                      int64_t rows, int64_t cols);

/// Fails, naming `what` and the `meaning` of its dimensions, unless `tensor`
/// has the shape `expected`.
llvm::Error checkShape(llvm::StringRef what, const Tensor &tensor,
                       llvm::ArrayRef<int64_t> expected,
                       llvm::StringRef meaning);

} // namespace hcgs::reference

#endif // HCGS_LIB_REFERENCE_KERNELS_H
