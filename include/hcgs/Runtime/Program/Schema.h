//===- Schema.h - the program file format -----------------------*- C++ -*-===//
//
// The FlatBuffers program format (lib/Runtime/Program/program.fbs) and the parts of
// reading and writing it that come from the target parameter table. No MLIR:
// the simulator's program loader uses this.
//
// Reading a file, in order: check its size and identifier
// (fb::ProgramBufferHasIdentifier), run fb::VerifyProgramBuffer, check
// schema_version == kSchemaVersion, read the target with readTargetParams,
// then check the contents with hcgs::mc::verifyProgram.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_RUNTIME_PROGRAM_SCHEMA_H
#define HCGS_RUNTIME_PROGRAM_SCHEMA_H

#include "hcgs/Runtime/Program/program_generated.h"
#include "hcgs/Runtime/Target/Target.h"

#include "llvm/Support/Error.h"

#include <cstring>
#include <type_traits>
#include <vector>

namespace hcgs::program {

/// The schema version this build writes and accepts.
constexpr uint32_t kSchemaVersion =
    static_cast<uint32_t>(fb::SchemaVersion::Current);

/// Writes every parameter of `target` as a TargetParams table.
flatbuffers::Offset<fb::TargetParams>
writeTargetParams(flatbuffers::FlatBufferBuilder &builder,
                  const Target &target);

/// Reads a verified TargetParams table back into a target and validates it
/// (validateTarget); a missing string or list, an unknown enum name or a bad
/// value is an error naming the parameter.
llvm::Expected<Target> readTargetParams(const fb::TargetParams &params);

/// The elements of a verified vector of scalars. The verifier checks the
/// alignment of a vector's length, not of 8-byte elements, so a hostile
/// file can misalign them: they are copied byte by byte (FlatBuffers and
/// the host are both little-endian).
template <typename T>
std::vector<T> readScalarVector(const flatbuffers::Vector<T> *vector) {
  static_assert(std::is_arithmetic_v<T>, "scalars only");
  if (!vector)
    return {};
  std::vector<T> values(vector->size());
  if (!values.empty())
    std::memcpy(values.data(), vector->Data(), values.size() * sizeof(T));
  return values;
}

} // namespace hcgs::program

#endif // HCGS_RUNTIME_PROGRAM_SCHEMA_H
