//===- CommandLine.cpp - the conventions every hcgs tool follows ----------===//

#include "hcgs/Runtime/Tool/CommandLine.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdio>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace llvm;
using namespace hcgs;

char tools::UsageError::ID;

std::string hcgs::quoteName(llvm::StringRef name) {
  std::string text = "'";
  for (unsigned char c : name) {
    if (c == '\'' || c == '\\') {
      text += '\\';
      text += c;
    } else if (llvm::isPrint(c)) {
      text += c;
    } else {
      text += "\\x";
      text += llvm::hexdigit(c >> 4, /*LowerCase=*/true);
      text += llvm::hexdigit(c & 15, /*LowerCase=*/true);
    }
  }
  return text + "'";
}

int tools::fail(StringRef tool, int exitCode, const Twine &message) {
  std::string line = StringRef(message.str()).trim().str();
  std::replace(line.begin(), line.end(), '\n', ' ');
  std::replace(line.begin(), line.end(), '\r', ' ');
  errs() << tool << ": error: " << line << '\n';
  return exitCode;
}

Error tools::usageError(const Twine &message) {
  return make_error<UsageError>(message.str());
}

int tools::failWith(StringRef tool, Error error, int otherCode) {
  int exitCode = otherCode;
  std::string message;
  handleAllErrors(
      std::move(error),
      [&](const UsageError &usage) {
        exitCode = kUsageError;
        message = usage.message();
      },
      [&](const ErrorInfoBase &other) { message = other.message(); });
  return fail(tool, exitCode, message);
}

void tools::hideUnrelatedOptions(
    ArrayRef<const cl::OptionCategory *> categories) {
  static constexpr StringLiteral kOwnOptions[] = {
      "help", "help-list", "help-hidden", "help-list-hidden", "version"};
  for (auto &entry : cl::getRegisteredOptions()) {
    cl::Option *option = entry.second;
    if (option->getOptionHiddenFlag() == cl::ReallyHidden ||
        llvm::is_contained(kOwnOptions, entry.first))
      continue;
    if (llvm::none_of(option->Categories, [&](cl::OptionCategory *category) {
          return llvm::is_contained(categories, category);
        }))
      option->setHiddenFlag(cl::Hidden);
  }
}

void tools::showOptionsInCategory(ArrayRef<StringRef> names,
                                  cl::OptionCategory &category) {
  auto &options = cl::getRegisteredOptions();
  for (StringRef name : names)
    if (cl::Option *option = options.lookup(name))
      option->addCategory(category);
}

std::optional<std::string>
tools::parseCommandLine(int argc, char **argv, StringRef overview,
                        ArrayRef<const cl::OptionCategory *> categories) {
  hideUnrelatedOptions(categories);
  std::string messages;
  raw_string_ostream stream(messages);
  errs().flush();
  std::fflush(stderr);
  // Some of cl's complaints go straight to stderr: send it to a temporary
  // file meanwhile.
  int savedStderr = ::dup(STDERR_FILENO);
  std::FILE *capture = std::tmpfile();
  if (savedStderr >= 0 && capture)
    ::dup2(::fileno(capture), STDERR_FILENO);
  bool parsed = cl::ParseCommandLineOptions(argc, argv, overview, &stream);
  errs().flush();
  std::fflush(stderr);
  if (savedStderr >= 0 && capture) {
    ::dup2(savedStderr, STDERR_FILENO);
    std::rewind(capture);
    char buffer[4096];
    std::string written;
    while (size_t count = std::fread(buffer, 1, sizeof(buffer), capture))
      written.append(buffer, count);
    messages.insert(0, written);
  }
  if (capture)
    std::fclose(capture);
  if (savedStderr >= 0)
    ::close(savedStderr);
  if (parsed)
    return std::nullopt;
  // The first line, without cl's "<program>: " prefix.
  StringRef first = StringRef(messages).ltrim().split('\n').first;
  for (StringRef prefix : {StringRef(argv[0]), sys::path::filename(argv[0])})
    if (first.consume_front(prefix))
      first = first.ltrim(": ");
  return first.empty() ? std::string("invalid arguments") : first.str();
}

std::optional<tools::Assignment>
tools::splitAssignment(StringRef text, function_ref<bool(StringRef)> isName) {
  size_t split = text.find('=');
  if (isName)
    for (size_t pos = text.rfind('='); pos != StringRef::npos && pos > split;
         pos = text.rfind('=', pos))
      if (isName(text.take_front(pos))) {
        split = pos;
        break;
      }
  if (split == StringRef::npos || split == 0 || split + 1 == text.size())
    return std::nullopt;
  return Assignment{text.take_front(split), text.drop_front(split + 1)};
}

Expected<tools::Assignment>
tools::parseAssignment(StringRef option, StringRef form, StringRef text,
                       function_ref<bool(StringRef)> isName) {
  if (std::optional<Assignment> assignment = splitAssignment(text, isName))
    return *assignment;
  return usageError(option + " expects NAME=" + form + ", got " +
                    quoteName(text));
}

Expected<std::pair<std::string, int64_t>>
tools::parseDimAssignment(StringRef text) {
  std::optional<Assignment> assignment = splitAssignment(text);
  int64_t size;
  if (!assignment || assignment->value.getAsInteger(10, size) || size <= 0)
    return usageError("--dim expects NAME=SIZE with a positive size, got " +
                      quoteName(text));
  return std::make_pair(assignment->name.str(), size);
}

void tools::keepFreedMemory() {
#if defined(__GLIBC__)
  // Every block from the heap, none handed back while the tool runs.
  constexpr int kLarge = 1 << 30;
  mallopt(M_MMAP_THRESHOLD, kLarge);
  mallopt(M_TRIM_THRESHOLD, kLarge);
#endif
}

void tools::exitWithoutTeardown(int exitCode) {
  outs().flush();
  errs().flush();
  sys::Process::Exit(exitCode, /*NoCleanup=*/true);
}
