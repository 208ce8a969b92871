//===- ISADialect.cpp - the accelerator's instruction set -----------------===//

#include "hcgs/Dialect/ISA/ISADialect.h"
#include "hcgs/Dialect/HCGS/HCGSDialect.h"
#include "hcgs/Dialect/ISA/ISAAttrs.h"
#include "hcgs/Dialect/ISA/ISAOps.h"

#include "hcgs/Dialect/ISA/ISADialect.cpp.inc"

void hcgs::isa::ISADialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "hcgs/Dialect/ISA/ISAOps.cpp.inc"
      >();
}
