//===- Executor.cpp - the float reference executor of hcgs IR -------------===//

#include "hcgs/Runtime/Tool/CommandLine.h"
#include "hcgs/Reference/Executor.h"

#include "Kernels.h"
#include "hcgs/IR/ModelFunction.h"
#include "hcgs/IR/Diagnostics.h"
#include "hcgs/IR/ModuleTarget.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cstring>
#include <deque>
#include <set>

using namespace mlir;
using namespace hcgs;
using namespace hcgs::reference;
using llvm::Error;
using llvm::Expected;


static Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(message);
}

/// The ElementType of a builtin element type, if it has one.
static std::optional<ElementType> getElementType(Type type) {
  if (type.isF16())
    return ElementType::Float16;
  if (type.isF32())
    return ElementType::Float32;
  if (type.isF64())
    return ElementType::Float64;
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer)
    return std::nullopt;
  bool isUnsigned = integer.isUnsigned();
  switch (integer.getWidth()) {
  case 1:
    return isUnsigned ? std::nullopt : std::optional(ElementType::Bool);
  case 8:
    return isUnsigned ? ElementType::UInt8 : ElementType::Int8;
  case 16:
    return isUnsigned ? ElementType::UInt16 : ElementType::Int16;
  case 32:
    return isUnsigned ? ElementType::UInt32 : ElementType::Int32;
  case 64:
    return isUnsigned ? ElementType::UInt64 : ElementType::Int64;
  default:
    return std::nullopt;
  }
}

/// "'hcgs.lstm' at model.mlir:4:8", for messages about an op.
static std::string describeOp(Operation *op) {
  std::string text = "'" + op->getName().getStringRef().str() + "'";
  std::string location = formatLocation(op->getLoc());
  return location.empty() ? text : text + " at " + location;
}


/// The TensorSpec of one argument or result of @main; `what` names it.
static Expected<TensorSpec> getSpec(StringAttr name, Type type,
                                    const std::string &what) {
  if (!name)
    return makeError(what + " of @main has no string attribute '" + kNameAttrName +
                     "'");
  if (name.getValue().empty())
    return makeError(what + " of @main has an empty " + kNameAttrName);
  auto tensorType = dyn_cast<RankedTensorType>(type);
  std::optional<ElementType> elementType =
      tensorType ? getElementType(tensorType.getElementType()) : std::nullopt;
  if (!elementType) {
    std::string typeText;
    llvm::raw_string_ostream(typeText) << type;
    return makeError(what + " " + quoteName(name.getValue()) + " has type " +
                     typeText +
                     "; the reference executor takes ranked tensors of f16, "
                     "f32, f64, i1 and 8- to 64-bit integers");
  }
  TensorSpec spec{name.getValue().str(), *elementType, {}};
  for (int64_t dim : tensorType.getShape())
    spec.shape.push_back(ShapedType::isDynamic(dim) ? kDynamicDim : dim);
  return spec;
}

/// Fails when two specs share a name.
static Error checkUniqueNames(llvm::ArrayRef<TensorSpec> specs,
                              llvm::StringRef kind) {
  std::set<llvm::StringRef> seen;
  for (const TensorSpec &spec : specs)
    if (!seen.insert(spec.name).second)
      return makeError("two " + kind + "s of @main are named " +
                       quoteName(spec.name));
  return Error::success();
}

Expected<ModelSignature> hcgs::getModelSignature(ModuleOp module) {
  Expected<func::FuncOp> main = getModelFunction(module);
  if (!main)
    return main.takeError();
  ModelSignature signature;
  FunctionType type = main->getFunctionType();
  for (unsigned i = 0, e = type.getNumInputs(); i < e; ++i) {
    Expected<TensorSpec> spec =
        getSpec(main->getArgAttrOfType<StringAttr>(i, kNameAttrName),
                type.getInput(i), "argument " + std::to_string(i));
    if (!spec)
      return spec.takeError();
    signature.inputs.push_back(std::move(*spec));
  }
  for (unsigned i = 0, e = type.getNumResults(); i < e; ++i) {
    Expected<TensorSpec> spec =
        getSpec(main->getResultAttrOfType<StringAttr>(i, kNameAttrName),
                type.getResult(i), "result " + std::to_string(i));
    if (!spec)
      return spec.takeError();
    signature.outputs.push_back(std::move(*spec));
  }
  if (Error err = checkUniqueNames(signature.inputs, "argument"))
    return std::move(err);
  if (Error err = checkUniqueNames(signature.outputs, "result"))
    return std::move(err);
  return signature;
}

