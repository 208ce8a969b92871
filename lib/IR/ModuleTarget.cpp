//===- ModuleTarget.cpp - the target a module is compiled for -------------===//

#include "hcgs/IR/ModuleTarget.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace hcgs;

static Attribute toAttribute(MLIRContext *context, const llvm::json::Value &value) {
  Builder builder(context);
  if (std::optional<llvm::StringRef> text = value.getAsString())
    return builder.getStringAttr(*text);
  if (std::optional<int64_t> integer = value.getAsInteger())
    return builder.getI64IntegerAttr(*integer);
  if (std::optional<double> real = value.getAsNumber())
    return builder.getF64FloatAttr(*real);
  if (const llvm::json::Array *array = value.getAsArray()) {
    SmallVector<Attribute> elements;
    for (const llvm::json::Value &element : *array)
      elements.push_back(toAttribute(context, element));
    return builder.getArrayAttr(elements);
  }
  llvm_unreachable("target parameters are strings, numbers or arrays");
}

std::optional<llvm::json::Value> hcgs::targetParamToJSON(Attribute attr) {
  if (auto text = dyn_cast<StringAttr>(attr))
    return llvm::json::Value(text.getValue().str());
  if (auto integer = dyn_cast<IntegerAttr>(attr))
    return llvm::json::Value(integer.getInt());
  if (auto real = dyn_cast<FloatAttr>(attr))
    return llvm::json::Value(real.getValueAsDouble());
  if (auto array = dyn_cast<ArrayAttr>(attr)) {
    llvm::json::Array elements;
    for (Attribute element : array) {
      std::optional<llvm::json::Value> value = targetParamToJSON(element);
      if (!value)
        return std::nullopt;
      elements.push_back(std::move(*value));
    }
    return llvm::json::Value(std::move(elements));
  }
  return std::nullopt;
}

void hcgs::setModuleTarget(ModuleOp module, const Target &target) {
  SmallVector<NamedAttribute> params;
  Builder builder(module.getContext());
  for (const TargetParamInfo &info : getTargetParamInfos())
    params.push_back(builder.getNamedAttr(
        info.key, toAttribute(module.getContext(),
                              getTargetParamValue(target, info.key))));
  module->setAttr(kTargetAttrName, builder.getDictionaryAttr(params));
}

llvm::Expected<Target> hcgs::getModuleTarget(ModuleOp module) {
  Attribute attr = module->getAttr(kTargetAttrName);
  if (!attr)
    return getTargetPreset(kDefaultTargetName);
  auto dict = dyn_cast<DictionaryAttr>(attr);
  if (!dict)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "module attribute 'hcgs.target' must be a "
                                   "dictionary of target parameters");
  llvm::json::Object overrides;
  for (NamedAttribute param : dict) {
    std::optional<llvm::json::Value> value =
        targetParamToJSON(param.getValue());
    if (!value)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "module attribute 'hcgs.target': parameter '" +
              param.getName().strref() +
              "' must be a string, a number or an array");
    overrides[param.getName().strref()] = std::move(*value);
  }
  Target target;
  if (llvm::Error error =
          applyTargetOverrides(target, llvm::json::Value(std::move(overrides))))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "module attribute 'hcgs.target': " +
                                       llvm::toString(std::move(error)));
  return target;
}

FailureOr<Target> hcgs::getModuleTargetOrEmit(ModuleOp module) {
  llvm::Expected<Target> target = getModuleTarget(module);
  if (!target) {
    module.emitError() << llvm::toString(target.takeError());
    return failure();
  }
  return std::move(*target);
}
