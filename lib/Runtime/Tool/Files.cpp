//===- Files.cpp - the files every hcgs tool reads and writes -------------===//

#include "hcgs/Runtime/Tool/Files.h"
#include "hcgs/Runtime/Tool/CommandLine.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <optional>

using namespace llvm;
using namespace hcgs;

Expected<std::unique_ptr<MemoryBuffer>>
tools::readInputFile(StringRef path, const InputFileOptions &options) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer = std::error_code();
  if (options.allowStdin && path == "-") {
    buffer = MemoryBuffer::getSTDIN();
  } else {
    // Checked before opening: opening a FIFO blocks, and reading a device or
    // a folder never ends or fails late.
    sys::fs::file_status status;
    if (std::error_code ec = sys::fs::status(path, status))
      return createStringError(path + ": cannot open: " + ec.message());
    if (!sys::fs::is_regular_file(status))
      return createStringError(path + ": not a regular file");
    if (options.maxBytes && status.getSize() > options.maxBytes)
      return createStringError(path + ": " + Twine(status.getSize()) +
                               " bytes, more than " + options.maxBytesWhat +
                               " may have (" + Twine(options.maxBytes) + ")");
    buffer = MemoryBuffer::getFile(path, options.isText,
                                   options.requiresNullTerminator);
  }
  if (!buffer)
    return createStringError(path + ": cannot read: " +
                             buffer.getError().message());
  return std::move(*buffer);
}

namespace {

/// A path as it will name its file once created: absolute, without "." and
/// "..".
std::string normalizePath(StringRef path) {
  SmallString<256> normalized(path);
  sys::fs::make_absolute(normalized);
  sys::path::remove_dots(normalized, /*remove_dot_dot=*/true);
  return normalized.str().str();
}

/// Whether `path` exists as something else than a regular file: a device
/// or a FIFO may be read or written by several roles (/dev/null).
bool isSpecialFile(StringRef path) {
  sys::fs::file_status status;
  return !sys::fs::status(path, status) && sys::fs::exists(status) &&
         !sys::fs::is_regular_file(status);
}

bool isSameFile(StringRef first, StringRef second) {
  bool equivalent = false;
  if (!sys::fs::equivalent(first, second, equivalent))
    return equivalent;
  // One of them does not exist yet.
  return normalizePath(first) == normalizePath(second);
}

} // namespace

void tools::appendAssignedFiles(StringRef option, ArrayRef<std::string> texts,
                                std::vector<RunFile> &files,
                                function_ref<bool(StringRef)> isName) {
  for (StringRef text : texts)
    if (std::optional<Assignment> assignment = splitAssignment(text, isName))
      files.push_back({(option + " " + assignment->name).str(),
                       assignment->value.str()});
}

Error tools::checkDistinctFiles(ArrayRef<RunFile> inputs,
                                ArrayRef<RunFile> outputs) {
  auto isCompared = [](const RunFile &file) {
    return file.path != "-" && !isSpecialFile(file.path);
  };
  for (auto [index, output] : llvm::enumerate(outputs)) {
    if (!isCompared(output))
      continue;
    auto refuse = [&](const RunFile &other) {
      return usageError(output.role + " " + quoteName(output.path) +
                        " is the same file as " + other.role + " " +
                        quoteName(other.path));
    };
    for (const RunFile &input : inputs)
      if (isCompared(input) && isSameFile(output.path, input.path))
        return refuse(input);
    for (const RunFile &other : outputs.drop_front(index + 1))
      if (isCompared(other) && isSameFile(output.path, other.path))
        return refuse(other);
  }
  return Error::success();
}

struct tools::OutputFiles::Output {
  /// Where the output goes, a link resolved to the file it names.
  std::string path;
  /// Empty for stdout and for a destination written as it is.
  std::optional<sys::fs::TempFile> temporary;
  /// Null for stdout.
  std::unique_ptr<raw_fd_ostream> stream;

  raw_ostream &getStream() {
    return stream ? static_cast<raw_ostream &>(*stream) : outs();
  }
};

tools::OutputFiles::OutputFiles() = default;

tools::OutputFiles::~OutputFiles() {
  for (std::unique_ptr<Output> &output : outputs) {
    // An error left on a stream would abort the process when it is
    // destroyed.
    if (output->stream)
      output->stream->clear_error();
    output->stream.reset();
    if (output->temporary)
      consumeError(output->temporary->discard());
  }
}

Expected<raw_ostream &> tools::OutputFiles::open(StringRef path) {
  auto cannotOpen = [&](const Twine &reason) {
    return createStringError("cannot open output file " + quoteName(path) +
                             ": " + reason);
  };
  auto output = std::make_unique<Output>();
  output->path = path.str();
  sys::fs::file_status status;
  bool exists = !sys::fs::status(path, status) && sys::fs::exists(status);
  if (path == "-") {
    // stdout.
  } else if (exists && sys::fs::is_directory(status)) {
    return cannotOpen("it is a folder");
  } else if (exists && !sys::fs::is_regular_file(status)) {
    std::error_code ec;
    output->stream = std::make_unique<raw_fd_ostream>(path, ec);
    if (ec)
      return cannotOpen(ec.message());
  } else {
    // Through a link, the file it names is replaced, not the link.
    SmallString<256> destination(path);
    if (exists && sys::fs::real_path(path, destination))
      return cannotOpen("cannot resolve the path");
    output->path = destination.str().str();
    SmallString<256> model(sys::path::parent_path(destination));
    sys::path::append(model,
                      "." + sys::path::filename(destination) + ".tmp-%%%%%%");
    Expected<sys::fs::TempFile> temporary = sys::fs::TempFile::create(model);
    if (!temporary)
      return cannotOpen(toString(temporary.takeError()));
    output->temporary.emplace(std::move(*temporary));
    output->stream = std::make_unique<raw_fd_ostream>(output->temporary->FD,
                                                      /*shouldClose=*/false);
  }
  outputs.push_back(std::move(output));
  return outputs.back()->getStream();
}

Error tools::OutputFiles::commit() {
  auto cannotWrite = [](const Output &output, std::error_code ec) {
    return createStringError("cannot write " + quoteName(output.path) + ": " +
                             ec.message());
  };
  for (std::unique_ptr<Output> &output : outputs) {
    if (!output->stream) {
      if (Error error = flushStdout())
        return error;
      continue;
    }
    if (output->temporary)
      output->stream->flush();
    else
      output->stream->close();
    if (output->stream->has_error()) {
      std::error_code ec = output->stream->error();
      output->stream->clear_error();
      return cannotWrite(*output, ec);
    }
  }
  for (std::unique_ptr<Output> &output : outputs) {
    if (!output->temporary)
      continue;
    Error kept = output->temporary->keep(output->path);
    output->temporary.reset();
    if (kept)
      return createStringError("cannot write " + quoteName(output->path) +
                               ": " + toString(std::move(kept)));
  }
  return Error::success();
}

Error tools::flushStdout() {
  raw_fd_ostream &stdoutStream = outs();
  stdoutStream.flush();
  if (!stdoutStream.has_error())
    return Error::success();
  std::error_code ec = stdoutStream.error();
  stdoutStream.clear_error();
  return createStringError("cannot write to stdout: " + ec.message());
}
