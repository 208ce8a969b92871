//===- Npy.cpp - numpy's .npy format --------------------------------------===//
//
// A .npy file is a magic string, a version, the length of a header, the
// header (a Python dict literal naming the dtype, the memory order and the
// shape) and the raw elements:
//
//   \x93NUMPY \x01\x00 <u16 length> {'descr': '<f4', 'fortran_order': False,
//   'shape': (2, 3), }<spaces>\n <data>
//
// Versions 2 and 3 store the length in 4 bytes; version 3 allows UTF-8 in the
// header, which no dtype this reader accepts needs.
//
//===----------------------------------------------------------------------===//

#include "TensorIOInternal.h"
#include "hcgs/Runtime/Tool/CommandLine.h"
#include "hcgs/Runtime/Tensor/TensorIO.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Endian.h"

#include <cstring>

using namespace hcgs;
using llvm::Error;
using llvm::Expected;
using llvm::StringRef;

namespace {
constexpr StringRef kMagic("\x93NUMPY", 6);
/// numpy pads the header so the data starts at a multiple of this.
constexpr size_t kAlignment = 64;
/// numpy leaves room after the header so that the first dimension can grow
/// in place to this many digits; the writer does the same, to match its bytes.
constexpr size_t kGrowthAxisMaxDigits = 21;

Error npyError(const llvm::Twine &message) {
  return llvm::createStringError(message);
}

/// Describes a header byte for an error message.
std::string describeChar(StringRef text, size_t pos) {
  if (pos >= text.size())
    return "the end of the header";
  unsigned char c = text[pos];
  std::string what = llvm::isPrint(c) ? std::string("'") + char(c) + "'"
                                      : "byte 0x" + llvm::utohexstr(c);
  return what + " at header offset " + std::to_string(pos);
}

/// The fields of a .npy header.
struct NpyHeader {
  std::string descr;
  bool fortranOrder = false;
  std::vector<int64_t> shape;
};

/// Parses the Python dict literal of a .npy header. It accepts what numpy
/// writes: string keys, a string descr, True/False and a tuple of integers.
class HeaderParser {
public:
  explicit HeaderParser(StringRef text) : text(text) {}

  Expected<NpyHeader> parse() {
    NpyHeader header;
    bool seenDescr = false, seenOrder = false, seenShape = false;
    if (Error err = expect('{'))
      return std::move(err);
    while (true) {
      skipSpace();
      if (consume('}'))
        break;
      Expected<std::string> key = parseString();
      if (!key)
        return key.takeError();
      if (Error err = expect(':'))
        return std::move(err);
      bool *seen = *key == "descr"           ? &seenDescr
                   : *key == "fortran_order" ? &seenOrder
                   : *key == "shape"         ? &seenShape
                                             : nullptr;
      if (!seen)
        return npyError("the .npy header has an unknown key " +
                        quoteName(*key));
      if (*seen)
        return npyError("the .npy header gives " + quoteName(*key) + " twice");
      *seen = true;
      if (Error err = parseValue(*key, header))
        return std::move(err);
      skipSpace();
      if (consume(','))
        continue;
      if (Error err = expect('}'))
        return std::move(err);
      break;
    }
    skipSpace();
    if (pos != text.size())
      return npyError("unexpected " + describeChar(text, pos) +
                      " after the .npy header's dict");
    for (auto [seen, key] :
         {std::pair(seenDescr, "descr"), std::pair(seenOrder, "fortran_order"),
          std::pair(seenShape, "shape")})
      if (!seen)
        return npyError(llvm::Twine("the .npy header has no '") + key + "'");
    return header;
  }

private:
  void skipSpace() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n' ||
                                 text[pos] == '\t' || text[pos] == '\r'))
      ++pos;
  }

  bool consume(char c) {
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }

  Error expect(char c) {
    skipSpace();
    if (consume(c))
      return Error::success();
    return npyError(std::string("malformed .npy header: expected '") + c +
                    "', found " + describeChar(text, pos));
  }

  Expected<std::string> parseString() {
    skipSpace();
    if (pos >= text.size() || (text[pos] != '\'' && text[pos] != '"'))
      return npyError("malformed .npy header: expected a string, found " +
                      describeChar(text, pos));
    char quote = text[pos++];
    size_t start = pos;
    while (pos < text.size() && text[pos] != quote && text[pos] != '\n') {
      if (text[pos] == '\\' || !llvm::isPrint(text[pos]))
        return npyError("malformed .npy header: unsupported " +
                        describeChar(text, pos) + " in a string");
      ++pos;
    }
    if (pos >= text.size() || text[pos] != quote)
      return npyError("malformed .npy header: unterminated string");
    return text.slice(start, pos++).str();
  }

  Error parseValue(StringRef key, NpyHeader &header) {
    skipSpace();
    if (key == "descr") {
      if (pos < text.size() && text[pos] == '[')
        return npyError("structured arrays (a list of fields as the dtype) "
                        "are not supported");
      Expected<std::string> descr = parseString();
      if (!descr)
        return descr.takeError();
      header.descr = std::move(*descr);
      return Error::success();
    }
    if (key == "fortran_order") {
      for (auto [word, value] :
           {std::pair("True", true), std::pair("False", false)}) {
        if (text.substr(pos).starts_with(word)) {
          pos += strlen(word);
          header.fortranOrder = value;
          return Error::success();
        }
      }
      return npyError("malformed .npy header: fortran_order must be True or "
                      "False, found " +
                      describeChar(text, pos));
    }
    return parseShape(header.shape);
  }

  /// Parses a tuple of non-negative integers: (), (3,), (2, 3).
  Error parseShape(std::vector<int64_t> &shape) {
    if (Error err = expect('('))
      return err;
    while (true) {
      skipSpace();
      if (consume(')'))
        return Error::success();
      if (consume('-'))
        return npyError("the .npy header's shape has a negative dimension");
      size_t start = pos;
      while (pos < text.size() && llvm::isDigit(text[pos]))
        ++pos;
      if (start == pos)
        return npyError("malformed .npy header: expected a dimension, found " +
                        describeChar(text, start));
      int64_t dim;
      if (text.slice(start, pos).getAsInteger(10, dim))
        return npyError("the .npy header's shape has a dimension too large "
                        "for 64 bits: " +
                        text.slice(start, pos));
      consume('L'); // Python 2's long integers, in files from old numpy.
      shape.push_back(dim);
      skipSpace();
      if (consume(','))
        continue;
      if (Error err = expect(')'))
        return err;
      return Error::success();
    }
  }

  StringRef text;
  size_t pos = 0;
};

