//===- ExecutorTest.cpp - the reference executor's API --------------------===//
//
// What the lit tests cannot reach: the executor as a library, as the compiler
// uses it for calibration (one executor, many runs) and its size limit.
//
//===----------------------------------------------------------------------===//

#include "hcgs/Reference/Executor.h"

#include "hcgs/Dialect/HCGS/HCGSDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "gtest/gtest.h"

#include <cmath>
#include <optional>

using namespace hcgs;

namespace {

std::string errorOf(llvm::Error err) { return llvm::toString(std::move(err)); }

class ExecutorTest : public ::testing::Test {
protected:
  ExecutorTest() {
    context.loadDialect<HCGSDialect, mlir::func::FuncDialect,
                        mlir::arith::ArithDialect>();
  }

  mlir::OwningOpRef<mlir::ModuleOp> parse(llvm::StringRef text) {
    return mlir::parseSourceString<mlir::ModuleOp>(text, &context);
  }

  /// An executor of the module `text`, which the fixture keeps; a failure of
  /// the test (with the reason) and nothing when that cannot be made.
  std::optional<ReferenceExecutor> createExecutor(llvm::StringRef text) {
    executedModule = parse(text);
    if (!executedModule) {
      ADD_FAILURE() << "the module does not parse";
      return std::nullopt;
    }
    llvm::Expected<ReferenceExecutor> executor =
        ReferenceExecutor::create(*executedModule);
    if (!executor) {
      ADD_FAILURE() << errorOf(executor.takeError());
      return std::nullopt;
    }
    return std::move(*executor);
  }

