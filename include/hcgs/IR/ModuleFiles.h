//===- ModuleFiles.h - reading and writing hcgs IR files --------*- C++ -*-===//

#ifndef HCGS_IR_MODULEFILES_H
#define HCGS_IR_MODULEFILES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace hcgs {

/// The deepest MLIR text parseModule accepts, in brackets ((, [, {, <)
/// around one another. MLIR's parser recurses once per level and has no
/// limit of its own; hcgs IR nests some tens deep.
constexpr unsigned kMaxIRNestingDepth = 256;

/// Refuses MLIR text nested deeper than kMaxIRNestingDepth, before any
/// parser sees it: "FILE:LINE: the IR nests more than N brackets deep".
/// Bytecode passes.
llvm::Error checkIRNesting(const llvm::MemoryBuffer &contents);

/// Parses MLIR text or bytecode; the first error MLIR reports becomes the
/// one-line message (FirstErrorCapture's "LOCATION: MESSAGE"). Checks the
/// nesting first (checkIRNesting).
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
parseModule(std::unique_ptr<llvm::MemoryBuffer> contents,
            mlir::MLIRContext &context);
/// parseModule of the file at `path` ("-": stdin).
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
parseModuleFile(llvm::StringRef path, mlir::MLIRContext &context);

/// MLIR text holds blobs as hex, twice their size: writing more than this
/// many bytes of blobs as text needs the printer flag that elides them.
constexpr uint64_t kMaxTextBlobBytes = uint64_t(1) << 20;

/// Writes `module` as bytecode or as text (with the MLIR printing flags of
/// the command line); refuses text that would carry more than
/// kMaxTextBlobBytes of weights.
llvm::Error writeModule(mlir::ModuleOp module, llvm::raw_ostream &os,
                        bool bytecode);

} // namespace hcgs

#endif // HCGS_IR_MODULEFILES_H
