//===- HCGSDialect.cpp - the model-level hcgs dialect ---------------------===//

#include "HCGS/HCGSDialect.h"
#include "HCGS/HCGSAttrs.h"
#include "HCGS/HCGSOps.h"

#include "HCGS/HCGSDialect.cpp.inc"

using namespace mlir;

void hcgs::HCGSDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "HCGS/HCGSOps.cpp.inc"
      >();
}
