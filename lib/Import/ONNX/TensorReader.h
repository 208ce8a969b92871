//===- TensorReader.h - ONNX TensorProto to known tensors --------*- C++ -*-===//
//
// Reads the data of initializers and Constant tensors, from the protobuf or
// from external files, checking every size against the data actually present
// before allocating anything.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_IMPORT_ONNX_TENSORREADER_H
#define HCGS_LIB_IMPORT_ONNX_TENSORREADER_H

#include "KnownTensor.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace onnx {
class TensorProto;
} // namespace onnx

namespace hcgs::onnximport {

/// Reads external tensor data, only from regular files inside the folder of
/// the model (after resolving symbolic links).
class ExternalDataReader {
public:
  /// `modelPath` is the model file.
  static llvm::Expected<ExternalDataReader> create(llvm::StringRef modelPath);

  /// Reads `size` bytes at `offset` of the file `location`, which is
  /// relative to the model's folder.
  llvm::Expected<std::vector<char>> read(llvm::StringRef location,
                                         uint64_t offset, uint64_t size) const;

private:
  explicit ExternalDataReader(std::string folder) : folder(std::move(folder)) {}

  /// The real path of the model's folder.
  std::string folder;
};

/// Converts a tensor to a known tensor: float, float16 and double data become
/// float32, int32 and int64 stay integers; other types are refused.
/// `external` reads external data.
llvm::Expected<KnownTensor> readTensor(const onnx::TensorProto &tensor,
                                      const ExternalDataReader &external);

/// Whether an ONNX element type (TensorProto::DataType) is one the importer
/// reads, and as what.
std::optional<ElementKind> getElementKind(int onnxDataType);

/// The ONNX name of a TensorProto::DataType, e.g. "FLOAT16".
std::string getDataTypeName(int onnxDataType);

} // namespace hcgs::onnximport

#endif // HCGS_LIB_IMPORT_ONNX_TENSORREADER_H
