//===- HCGSDialect.cpp - the model-level hcgs dialect ---------------------===//

#include "hcgs/Dialect/HCGS/HCGSDialect.h"
#include "hcgs/Dialect/HCGS/HCGSAttrs.h"
#include "hcgs/Dialect/HCGS/HCGSOps.h"

#include "hcgs/Dialect/HCGS/HCGSDialect.cpp.inc"

using namespace mlir;

void hcgs::HCGSDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "hcgs/Dialect/HCGS/HCGSOps.cpp.inc"
      >();
}

/// Checks the hcgs attributes of a function argument or result.
static LogicalResult verifyValueAttr(Operation *op, NamedAttribute attr,
                                     bool isArgument) {
  StringRef name = attr.getName().strref();
  if (name == hcgs::kNameAttrName) {
    if (!isa<StringAttr>(attr.getValue()))
      return op->emitError() << "'" << name << "' must be a string";
    return success();
  }
  if (name == hcgs::kFormatAttrName && isArgument) {
    if (!isa<hcgs::FixedPointAttr>(attr.getValue()))
      return op->emitError() << "'" << name
                             << "' must be a #hcgs.fixed format";
    return success();
  }
  return op->emitError() << "unknown hcgs attribute '" << name << "' on a "
                         << (isArgument ? "region argument" : "result");
}

LogicalResult hcgs::HCGSDialect::verifyRegionArgAttribute(Operation *op,
                                                          unsigned, unsigned,
                                                          NamedAttribute attr) {
  return verifyValueAttr(op, attr, /*isArgument=*/true);
}

LogicalResult hcgs::HCGSDialect::verifyRegionResultAttribute(
    Operation *op, unsigned, unsigned, NamedAttribute attr) {
  return verifyValueAttr(op, attr, /*isArgument=*/false);
}
