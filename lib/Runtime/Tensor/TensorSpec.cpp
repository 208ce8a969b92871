//===- TensorSpec.cpp - what a model expects of a tensor ------------------===//

#include "hcgs/Runtime/Tool/CommandLine.h"
#include "hcgs/Runtime/Tensor/TensorSpec.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace hcgs;

bool TensorSpec::matches(const Tensor &tensor) const {
  if (tensor.getElementType() != type ||
      tensor.getRank() != static_cast<int64_t>(shape.size()))
    return false;
  return llvm::all_of(llvm::zip(shape, tensor.getShape()), [](auto dims) {
    auto [expected, actual] = dims;
    return expected == kDynamicDim || expected == actual;
  });
}

std::string TensorSpec::describe() const {
  return getElementTypeName(type).str() + " " + formatShape(shape);
}

llvm::Error hcgs::checkTensors(llvm::ArrayRef<TensorSpec> specs,
                               const TensorMap &tensors, llvm::StringRef kind) {
  std::vector<std::string> problems;
  for (const TensorSpec &spec : specs) {
    auto it = tensors.find(spec.name);
    if (it == tensors.end()) {
      problems.push_back("missing " + kind.str() + " " + quoteName(spec.name) +
                         " (" + spec.describe() + ")");
      continue;
    }
    const Tensor &tensor = it->second;
    if (tensor.getElementType() != spec.type)
      problems.push_back(kind.str() + " " + quoteName(spec.name) +
                         " has element type " +
                         getElementTypeName(tensor.getElementType()).str() +
                         ", expected " + getElementTypeName(spec.type).str());
    else if (!spec.matches(tensor))
      problems.push_back(kind.str() + " " + quoteName(spec.name) +
                         " has shape " + formatShape(tensor.getShape()) +
                         ", expected " + formatShape(spec.shape));
  }
  for (const auto &[name, tensor] : tensors) {
    bool known = llvm::any_of(specs, [&, &name = name](const TensorSpec &spec) {
      return spec.name == name;
    });
    if (!known) {
      std::string names;
      for (const TensorSpec &spec : specs)
        names += (names.empty() ? "" : ", ") + quoteName(spec.name);
      problems.push_back("unknown " + kind.str() + " " + quoteName(name) +
                         " (the model's " + kind.str() + "s are " +
                         (names.empty() ? "none" : names) + ")");
    }
  }
  if (problems.empty())
    return llvm::Error::success();
  return llvm::createStringError(llvm::join(problems, "; "));
}
