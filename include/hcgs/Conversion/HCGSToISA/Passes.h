//===- Passes.h - from the hcgs dialect to hcgs_isa programs ----*- C++ -*-===//

#ifndef HCGS_CONVERSION_HCGSTOISA_PASSES_H
#define HCGS_CONVERSION_HCGSTOISA_PASSES_H

#include "hcgs/Dialect/ISA/ISADialect.h"
#include "hcgs/Runtime/Target/Target.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassOptions.h"

#include <memory>
#include <string>

namespace hcgs {

#define GEN_PASS_DECL
#include "hcgs/Conversion/HCGSToISA/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "hcgs/Conversion/HCGSToISA/Passes.h.inc"

/// The options of hcgs-compile-pipeline: those of the passes it runs
/// (Pipeline.td; hcgs-compile's flags are the same list).
struct CompilePipelineOptions
    : mlir::PassPipelineOptions<CompilePipelineOptions> {
#define HCGS_PIPELINE_OPTION(FIELD, ARGUMENT, TYPE, DEFAULT, DESCRIPTION)      \
  Option<TYPE> FIELD{*this, ARGUMENT, llvm::cl::desc(DESCRIPTION),             \
                     llvm::cl::init(DEFAULT)};
#define HCGS_PIPELINE_LIST_OPTION(FIELD, ARGUMENT, TYPE, DESCRIPTION)          \
  ListOption<TYPE> FIELD{*this, ARGUMENT, llvm::cl::desc(DESCRIPTION)};
#include "hcgs/Conversion/HCGSToISA/PipelineOptions.h.inc"
};

/// hcgs-set-target, hcgs-legalize-masks, hcgs-quantize, hcgs-plan and
/// hcgs-lower-to-isa: from imported hcgs IR to an hcgs_isa.program
/// (buildQuantizePipeline, then buildLoweringPipeline).
void buildCompilePipeline(mlir::OpPassManager &pm,
                          const CompilePipelineOptions &options);
/// hcgs-set-target, hcgs-legalize-masks and hcgs-quantize: imported hcgs IR
/// to quantized hcgs IR.
void buildQuantizePipeline(mlir::OpPassManager &pm,
                           const CompilePipelineOptions &options);
/// hcgs-plan and hcgs-lower-to-isa: quantized hcgs IR to an
/// hcgs_isa.program.
void buildLoweringPipeline(mlir::OpPassManager &pm,
                           const CompilePipelineOptions &options);

/// Registers hcgs-compile-pipeline.
void registerCompilePipeline();

} // namespace hcgs

#endif // HCGS_CONVERSION_HCGSTOISA_PASSES_H