/// Every element type, to search by numpy kind and size.
constexpr ElementType kElementTypes[] = {
    ElementType::Bool,    ElementType::Int8,    ElementType::UInt8,
    ElementType::Int16,   ElementType::UInt16,  ElementType::Int32,
    ElementType::UInt32,  ElementType::Int64,   ElementType::UInt64,
    ElementType::Float16, ElementType::Float32, ElementType::Float64};

/// numpy's letter for the kind of `type`.
char getKindLetter(ElementType type) {
  switch (type) {
  case ElementType::Bool:
    return 'b';
  case ElementType::Int8:
  case ElementType::Int16:
  case ElementType::Int32:
  case ElementType::Int64:
    return 'i';
  case ElementType::UInt8:
  case ElementType::UInt16:
  case ElementType::UInt32:
  case ElementType::UInt64:
    return 'u';
  case ElementType::Float16:
  case ElementType::Float32:
  case ElementType::Float64:
    return 'f';
  }
  llvm_unreachable("unknown element type");
}

/// The element type of a descr such as '<f4' or '|b1'.
Expected<ElementType> parseDescr(StringRef descr) {
  auto unsupported = [&]() {
    return npyError("unsupported .npy dtype " + quoteName(descr) +
                    " (supported: bool, int8 to int64, uint8 to uint64, "
                    "float16, float32, float64)");
  };
  if (descr.size() < 2 || !StringRef("<>|=").contains(descr[0]))
    return unsupported();
  char order = descr[0];
  char kind = descr[1];
  if (kind == 'O')
    return npyError("object arrays (pickled Python objects) are not supported");
  unsigned size;
  if (descr.drop_front(2).getAsInteger(10, size))
    return unsupported();
  // The type getDescr writes so: the two cannot drift apart.
  const ElementType *type = llvm::find_if(kElementTypes, [&](ElementType t) {
    return getKindLetter(t) == kind && getElementSize(t) == size;
  });
  if (type == std::end(kElementTypes))
    return unsupported();
  // Byte order matters only for elements wider than a byte.
  if (size > 1) {
    if (order == '>')
      return npyError("big-endian data (dtype " + quoteName(descr) +
                      ") is not supported; save it little-endian");
    if (order != '<')
      return npyError("dtype " + quoteName(descr) +
                      " does not say its byte order; expected '<'");
  }
  return *type;
}

/// The descr numpy writes for `type`: '<f4', '|b1'.
std::string getDescr(ElementType type) {
  size_t size = getElementSize(type);
  return std::string(1, size == 1 ? '|' : '<') + getKindLetter(type) +
         std::to_string(size);
}
} // namespace

