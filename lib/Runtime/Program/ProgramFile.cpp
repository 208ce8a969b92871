//===- ProgramFile.cpp - writing and loading program files ----------------===//

#include "hcgs/Runtime/Program/ProgramFile.h"
#include "hcgs/Runtime/Tool/Files.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cctype>
#include <cstring>

using namespace hcgs;
using namespace hcgs::program;
using llvm::Expected;

namespace {

llvm::Error fail(const llvm::Twine &message) {
  return llvm::createStringError(message);
}

/// Tables the verifier accepts before calling a file hostile: a program has
/// one per tensor and symbol, plus two.
constexpr flatbuffers::uoffset_t kMaxTables = 1 << 20;
/// Program > tensor list > Tensor > shape: 4 levels; leave room.
constexpr flatbuffers::uoffset_t kMaxDepth = 16;

flatbuffers::Verifier::Options verifierOptions() {
  flatbuffers::Verifier::Options options;
  options.max_depth = kMaxDepth;
  options.max_tables = kMaxTables;
  return options;
}

/// The identifier's 4 bytes for a message: as text if printable, else hex.
std::string describeIdentifier(const uint8_t *bytes) {
  std::string text;
  bool printable = true;
  for (int i = 0; i < 4; ++i)
    printable &= std::isprint(bytes[i]) && bytes[i] != '\'';
  if (printable)
    return "'" + std::string(reinterpret_cast<const char *>(bytes), 4) + "'";
  static const char digits[] = "0123456789abcdef";
  text = "0x";
  for (int i = 0; i < 4; ++i) {
    text += digits[bytes[i] >> 4];
    text += digits[bytes[i] & 15];
  }
  return text;
}

/// Reads schema_version from the root table, verifying only what that read
/// touches. Fails if the buffer has no readable root table.
bool readSchemaVersion(const uint8_t *data, size_t size, uint32_t &version) {
  flatbuffers::Verifier verifier(data, size, verifierOptions());
  flatbuffers::uoffset_t root = verifier.VerifyOffset(0);
  if (!root)
    return false;
  const auto *table = reinterpret_cast<const flatbuffers::Table *>(data + root);
  if (!table->VerifyTableStart(verifier) ||
      !table->VerifyField<uint32_t>(verifier, fb::Program::VT_SCHEMA_VERSION,
                                    sizeof(uint32_t)))
    return false;
  version = table->GetField<uint32_t>(fb::Program::VT_SCHEMA_VERSION, 0);
  return true;
}

/// Reads a verified tensor list; `what` is "input" or "output".
llvm::Error
readTensors(const flatbuffers::Vector<flatbuffers::Offset<fb::Tensor>> *tensors,
            const char *what, std::vector<mc::TensorDesc> &descs) {
  if (!tensors)
    return llvm::Error::success();
  for (flatbuffers::uoffset_t index = 0; index < tensors->size(); ++index) {
    const fb::Tensor *tensor = tensors->Get(index);
    mc::TensorDesc &desc = descs.emplace_back();
    desc.name = tensor->name()->str();
    desc.shape = readScalarVector(tensor->shape());
    desc.ioAddress = tensor->io_address();
    std::string where = std::string(what) + " " + std::to_string(index);
    switch (tensor->kind()) {
    case fb::TensorKind::Data:
      if (!tensor->format())
        return fail(where + " is a data tensor without a format");
      desc.bits = tensor->format()->bits();
      desc.fracBits = tensor->format()->frac_bits();
      break;
    case fb::TensorKind::Lengths:
      if (tensor->format())
        return fail(where + " is a lengths tensor with a format");
      desc.isLengths = true;
      break;
    default:
      return fail(where + " has unknown kind " +
                  llvm::Twine(static_cast<unsigned>(tensor->kind())));
    }
  }
  return llvm::Error::success();
}

/// Everything after the buffer verified.
Expected<Program> readVerified(const fb::Program &file) {
  Program program;
  Expected<Target> target = readTargetParams(*file.target());
  if (!target)
    return fail("program target: " + llvm::toString(target.takeError()));
  program.target = std::move(*target);
  if (file.name())
    program.name = file.name()->str();

  mc::ProgramDesc &desc = program.desc;
  desc.maxSeqLen = file.max_seq_len();
  if (llvm::Error error = readTensors(file.inputs(), "input", desc.inputs))
    return std::move(error);
  if (llvm::Error error = readTensors(file.outputs(), "output", desc.outputs))
    return std::move(error);
  desc.weights = readScalarVector(file.weights());
  desc.index = readScalarVector(file.index());
  desc.params = readScalarVector(file.params());
  desc.words = readScalarVector(file.instructions());

  if (const auto *symbols = file.symbols()) {
    for (flatbuffers::uoffset_t index = 0; index < symbols->size(); ++index) {
      const fb::Symbol *symbol = symbols->Get(index);
      if (symbol->memory() > fb::Memory::MAX)
        return fail("symbol " + llvm::Twine(index) + " has unknown memory " +
                    llvm::Twine(static_cast<unsigned>(symbol->memory())));
      program.symbols.push_back({symbol->name()->str(), symbol->memory(),
                                 symbol->address(), symbol->size()});
    }
  }

  if (std::string problem =
          mc::verifyProgram(desc, program.target, program.instructions);
      !problem.empty())
    return fail("invalid program: " + problem);
  return program;
}

} // namespace