  mlir::MLIRContext context;
  mlir::OwningOpRef<mlir::ModuleOp> executedModule;
};

// y = x W^T + b with a dynamic batch, b a constant.
constexpr llvm::StringLiteral kFC = R"mlir(
func.func @main(%x: tensor<?x2xf32> {hcgs.name = "x"}, %w: tensor<3x2xf32> {hcgs.name = "w"})
    -> (tensor<?x3xf32> {hcgs.name = "y"}) {
  %b = arith.constant dense<[0.5, 0.0, -1.0]> : tensor<3xf32>
  %y = hcgs.fc %x, %w, %b : (tensor<?x2xf32>, tensor<3x2xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}
)mlir";

TEST_F(ExecutorTest, ReadsTheSignature) {
  mlir::OwningOpRef<mlir::ModuleOp> module = parse(kFC);
  ASSERT_TRUE(module);
  llvm::Expected<ModelSignature> signature = getModelSignature(*module);
  ASSERT_TRUE(static_cast<bool>(signature)) << errorOf(signature.takeError());
  ASSERT_EQ(signature->inputs.size(), 2u);
  EXPECT_EQ(signature->inputs[0].name, "x");
  EXPECT_EQ(signature->inputs[0].describe(), "f32 [?, 2]");
  EXPECT_EQ(signature->inputs[1].describe(), "f32 [3, 2]");
  ASSERT_EQ(signature->outputs.size(), 1u);
  EXPECT_EQ(signature->outputs[0].name, "y");
  EXPECT_EQ(signature->outputs[0].shape,
            (std::vector<int64_t>{kDynamicDim, 3}));
}

TEST_F(ExecutorTest, RunsManyTimes) {
  std::optional<ReferenceExecutor> executor = createExecutor(kFC);
  ASSERT_TRUE(executor);
  Tensor w = Tensor::fromValues<float>({3, 2}, {1, 0, 0, 1, 1, 1});
  for (int64_t batch : {1, 3}) {
    std::vector<float> x;
    for (int64_t i = 0; i < 2 * batch; ++i)
      x.push_back(static_cast<float>(i));
    TensorMap inputs;
    inputs.emplace("x", Tensor::fromValues<float>({batch, 2}, x));
    inputs.emplace("w", w);
    llvm::Expected<TensorMap> outputs = executor->run(inputs);
    ASSERT_TRUE(static_cast<bool>(outputs)) << errorOf(outputs.takeError());
    const Tensor &y = outputs->at("y");
    ASSERT_EQ(y.getShape(), llvm::ArrayRef<int64_t>({batch, 3}));
    for (int64_t row = 0; row < batch; ++row) {
      float x0 = x[2 * row], x1 = x[2 * row + 1];
      EXPECT_EQ(y.getValues<float>()[3 * row], x0 + 0.5f);
      EXPECT_EQ(y.getValues<float>()[3 * row + 1], x1);
      EXPECT_EQ(y.getValues<float>()[3 * row + 2], x0 + x1 - 1.0f);
    }
  }
}

TEST_F(ExecutorTest, ShowsEveryResultToAnObserver) {
  std::optional<ReferenceExecutor> executor = createExecutor(kFC);
  ASSERT_TRUE(executor);
  TensorMap inputs;
  inputs.emplace("x", Tensor::fromValues<float>({1, 2}, {2, 3}));
  inputs.emplace("w", Tensor::fromValues<float>({3, 2}, {1, 1, 0, 0, 1, 0}));
  struct Recorder : RunObserver {
    void observeResult(mlir::OpResult result, const Tensor &value) override {
      seen.emplace_back(result.getOwner()->getName().getStringRef().str(),
                        value);
    }
    std::vector<std::pair<std::string, Tensor>> seen;
  } recorder;
  llvm::Expected<TensorMap> outputs = executor->run(inputs, &recorder);
  ASSERT_TRUE(static_cast<bool>(outputs)) << errorOf(outputs.takeError());
  ASSERT_EQ(recorder.seen.size(), 1u);
  EXPECT_EQ(recorder.seen[0].first, "hcgs.fc");
  EXPECT_EQ(recorder.seen[0].second,
            Tensor::fromValues<float>({1, 3}, {5.5f, 0, 1}));
}

TEST_F(ExecutorTest, ChecksInputsBeforeRunning) {
  std::optional<ReferenceExecutor> executor = createExecutor(kFC);
  ASSERT_TRUE(executor);
  TensorMap inputs;
  inputs.emplace("x", Tensor(ElementType::Float32, {4, 3}));
  EXPECT_EQ(errorOf(executor->run(inputs).takeError()),
            "input 'x' has shape [4, 3], expected [?, 2]; missing input 'w' "
            "(f32 [3, 2])");
  EXPECT_EQ(errorOf(checkInputs(executor->getSignature(), inputs)),
            "input 'x' has shape [4, 3], expected [?, 2]; missing input 'w' "
            "(f32 [3, 2])");
}

TEST_F(ExecutorTest, RefusesResultsBeyondTheLimit) {
  mlir::OwningOpRef<mlir::ModuleOp> module = parse(kFC);
  ASSERT_TRUE(module);
  ExecutorOptions options;
  options.maxTensorBytes = 64;
  TensorMap inputs;
  inputs.emplace("w", Tensor(ElementType::Float32, {3, 2}));
  inputs.emplace("x", Tensor(ElementType::Float32, {5, 2}));
  // 5 x 3 floats are 60 bytes; 6 x 3 are 72.
  EXPECT_TRUE(static_cast<bool>(runReference(*module, inputs, options)));
  inputs.erase("x");
  inputs.emplace("x", Tensor(ElementType::Float32, {6, 2}));
  std::string error =
      errorOf(runReference(*module, inputs, options).takeError());
  EXPECT_NE(error.find("'hcgs.fc' at"), std::string::npos) << error;
  EXPECT_NE(error.find("its result of shape [6, 3] would take 72 bytes, more "
                       "than the executor's limit of 64"),
            std::string::npos)
      << error;
}

TEST_F(ExecutorTest, RunsEmptyTensors) {
  // An LSTM with no input features and an fc on it; batch and input size
  // come at run time and may be 0.
  std::optional<ReferenceExecutor> executor = createExecutor(R"mlir(
func.func @main(%x: tensor<2x?x?xf32> {hcgs.name = "x"}, %w: tensor<1x8x?xf32> {hcgs.name = "w"},
                %r: tensor<1x8x2xf32> {hcgs.name = "r"}, %b: tensor<1x16xf32> {hcgs.name = "b"})
    -> (tensor<2x1x?x2xf32> {hcgs.name = "y"}, tensor<2x?x0xf32> {hcgs.name = "fc"}) {
  %y = hcgs.lstm(%x, %w, %r) bias(%b) {direction = #hcgs.direction<forward>, hidden_size = 2 : i64,
      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>]}
    : (tensor<2x?x?xf32>, tensor<1x8x?xf32>, tensor<1x8x2xf32>, tensor<1x16xf32>) -> (Y: tensor<2x1x?x2xf32>)
  %flat = hcgs.reshape %y : tensor<2x1x?x2xf32> -> tensor<2x?x2xf32>
  %none = arith.constant dense<0.0> : tensor<0x2xf32>
  %fc = hcgs.fc %flat, %none : (tensor<2x?x2xf32>, tensor<0x2xf32>) -> tensor<2x?x0xf32>
  return %y, %fc : tensor<2x1x?x2xf32>, tensor<2x?x0xf32>
}
)mlir");
  ASSERT_TRUE(executor);
  for (int64_t batch : {0, 1}) {
    TensorMap inputs;
    inputs.emplace("x", Tensor(ElementType::Float32, {2, batch, 0}));
    inputs.emplace("w", Tensor(ElementType::Float32, {1, 8, 0}));
    inputs.emplace("r", Tensor(ElementType::Float32, {1, 8, 2}));
    // Biases alone drive the gates: i = o = sigmoid(0) = 0.5, f = 0, and
    // c = tanh(1), so Ct = 0.5 tanh(1) after one step.
    std::vector<float> bias(16, 0.0f);
    for (int k = 0; k < 2; ++k) {
      bias[4 + k] = -1000.0f; // f
      bias[6 + k] = 1.0f;     // c
    }
    inputs.emplace("b", Tensor::fromValues<float>({1, 16}, bias));
    llvm::Expected<TensorMap> outputs = executor->run(inputs);
    ASSERT_TRUE(static_cast<bool>(outputs)) << errorOf(outputs.takeError());
    EXPECT_EQ(outputs->at("y").getShape(),
              llvm::ArrayRef<int64_t>({2, 1, batch, 2}));
    EXPECT_EQ(outputs->at("fc").getShape(),
              llvm::ArrayRef<int64_t>({2, batch, 0}));
    if (batch == 1) {
      float c = static_cast<float>(0.5 * std::tanh(1.0));
      EXPECT_FLOAT_EQ(outputs->at("y").getValues<float>()[0],
                      static_cast<float>(0.5 * std::tanh(c)));
    }
  }
}

