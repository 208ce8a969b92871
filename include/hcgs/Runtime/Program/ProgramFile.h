//===- ProgramFile.h - writing and loading program files -------*- C++ -*-===//
//
// Program files (.hcgsb, lib/Runtime/Program/program.fbs) in plain C++, no MLIR: the
// simulator loads them with this, and the MLIR translations
// (hcgs/Translate/Program.h) go through it too, so every file written is one
// the loader accepts.
//
// Loading treats the bytes as hostile. In order: the size, the identifier,
// the schema version (read with a verifier of its own before anything else,
// so a file of another version is named as such rather than as corrupt),
// flatbuffers::Verifier over the whole buffer, the target (validateTarget),
// then every check of docs/ISA.md section 12 (mc::verifyProgram). Nothing
// is allocated from a size the file claims: everything copied out of the
// buffer is bounded by the buffer itself.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_RUNTIME_PROGRAM_PROGRAMFILE_H
#define HCGS_RUNTIME_PROGRAM_PROGRAMFILE_H

#include "hcgs/Runtime/MachineCode/Program.h"
#include "hcgs/Runtime/Program/Schema.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace hcgs::program {

/// A named range of a memory (the file's Symbol): bytes of WMEM, IMEM and
/// PMEM, words of AMEM, ACC and IOM. Symbols only help reading a program.
struct SymbolDesc {
  std::string name;
  fb::Memory memory = fb::Memory::Weight;
  uint32_t address = 0, size = 0;
  bool operator==(const SymbolDesc &other) const {
    return name == other.name && memory == other.memory &&
           address == other.address && size == other.size;
  }
};

/// A verified program: what a file holds.
struct Program {
  std::string name;
  Target target;
  mc::ProgramDesc desc;
  std::vector<SymbolDesc> symbols;
  /// desc.words decoded.
  std::vector<mc::enc::Instruction> instructions;
};

/// The bytes of a program file. The program is verified against `target`
/// first (a program the loader would refuse is an error, not a file). The
/// same arguments give the same bytes.
llvm::Expected<std::vector<uint8_t>>
writeProgram(const Target &target, const mc::ProgramDesc &desc,
             llvm::StringRef name, llvm::ArrayRef<SymbolDesc> symbols);

/// Loads and verifies the contents of a program file. Errors are one line
/// and say what is wrong.
llvm::Expected<Program> loadProgram(llvm::ArrayRef<uint8_t> bytes);

/// Reads the file at `path` (a regular file of at most
/// getMaxProgramFileBytes(allowLargeTarget) bytes, checked before reading)
/// and loads it. Errors start with the path.
llvm::Expected<Program> loadProgramFile(llvm::StringRef path,
                                        bool allowLargeTarget = true);

} // namespace hcgs::program

#endif // HCGS_RUNTIME_PROGRAM_PROGRAMFILE_H
