//===- TensorIO.cpp - tensor files ----------------------------------------===//

#include "hcgs/Runtime/Tool/CommandLine.h"
#include "hcgs/Runtime/Tool/Files.h"
#include "hcgs/Runtime/Tensor/TensorIO.h"
#include "TensorIOInternal.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace hcgs;
using llvm::Error;
using llvm::Expected;
using llvm::StringRef;

Error detail::checkBoolBytes(const Tensor &tensor) {
  for (auto [index, byte] : llvm::enumerate(tensor.getBytes()))
    if (byte > 1)
      return llvm::createStringError("bool element " + llvm::Twine(index) +
                                     " is " + llvm::Twine(unsigned(byte)) +
                                     ", not 0 or 1");
  return Error::success();
}

/// Prefixes the message of `err` with the path it concerns.
static Error withPath(StringRef path, Error err) {
  return llvm::createStringError(path + ": " + llvm::toString(std::move(err)));
}

Expected<Tensor> hcgs::readTensorFile(StringRef path) {
  Expected<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      tools::readInputFile(path);
  if (!buffer)
    return buffer.takeError();
  StringRef bytes = (*buffer)->getBuffer();
  if (bytes.empty())
    return llvm::createStringError(path + ": the tensor file is empty");
  bool isNpy =
      bytes.starts_with("\x93NUMPY") || path.ends_with_insensitive(".npy");
  Expected<Tensor> tensor = isNpy ? parseNpy(bytes) : parseTensorProto(bytes);
  if (!tensor)
    return withPath(path, tensor.takeError());
  return tensor;
}

Error hcgs::writeNpyFile(const Tensor &tensor, StringRef path) {
  tools::OutputFiles files;
  Expected<llvm::raw_ostream &> os = files.open(path);
  if (!os)
    return os.takeError();
  writeNpy(tensor, *os);
  return files.commit();
}

/// Whether `c` stands for itself in a tensor file name at position `index`.
static bool isKeptInFileName(char c, size_t index) {
  return llvm::isAlnum(c) || c == '_' || c == '-' || (c == '.' && index > 0);
}

Expected<std::string> hcgs::encodeTensorFileName(StringRef name) {
  if (name.empty())
    return llvm::createStringError("a tensor with an empty name has no file "
                                   "name");
  std::string fileName;
  for (auto [index, c] : llvm::enumerate(name)) {
    if (isKeptInFileName(c, index)) {
      fileName += c;
      continue;
    }
    fileName += '%';
    fileName += llvm::hexdigit(static_cast<unsigned char>(c) >> 4);
    fileName += llvm::hexdigit(static_cast<unsigned char>(c) & 15);
  }
  fileName += ".npy";
  constexpr size_t kMaxFileName = 255;
  if (fileName.size() > kMaxFileName)
    return llvm::createStringError(
        "tensor name " + quoteName(name) + " is too long for a file name (" +
        llvm::Twine(fileName.size()) + " bytes once escaped, " +
        llvm::Twine(kMaxFileName) + " allowed)");
  return fileName;
}

std::optional<std::string> hcgs::decodeTensorFileName(StringRef fileName) {
  if (!fileName.consume_back(".npy") || fileName.empty())
    return std::nullopt;
  std::string name;
  for (size_t i = 0; i < fileName.size(); ++i) {
    char c = fileName[i];
    if (c != '%') {
      if (!isKeptInFileName(c, name.size()))
        return std::nullopt;
      name += c;
      continue;
    }
    // Only the upper-case escape of a byte the encoder escapes is canonical.
    if (i + 2 >= fileName.size())
      return std::nullopt;
    char high = fileName[i + 1], low = fileName[i + 2];
    if (!llvm::isHexDigit(high) || !llvm::isHexDigit(low) ||
        llvm::isLower(high) || llvm::isLower(low))
      return std::nullopt;
    char byte = static_cast<char>(llvm::hexDigitValue(high) * 16 +
                                  llvm::hexDigitValue(low));
    if (isKeptInFileName(byte, name.size()))
      return std::nullopt;
    name += byte;
    i += 2;
  }
  return name;
}