TEST_F(ExecutorTest, NamesWhatItCannotExecute) {
  mlir::OwningOpRef<mlir::ModuleOp> module = parse(R"mlir(
func.func @main(%x: tensor<2xf32> {hcgs.name = "x"}) -> (tensor<2xf32> {hcgs.name = "y"}) {
  %y = arith.negf %x : tensor<2xf32> loc("neg_node")
  return %y : tensor<2xf32>
}
)mlir");
  ASSERT_TRUE(module);
  EXPECT_EQ(errorOf(ReferenceExecutor::create(*module).takeError()),
            "cannot execute 'arith.negf' at 'neg_node': the reference "
            "executor runs the hcgs ops, arith.constant and func.return");
}

TEST_F(ExecutorTest, RefusesModulesThatDoNotVerify) {
  mlir::OwningOpRef<mlir::ModuleOp> module = parse(kFC);
  ASSERT_TRUE(module);
  mlir::func::FuncOp main = module->lookupSymbol<mlir::func::FuncOp>("main");
  main.setArgAttr(1, "hcgs.name", mlir::StringAttr::get(&context, "x"));
  EXPECT_EQ(errorOf(ReferenceExecutor::create(*module).takeError()),
            "two arguments of @main are named 'x'");
  // An fc whose bias is a matrix: the verifier refuses it, and the executor
  // does not run what does not verify.
  mlir::Operation *fc = &*std::next(main.getBody().front().begin());
  fc->setOperand(2, main.getArgument(0));
  std::string error = errorOf(ReferenceExecutor::create(*module).takeError());
  EXPECT_EQ(error.rfind("the model does not verify: ", 0), 0u) << error;
}

} // namespace
