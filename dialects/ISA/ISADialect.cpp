//===- ISADialect.cpp - the accelerator's instruction set -----------------===//

#include "ISA/ISADialect.h"
#include "HCGS/HCGSDialect.h"
#include "ISA/ISAAttrs.h"
#include "ISA/ISAOps.h"

#include "ISA/ISADialect.cpp.inc"

void hcgs::isa::ISADialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "ISA/ISAOps.cpp.inc"
      >();
}