Error hcgs::checkInputs(const ModelSignature &signature,
                        const TensorMap &inputs) {
  return checkTensors(signature.inputs, inputs, "input");
}

/// Decodes the value of an arith.constant: a dense elements attribute (splat
/// or not) or a dense_resource blob.
static Expected<Tensor> decodeConstant(arith::ConstantOp op,
                                       const KernelContext &context) {
  auto type = dyn_cast<RankedTensorType>(op.getType());
  std::optional<ElementType> elementType =
      type ? getElementType(type.getElementType()) : std::nullopt;
  if (!elementType || !type.hasStaticShape())
    return makeError("the reference executor takes constants that are "
                     "statically shaped tensors of f16, f32, f64, i1 and 8- "
                     "to 64-bit integers");
  Expected<Tensor> tensor = context.create(*elementType, type.getShape());
  if (!tensor)
    return tensor.takeError();
  llvm::MutableArrayRef<uint8_t> bytes = tensor->getMutableBytes();
  size_t elementSize = getElementSize(*elementType);

  if (auto dense = dyn_cast<DenseElementsAttr>(op.getValue())) {
    if (*elementType == ElementType::Bool) {
      // i1 elements are bit-packed in the attribute's storage.
      llvm::copy(dense.getValues<bool>(), bytes.begin());
      return tensor;
    }
    llvm::ArrayRef<char> raw = dense.getRawData();
    if (dense.isSplat()) {
      for (size_t offset = 0; offset < bytes.size(); offset += elementSize)
        std::memcpy(bytes.data() + offset, raw.data(), elementSize);
    } else {
      std::memcpy(bytes.data(), raw.data(), bytes.size());
    }
    return tensor;
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(op.getValue())) {
    if (*elementType == ElementType::Bool)
      return makeError("dense_resource constants of i1 are not supported");
    DenseResourceElementsHandle handle = resource.getRawHandle();
    AsmResourceBlob *blob = handle.getBlob();
    if (!blob)
      return makeError("dense_resource " + quoteName(handle.getKey()) +
                       " has no data (its blob is missing or elided)");
    llvm::ArrayRef<char> data = blob->getData();
    if (data.size() != bytes.size())
      return makeError("dense_resource " + quoteName(handle.getKey()) +
                       " holds " + llvm::Twine(data.size()) +
                       " bytes, but its type needs " +
                       llvm::Twine(bytes.size()));
    std::memcpy(bytes.data(), data.data(), bytes.size());
    return tensor;
  }
  return makeError("the reference executor takes constants with dense or "
                   "dense_resource values");
}

Expected<ReferenceExecutor> ReferenceExecutor::create(ModuleOp module,
                                                      ExecutorOptions options) {
  {
    FirstErrorCapture capture(module.getContext());
    if (failed(verify(module)))
      return makeError("the model does not verify: " + capture.getMessage());
  }
  Expected<func::FuncOp> main = getModelFunction(module);
  if (!main)
    return main.takeError();
  Expected<ModelSignature> signature = getModelSignature(module);
  if (!signature)
    return signature.takeError();
  if (!llvm::hasSingleElement(main->getBody()))
    return makeError("@main has more than one block; the reference executor "
                     "runs straight-line code");

  ReferenceExecutor executor(*main, std::move(*signature), options);
  Expected<Target> target = getModuleTarget(module);
  if (!target)
    return target.takeError();
  executor.roundTiesToEven = target->rounding == Rounding::NearestEven;
  KernelContext context(options.maxTensorBytes, executor.roundTiesToEven);
  for (Operation &op : main->getBody().front()) {
    if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
      Expected<Tensor> value = decodeConstant(constant, context);
      if (!value)
        return makeError(describeOp(&op) + ": " +
                         llvm::toString(value.takeError()));
      executor.constants.try_emplace(constant.getResult(), std::move(*value));
      continue;
    }
    if (!isa<LSTMOp, FCOp, TransposeOp, ReshapeOp, ConcatOp, SliceOp,
             func::ReturnOp>(op))
      return makeError("cannot execute " + describeOp(&op) +
                       ": the reference executor runs the hcgs ops, "
                       "arith.constant and func.return");
  }
  return executor;
}

