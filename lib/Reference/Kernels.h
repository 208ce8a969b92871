//===- Kernels.h - what the reference executor runs for each op -*- C++ -*-===//

#ifndef HCGS_LIB_REFERENCE_KERNELS_H
#define HCGS_LIB_REFERENCE_KERNELS_H

#include "hcgs/Dialect/HCGS/HCGSOps.h"
#include "hcgs/Reference/Executor.h"
#include "hcgs/Runtime/Tensor/Tensor.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <vector>

namespace hcgs::reference {

/// What every kernel of a run shares: the tensor size limit and the
/// rounding of quantized values.
class KernelContext {
public:
  KernelContext(int64_t maxBytes, bool roundTiesToEven,
                RunObserver *observer = nullptr)
      : maxBytes(maxBytes), roundTiesToEven(roundTiesToEven),
        observer(observer) {}

  /// Who sees the run's values, or null.
  RunObserver *getObserver() const { return observer; }

  /// Creates a zero-filled tensor, refusing one larger than the executor
  /// allows.
  llvm::Expected<Tensor> create(ElementType type,
                                llvm::ArrayRef<int64_t> shape) const;

  /// `value` rounded to `format` (of `row`, for per-row formats), as the
  /// accelerator rounds; `value` itself when `format` is null (an
  /// unquantized model).
  double quantize(double value, FixedPointAttr format, int64_t row = 0) const {
    return format ? format.quantize(value, row, roundTiesToEven) : value;
  }

  /// Rounds every row of a row-major matrix to its row's format, the
  /// matrix's first row being row `firstRow` of the format.
  void quantizeRows(llvm::MutableArrayRef<float> matrix, int64_t cols,
                    FixedPointAttr format, int64_t firstRow = 0) const;

private:
  int64_t maxBytes;
  bool roundTiesToEven;
  RunObserver *observer;
};

/// The tensor an SSA value holds during a run.
using ValueLookup = llvm::function_ref<const Tensor &(mlir::Value)>;

/// Each kernel computes the results of one op from the tensors of its
/// operands. Operand types are those the op verifier allows, with dynamic
/// dimensions of any size: kernels check the sizes that must agree and fail
/// with a message (without the op's name, which the caller adds).
llvm::Expected<std::vector<Tensor>> runLSTM(LSTMOp op, ValueLookup valueOf,
                                            const KernelContext &context);
llvm::Expected<Tensor> runFC(FCOp op, ValueLookup valueOf,
                             const KernelContext &context);
llvm::Expected<Tensor> runTranspose(TransposeOp op, ValueLookup valueOf,
                                    const KernelContext &context);
llvm::Expected<Tensor> runReshape(ReshapeOp op, ValueLookup valueOf,
                                  const KernelContext &context);
llvm::Expected<Tensor> runConcat(ConcatOp op, ValueLookup valueOf,
                                 const KernelContext &context);
llvm::Expected<Tensor> runSlice(SliceOp op, ValueLookup valueOf,
                                const KernelContext &context);

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