Expected<Tensor> hcgs::parseNpy(StringRef bytes) {
  if (!bytes.starts_with(kMagic))
    return npyError("not a .npy file (it does not start with \"\\x93NUMPY\")");
  if (bytes.size() < kMagic.size() + 2)
    return npyError("the .npy file ends inside its preamble");
  unsigned major = static_cast<uint8_t>(bytes[6]);
  unsigned minor = static_cast<uint8_t>(bytes[7]);
  if (major < 1 || major > 3 || minor != 0)
    return npyError("unsupported .npy format version " + llvm::Twine(major) +
                    "." + llvm::Twine(minor) + " (supported: 1.0, 2.0, 3.0)");
  size_t lengthSize = major == 1 ? 2 : 4;
  size_t headerStart = kMagic.size() + 2 + lengthSize;
  if (bytes.size() < headerStart)
    return npyError("the .npy file ends inside its preamble");
  uint64_t headerLength =
      major == 1 ? llvm::support::endian::read16le(bytes.data() + 8)
                 : llvm::support::endian::read32le(bytes.data() + 8);
  if (headerLength > static_cast<uint64_t>(kMaxNpyHeaderLength))
    return npyError("the .npy header claims " + llvm::Twine(headerLength) +
                    " bytes, more than the " +
                    llvm::Twine(kMaxNpyHeaderLength) + " allowed");
  if (bytes.size() - headerStart < headerLength)
    return npyError("the .npy header claims " + llvm::Twine(headerLength) +
                    " bytes, but the file ends after " +
                    llvm::Twine(bytes.size() - headerStart));

  Expected<NpyHeader> header =
      HeaderParser(bytes.substr(headerStart, headerLength)).parse();
  if (!header)
    return header.takeError();
  Expected<ElementType> type = parseDescr(header->descr);
  if (!type)
    return type.takeError();
  // With fewer than two dimensions, Fortran and C order are the same layout.
  if (header->fortranOrder && header->shape.size() >= 2)
    return npyError("Fortran-order arrays are not supported; save a C-order "
                    "array (np.ascontiguousarray)");
  Expected<int64_t> byteSize = getCheckedByteSize(*type, header->shape);
  if (!byteSize)
    return byteSize.takeError();

  StringRef data = bytes.drop_front(headerStart + headerLength);
  uint64_t expected = *byteSize;
  auto describe = [&]() {
    return "shape " + formatShape(header->shape) + " of " +
           getElementTypeName(*type).str() + " needs " +
           std::to_string(expected) + " bytes of data";
  };
  if (data.size() < expected)
    return npyError("the .npy data is truncated: " + describe() +
                    ", the file has " + llvm::Twine(data.size()));
  if (data.size() > expected)
    return npyError("the .npy file is longer than its header says: " +
                    describe() + ", the file has " + llvm::Twine(data.size()));

  Tensor tensor(*type, header->shape);
  if (expected)
    std::memcpy(tensor.getMutableBytes().data(), data.data(), expected);
  if (*type == ElementType::Bool)
    if (Error err = detail::checkBoolBytes(tensor))
      return std::move(err);
  return tensor;
}

void hcgs::writeNpy(const Tensor &tensor, llvm::raw_ostream &os) {
  // The dict exactly as numpy's repr-based writer spells it.
  std::string dict = "{'descr': '" + getDescr(tensor.getElementType()) +
                     "', 'fortran_order': False, 'shape': (";
  for (int64_t dim : tensor.getShape())
    dict += std::to_string(dim) + ", ";
  if (tensor.getRank() > 1)
    dict.resize(dict.size() - 2);
  else if (tensor.getRank() == 1)
    dict.pop_back(); // (3,)
  dict += "), }";
  if (tensor.getRank() > 0)
    dict.append(kGrowthAxisMaxDigits -
                    std::to_string(tensor.getDimSize(0)).size(),
                ' ');

  // numpy pads with spaces and a newline so the data starts aligned, with
  // version 1.0 unless the padded header needs more than 16 bits of length.
  auto paddedLength = [&](size_t lengthSize) {
    size_t withNewline = dict.size() + 1;
    size_t preamble = kMagic.size() + 2 + lengthSize;
    return withNewline + (kAlignment - (preamble + withNewline) % kAlignment);
  };
  uint8_t major = paddedLength(2) <= 0xffff ? 1 : 2;
  size_t lengthSize = major == 1 ? 2 : 4;
  size_t headerLength = paddedLength(lengthSize);

  os << kMagic << char(major) << char(0);
  char length[4];
  llvm::support::endian::write32le(length, headerLength);
  os.write(length, lengthSize);
  os << dict;
  os.indent(headerLength - dict.size() - 1) << '\n';
  llvm::ArrayRef<uint8_t> data = tensor.getBytes();
  os.write(reinterpret_cast<const char *>(data.data()), data.size());
}
