//===- TensorIO.h - tensor files: .npy and ONNX TensorProto -----*- C++ -*-===//
//
// Readers and writers of the tensor files hcgs tools exchange with users:
// numpy's .npy format (versions 1 to 3, little-endian, C order) and ONNX
// TensorProto messages as ONNX's backend test data stores them (.pb). Every
// reader treats its input as hostile: sizes are checked before anything is
// allocated, and every problem is an error that says what is wrong.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_RUNTIME_TENSOR_TENSORIO_H
#define HCGS_RUNTIME_TENSOR_TENSORIO_H

#include "hcgs/Runtime/Tensor/Tensor.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>

namespace hcgs {

/// Longest .npy header the reader accepts: room for any header the writer
/// makes (a few hundred thousand dimensions), while a hostile header length
/// cannot cost much time or memory.
constexpr int64_t kMaxNpyHeaderLength = 1 << 20;

/// Parses the contents of a .npy file.
llvm::Expected<Tensor> parseNpy(llvm::StringRef bytes);

/// Writes `tensor` in .npy format, byte for byte as numpy's np.save writes it
/// (version 1.0 unless the header needs version 2.0). Float16 tensors and
/// every other element type are supported.
void writeNpy(const Tensor &tensor, llvm::raw_ostream &os);

/// Parses a serialized ONNX TensorProto. The data may be in raw_data or in
/// the typed field of the data type; external data and segments are refused.
/// Sets `*name` to the TensorProto's name when `name` is given.
llvm::Expected<Tensor> parseTensorProto(llvm::StringRef bytes,
                                        std::string *name = nullptr);

/// Reads a tensor file: .npy when it starts with numpy's magic string,
/// otherwise a TensorProto (a file named *.npy must be a .npy file). Errors
/// start with the path. Only regular files are read.
llvm::Expected<Tensor> readTensorFile(llvm::StringRef path);

/// Writes `tensor` to `path` as .npy; the file appears complete or not at all.
llvm::Error writeNpyFile(const Tensor &tensor, llvm::StringRef path);

/// The file name (without folder) that holds the tensor called `name`:
/// `name` with every byte outside [A-Za-z0-9_.-], every '%' and a leading '.'
/// replaced by %XX (two upper-case hex digits), then ".npy". Distinct names
/// give distinct file names, and decodeTensorFileName inverts it. Fails for an
/// empty name or one whose file name would exceed 255 bytes.
llvm::Expected<std::string> encodeTensorFileName(llvm::StringRef name);

/// The tensor name of a file name made by encodeTensorFileName, or
/// std::nullopt if no name encodes to `fileName`.
std::optional<std::string> decodeTensorFileName(llvm::StringRef fileName);

} // namespace hcgs

#endif // HCGS_RUNTIME_TENSOR_TENSORIO_H
