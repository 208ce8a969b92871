//===- ImportError.h - one-line import errors -------------------*- C++ -*-===//

#ifndef HCGS_LIB_IMPORT_ONNX_IMPORTERROR_H
#define HCGS_LIB_IMPORT_ONNX_IMPORTERROR_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <string>

namespace hcgs::onnximport {

/// An import error; its message is one line.
inline llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// A float for a message, e.g. 0.5 or 1e+30.
std::string formatFloat(double value);

/// A name from the model in single quotes, with control characters, quotes
/// and backslashes escaped so the message stays one line: ONNX names may
/// hold any bytes.
std::string quote(llvm::StringRef name);

} // namespace hcgs::onnximport

#endif // HCGS_LIB_IMPORT_ONNX_IMPORTERROR_H