Expected<std::vector<uint8_t>>
program::writeProgram(const Target &target, const mc::ProgramDesc &desc,
                      llvm::StringRef name,
                      llvm::ArrayRef<SymbolDesc> symbols) {
  std::vector<mc::enc::Instruction> instructions;
  if (std::string problem = mc::verifyProgram(desc, target, instructions);
      !problem.empty())
    return fail("cannot write an invalid program: " + problem);

  flatbuffers::FlatBufferBuilder builder(
      1024 + desc.weights.size() + desc.index.size() + desc.params.size() +
      4 * desc.words.size());
  // Children before their parents, in one fixed order: the bytes depend on
  // nothing but the arguments.
  auto targetOffset = writeTargetParams(builder, target);
  auto writeTensors = [&](const std::vector<mc::TensorDesc> &tensors) {
    std::vector<flatbuffers::Offset<fb::Tensor>> offsets;
    for (const mc::TensorDesc &tensor : tensors) {
      auto nameOffset = builder.CreateString(tensor.name);
      auto shapeOffset = builder.CreateVector(tensor.shape);
      fb::FixedPoint format(static_cast<uint8_t>(tensor.bits), tensor.fracBits);
      offsets.push_back(fb::CreateTensor(
          builder, nameOffset,
          tensor.isLengths ? fb::TensorKind::Lengths : fb::TensorKind::Data,
          shapeOffset, tensor.isLengths ? nullptr : &format, tensor.ioAddress));
    }
    return builder.CreateVector(offsets);
  };
  auto inputsOffset = writeTensors(desc.inputs);
  auto outputsOffset = writeTensors(desc.outputs);
  // Empty images are left out; the loader reads a missing one as empty.
  auto writeImage = [&](const std::vector<uint8_t> &image) {
    return image.empty() ? flatbuffers::Offset<flatbuffers::Vector<uint8_t>>()
                         : builder.CreateVector(image);
  };
  auto weightsOffset = writeImage(desc.weights);
  auto indexOffset = writeImage(desc.index);
  auto paramsOffset = writeImage(desc.params);
  auto wordsOffset = builder.CreateVector(desc.words);
  std::vector<flatbuffers::Offset<fb::Symbol>> symbolOffsets;
  for (const SymbolDesc &symbol : symbols)
    symbolOffsets.push_back(
        fb::CreateSymbol(builder, builder.CreateString(symbol.name),
                         symbol.memory, symbol.address, symbol.size));
  auto symbolsOffset =
      symbolOffsets.empty()
          ? flatbuffers::Offset<
                flatbuffers::Vector<flatbuffers::Offset<fb::Symbol>>>()
          : builder.CreateVector(symbolOffsets);
  auto nameOffset = builder.CreateString(name.data(), name.size());
  auto root = fb::CreateProgram(
      builder, kSchemaVersion, nameOffset, targetOffset,
      static_cast<uint32_t>(desc.maxSeqLen), inputsOffset, outputsOffset,
      weightsOffset, indexOffset, paramsOffset, wordsOffset, symbolsOffset);
  fb::FinishProgramBuffer(builder, root);
  return std::vector<uint8_t>(builder.GetBufferPointer(),
                              builder.GetBufferPointer() + builder.GetSize());
}

Expected<Program> program::loadProgram(llvm::ArrayRef<uint8_t> bytes) {
  // Root offset and identifier.
  constexpr size_t kHeaderBytes = 8;
  if (bytes.size() < kHeaderBytes)
    return fail("not a program file: " + llvm::Twine(bytes.size()) +
                " bytes is too short");
  if (bytes.size() >= FLATBUFFERS_MAX_BUFFER_SIZE)
    return fail("the program file is larger than FlatBuffers' 2 GB limit");
  if (!fb::ProgramBufferHasIdentifier(bytes.data()))
    return fail("not a program file: its identifier is " +
                describeIdentifier(bytes.data() + 4) + ", expected '" +
                fb::ProgramIdentifier() + "'");

  // FlatBuffers reads scalars in place: give it an aligned copy if needed.
  std::vector<uint8_t> aligned;
  const uint8_t *data = bytes.data();
  if (reinterpret_cast<uintptr_t>(data) % alignof(uint64_t) != 0) {
    aligned.assign(bytes.begin(), bytes.end());
    data = aligned.data();
  }

  uint32_t version = 0;
  if (!readSchemaVersion(data, bytes.size(), version))
    return fail("corrupt program file: its root table cannot be read");
  if (version != kSchemaVersion)
    return fail("the program file has schema version " + llvm::Twine(version) +
                "; this build reads version " + llvm::Twine(kSchemaVersion));
  flatbuffers::Verifier verifier(data, bytes.size(), verifierOptions());
  if (!fb::VerifyProgramBuffer(verifier))
    return fail("corrupt program file: its FlatBuffers structure does not "
                "verify");
  return readVerified(*fb::GetProgram(data));
}

Expected<Program> program::loadProgramFile(llvm::StringRef path,
                                           bool allowLargeTarget) {
  auto withPath = [&](llvm::Error error) {
    return fail(path + ": " + llvm::toString(std::move(error)));
  };
  tools::InputFileOptions options;
  options.maxBytes = getMaxProgramFileBytes(allowLargeTarget);
  options.maxBytesWhat =
      allowLargeTarget ? "a program file" : "a program file of a target "
                                            "that is not large";
  Expected<std::unique_ptr<llvm::MemoryBuffer>> contents =
      tools::readInputFile(path, options);
  if (!contents)
    return contents.takeError();
  llvm::StringRef buffer = (*contents)->getBuffer();
  Expected<Program> program = loadProgram(llvm::ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(buffer.data()), buffer.size()));
  if (!program)
    return withPath(program.takeError());
  return program;
}
