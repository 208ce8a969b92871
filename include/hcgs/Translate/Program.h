//===- Translate.h - hcgs_isa programs to program files and back -*- C++
//-*-===//
//
// The MLIR side of program files: an hcgs_isa.program becomes the bytes of
// a .hcgsb file (the ISA glue of dialects/ISA/include/hcgs/Dialect/ISA/ISARecords.h, then
// program::writeProgram), and a file becomes an hcgs_isa.program again
// (program::loadProgram, then the glue). Export, import and export give the
// same bytes. hcgs-translate registers these as --export-program,
// --import-program and --disassemble-program; hcgs-compile calls them.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_TRANSLATE_PROGRAM_H
#define HCGS_TRANSLATE_PROGRAM_H

#include "hcgs/Dialect/ISA/ISAOps.h"
#include "hcgs/Runtime/Program/ProgramFile.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace hcgs::program {

/// The dialects an imported program uses.
void registerProgramDialects(mlir::DialectRegistry &registry);

/// The bytes of the program file of `program`, which must verify (with its
/// target). Errors are one line.
llvm::Expected<std::vector<uint8_t>> exportProgram(isa::ProgramOp program);

/// Writes the program file of the one hcgs_isa.program in `module`.
llvm::Error exportProgram(mlir::ModuleOp module, llvm::raw_ostream &output);

/// A module holding the hcgs_isa.program of a loaded program file: the whole
/// target as its `target`, images as dense_resource blobs.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importProgram(const Program &program, mlir::MLIRContext &context);

/// Loads the program file at `path` and imports it.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importProgramFile(llvm::StringRef path, mlir::MLIRContext &context);

/// Writes a readable listing of the program file at `path`: its name,
/// target, tensors, images and symbols as comments, then one line per
/// instruction (its index, its word offset and its hcgs_isa text), each
/// followed by a comment naming the tensors and symbols its addresses fall
/// in. The listing is for reading; --import-program gives MLIR.
llvm::Error disassembleProgramFile(llvm::StringRef path,
                                   llvm::raw_ostream &output,
                                   mlir::MLIRContext &context);

} // namespace hcgs::program

#endif // HCGS_TRANSLATE_PROGRAM_H
