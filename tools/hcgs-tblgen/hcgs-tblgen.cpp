//===- hcgs-tblgen.cpp - encodings from the ISA's ODS definitions ---------===//
//
// Reads dialects/ISA/include/hcgs/Dialect/ISA/ISAOps.td and derives, from the
// same records that define the hcgs_isa ops, everything that turns instructions
// into words and back (TFLite's converter_gen pattern):
//
//   -gen-isa-encoding-decls  plain C++ (no MLIR): opcodes, enums, one record
//                            struct per instruction, field layouts, and the
//                            encode/decode/range-check declarations
//   -gen-isa-encoding-defs   their definitions
//   -gen-isa-mlir-glue       MLIR side: op <-> record
//   -gen-isa-fbs-enums       FlatBuffers schema enums of the ODS enums named
//                            by -fbs-enum (the program file's Memory)
//   -print-isa-layout        the layout table of docs/ISA.md section 8
//
// and, from include/hcgs/Conversion/HCGSToISA/Pipeline.td, the options of
// hcgs-compile-pipeline (-gen-pipeline-options, PipelineOptions.cpp).
//
// ISAEncoding.td describes the vocabulary: each instruction field says how it
// is stored (uint, sint, pow2, enum, flag, struct, array, optional).
//
//===----------------------------------------------------------------------===//

#include "Model.h"
#include "hcgs/Runtime/Tool/CommandLine.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/TableGen/Error.h"
#include "llvm/TableGen/Main.h"
#include "llvm/TableGen/Record.h"

using namespace llvm;
using namespace hcgs::isagen;

namespace {

//===----------------------------------------------------------------------===//
// Driver
//===----------------------------------------------------------------------===//

enum class Action { Decls, Defs, Glue, FbsEnums, Layout, PipelineOptions };

cl::OptionCategory category("hcgs-tblgen options");

cl::opt<Action> action(
    cl::desc("what to generate"), cl::cat(category),
    cl::values(
        clEnumValN(Action::Decls, "gen-isa-encoding-decls",
                   "plain C++ instruction records and encoder declarations"),
        clEnumValN(Action::Defs, "gen-isa-encoding-defs",
                   "encoder and decoder definitions"),
        clEnumValN(Action::Glue, "gen-isa-mlir-glue",
                   "conversions between hcgs_isa ops and records"),
        clEnumValN(Action::FbsEnums, "gen-isa-fbs-enums",
                   "FlatBuffers enums of ODS enums (-fbs-enum)"),
        clEnumValN(Action::Layout, "print-isa-layout",
                   "the instruction layout table of docs/ISA.md"),
        clEnumValN(Action::PipelineOptions, "gen-pipeline-options",
                   "hcgs-compile-pipeline's options and stage builders, "
                   "from its passes' options")));

bool run(raw_ostream &os, const RecordKeeper &records) {
  // These read other records than the instructions.
  if (action == Action::FbsEnums) {
    emitFbsEnums(records, os);
    return false;
  }
  if (action == Action::PipelineOptions) {
    emitPipelineOptions(records, os);
    return false;
  }
  Model model(records);
  if (model.insts.empty())
    PrintFatalError("no ISA_Inst records");
  switch (action) {
  case Action::Decls:
    emitEncodingDecls(model, os);
    break;
  case Action::Defs:
    emitEncodingDefs(model, os);
    break;
  case Action::Glue:
    emitMLIRGlue(model, os);
    break;
  case Action::Layout:
    printLayoutTable(model, os);
    break;
  case Action::FbsEnums:
  case Action::PipelineOptions:
    llvm_unreachable("handled above");
  }
  return false;
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  // --help lists the generators and TableGen's flags that the build uses.
  hcgs::tools::showOptionsInCategory(
      {"I", "o", "d", "write-if-changed", "fbs-enum"}, category);
  hcgs::tools::hideUnrelatedOptions({&category});
  cl::ParseCommandLineOptions(argc, argv, "hcgs ISA encoding generator\n");
  return TableGenMain(argv[0], &run);
}
