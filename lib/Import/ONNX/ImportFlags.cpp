//===- ImportFlags.cpp - the tools' --bind and --dim ----------------------===//

#include "hcgs/Import/ONNX.h"

#include "hcgs/IR/TensorAttr.h"
#include "hcgs/Runtime/Tool/CommandLine.h"

using namespace llvm;

Expected<hcgs::ONNXImportOptions>
hcgs::parseImportFlags(ArrayRef<std::string> binds, ArrayRef<std::string> dims,
                       mlir::MLIRContext &context) {
  ONNXImportOptions options;
  for (StringRef text : dims) {
    Expected<std::pair<std::string, int64_t>> dim =
        tools::parseDimAssignment(text);
    if (!dim)
      return dim.takeError();
    options.dimParams[dim->first] = dim->second;
  }
  // Every form first, so that a usage error is not hidden behind a file.
  SmallVector<tools::Assignment> bindings;
  for (StringRef text : binds) {
    Expected<tools::Assignment> binding =
        tools::parseAssignment("--bind", "FILE", text);
    if (!binding)
      return binding.takeError();
    bindings.push_back(*binding);
  }
  for (const tools::Assignment &binding : bindings) {
    Expected<mlir::DenseElementsAttr> value =
        readTensorFileAsAttr(binding.value, &context);
    if (!value)
      return createStringError("--bind " + binding.name + ": " +
                               toString(value.takeError()));
    options.constantInputs[binding.name] = *value;
  }
  return options;
}
