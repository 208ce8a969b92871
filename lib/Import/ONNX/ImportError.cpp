//===- ImportError.cpp - one-line import errors ---------------------------===//

#include "ImportError.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace hcgs::onnximport {

std::string formatFloat(double value) {
  std::string text;
  llvm::raw_string_ostream(text) << llvm::format("%g", value);
  return text;
}

std::string quote(StringRef name) {
  std::string text = "'";
  for (unsigned char c : name) {
    if (c == '\\' || c == '\'') {
      text += '\\';
      text += c;
    } else if (c < 0x20 || c == 0x7f) {
      text += "\\x";
      text += hexdigit(c >> 4, /*LowerCase=*/true);
      text += hexdigit(c & 15, /*LowerCase=*/true);
    } else {
      text += c;
    }
  }
  return text + "'";
}

} // namespace hcgs::onnximport
