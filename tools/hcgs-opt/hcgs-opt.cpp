//===- hcgs-opt.cpp - mlir-opt for the hcgs dialects ----------------------===//
//
// Parses, verifies, transforms and prints hcgs IR with the usual mlir-opt
// flags; every hcgs pass and MLIR's generic transforms are registered.
//
//===----------------------------------------------------------------------===//

#include "hcgs/Dialect/HCGS/HCGSDialect.h"
#include "hcgs/Dialect/ISA/ISADialect.h"
#include "hcgs/Dialect/ISA/ISAPasses.h"
#include "hcgs/Conversion/HCGSToISA/Passes.h"
#include "hcgs/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::registerTransformsPasses();
  hcgs::registerHCGSPasses();
  hcgs::isa::registerHCGSISAPasses();
  hcgs::registerHCGSToISAPasses();
  hcgs::registerCompilePipeline();

  mlir::DialectRegistry registry;
  registry.insert<hcgs::HCGSDialect, hcgs::isa::ISADialect,
                  mlir::func::FuncDialect, mlir::arith::ArithDialect>();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "hcgs optimizer driver\n", registry));
}