/// Runs the kernel of one op; its results in order.
static Expected<std::vector<Tensor>>
runKernel(Operation &op, ValueLookup valueOf, const KernelContext &context) {
  auto single = [](Expected<Tensor> result) -> Expected<std::vector<Tensor>> {
    if (!result)
      return result.takeError();
    std::vector<Tensor> results;
    results.push_back(std::move(*result));
    return results;
  };
  return llvm::TypeSwitch<Operation *, Expected<std::vector<Tensor>>>(&op)
      .Case([&](LSTMOp lstm) { return runLSTM(lstm, valueOf, context); })
      .Case([&](FCOp fc) { return single(runFC(fc, valueOf, context)); })
      .Case([&](TransposeOp transpose) {
        return single(runTranspose(transpose, valueOf, context));
      })
      .Case([&](ReshapeOp reshape) {
        return single(runReshape(reshape, valueOf, context));
      })
      .Case([&](ConcatOp concat) {
        return single(runConcat(concat, valueOf, context));
      })
      .Case([&](SliceOp slice) {
        return single(runSlice(slice, valueOf, context));
      })
      .Default([](Operation *) -> Expected<std::vector<Tensor>> {
        llvm_unreachable("create() admits only ops with a kernel");
      });
}

/// Checks a computed result against the static sizes of its type.
static Error checkResultType(Value result, const Tensor &tensor) {
  auto type = cast<RankedTensorType>(result.getType());
  bool fits = tensor.getRank() == type.getRank() &&
              llvm::all_of(llvm::zip(type.getShape(), tensor.getShape()),
                           [](auto dims) {
                             auto [declared, actual] = dims;
                             return ShapedType::isDynamic(declared) ||
                                    declared == actual;
                           });
  if (fits)
    return Error::success();
  llvm::SmallVector<int64_t> declared;
  for (int64_t dim : type.getShape())
    declared.push_back(ShapedType::isDynamic(dim) ? kDynamicDim : dim);
  return makeError("result " +
                   llvm::Twine(cast<OpResult>(result).getResultNumber()) +
                   " has shape " + formatShape(tensor.getShape()) +
                   ", but its type says " + formatShape(declared));
}

RunObserver::~RunObserver() = default;

Expected<TensorMap> ReferenceExecutor::run(const TensorMap &inputs,
                                           RunObserver *observer) const {
  if (Error err = checkInputs(signature, inputs))
    return std::move(err);
  // Op accessors are not const; the run changes nothing in the module.
  func::FuncOp main = this->main;
  KernelContext context(options.maxTensorBytes, roundTiesToEven, observer);
  llvm::DenseMap<Value, const Tensor *> values;
  // Inputs with a format enter the model rounded to it, as the host
  // quantizes them for the accelerator.
  std::deque<Tensor> quantizedInputs;
  for (auto [arg, spec] : llvm::zip(main.getArguments(), signature.inputs)) {
    values[arg] = &inputs.at(spec.name);
    auto format = main.getArgAttrOfType<FixedPointAttr>(arg.getArgNumber(),
                                                        kFormatAttrName);
    if (!format || spec.type != ElementType::Float32)
      continue;
    Tensor &copy = quantizedInputs.emplace_back(*values[arg]);
    for (float &value : copy.getMutableValues<float>())
      value = static_cast<float>(context.quantize(value, format));
    values[arg] = &copy;
  }
  for (const auto &[value, tensor] : constants)
    values[value] = &tensor;
  auto valueOf = [&](Value value) -> const Tensor & {
    return *values.at(value);
  };

  // Results live until the run ends; a deque keeps their addresses stable.
  std::deque<Tensor> results;
  for (Operation &op : main.getBody().front()) {
    if (isa<arith::ConstantOp>(op))
      continue;
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      TensorMap outputs;
      for (auto [operand, spec] :
           llvm::zip(ret.getOperands(), signature.outputs))
        outputs.emplace(spec.name, valueOf(operand));
      return outputs;
    }
    Expected<std::vector<Tensor>> opResults = runKernel(op, valueOf, context);
    if (!opResults)
      return makeError(describeOp(&op) + ": " +
                       llvm::toString(opResults.takeError()));
    for (auto [result, tensor] : llvm::zip(op.getResults(), *opResults)) {
      if (Error err = checkResultType(result, tensor))
        return makeError(describeOp(&op) + ": " +
                         llvm::toString(std::move(err)));
      results.push_back(std::move(tensor));
      values[result] = &results.back();
      if (observer)
        observer->observeResult(result, results.back());
    }
  }
  llvm_unreachable("a verified func.func ends with func.return");
}

Expected<TensorMap> hcgs::runReference(ModuleOp module, const TensorMap &inputs,
                                       ExecutorOptions options) {
  Expected<ReferenceExecutor> executor =
      ReferenceExecutor::create(module, options);
  if (!executor)
    return executor.takeError();
  return executor->run(inputs);
}
