//===- ModuleTarget.cpp - targets as attributes ---------------------------===//

#include "hcgs/IR/ModuleTarget.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace hcgs;

DictionaryAttr hcgs::getTargetAttr(MLIRContext *context, const Target &target) {
  Builder builder(context);
  SmallVector<NamedAttribute> entries;
  for (const TargetParamInfo &info : getTargetParamInfos()) {
    llvm::json::Value value = getTargetParamValue(target, info.key);
    Attribute attr;
    switch (info.kind) {
    case TargetParamKind::String:
    case TargetParamKind::Enum:
      attr = builder.getStringAttr(*value.getAsString());
      break;
    case TargetParamKind::Int:
      attr = builder.getI64IntegerAttr(*value.getAsInteger());
      break;
    case TargetParamKind::Real:
      attr = builder.getF64FloatAttr(*value.getAsNumber());
      break;
    case TargetParamKind::IntList: {
      SmallVector<Attribute> elements;
      for (const llvm::json::Value &element : *value.getAsArray())
        elements.push_back(builder.getI64IntegerAttr(*element.getAsInteger()));
      attr = builder.getArrayAttr(elements);
      break;
    }
    }
    entries.push_back(builder.getNamedAttr(info.key, attr));
  }
  return builder.getDictionaryAttr(entries);
}

/// The JSON form of a parameter's attribute, as applyTargetOverrides reads
/// it (which checks the kind); std::nullopt for any other attribute.
static std::optional<llvm::json::Value> toJSON(Attribute attr) {
  if (auto text = dyn_cast<StringAttr>(attr))
    return llvm::json::Value(text.getValue().str());
  if (auto integer = dyn_cast<IntegerAttr>(attr))
    return llvm::json::Value(integer.getInt());
  if (auto real = dyn_cast<FloatAttr>(attr))
    return llvm::json::Value(real.getValueAsDouble());
  if (auto array = dyn_cast<ArrayAttr>(attr)) {
    llvm::json::Array elements;
    for (Attribute element : array) {
      std::optional<llvm::json::Value> value = toJSON(element);
      if (!value)
        return std::nullopt;
      elements.push_back(std::move(*value));
    }
    return llvm::json::Value(std::move(elements));
  }
  return std::nullopt;
}

llvm::Expected<Target> hcgs::parseTargetAttr(DictionaryAttr dict,
                                             MissingParameters missing) {
  auto error = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  };
  Target target;
  if (Attribute preset = dict.get(kTargetPresetKey)) {
    auto name = dyn_cast<StringAttr>(preset);
    if (!name)
      return error("preset must be a string");
    llvm::Expected<Target> base = getTargetPreset(name.getValue());
    if (!base)
      return base.takeError();
    target = std::move(*base);
  } else if (missing == MissingParameters::AreErrors) {
    for (const TargetParamInfo &info : getTargetParamInfos())
      if (!dict.get(info.key))
        return error("missing parameter '" + info.key + "'");
  }
  llvm::json::Object overrides;
  for (NamedAttribute entry : dict) {
    if (entry.getName() == kTargetPresetKey)
      continue;
    std::optional<llvm::json::Value> value = toJSON(entry.getValue());
    if (!value)
      return error("parameter '" + entry.getName().strref() +
                   "' must be an integer, float, string or array");
    overrides[entry.getName().strref()] = std::move(*value);
  }
  if (llvm::Error overrideError = applyTargetOverrides(
          target, llvm::json::Value(std::move(overrides))))
    return std::move(overrideError);
  return target;
}

void hcgs::setModuleTarget(ModuleOp module, const Target &target) {
  module->setAttr(kTargetAttrName,
                  getTargetAttr(module.getContext(), target));
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
  llvm::Expected<Target> target =
      parseTargetAttr(dict, MissingParameters::KeepDefault);
  if (!target)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "module attribute 'hcgs.target': " +
                                       llvm::toString(target.takeError()));
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
