//===- ISARecords.cpp - hcgs_isa ops, records, words and targets ----------===//

#include "hcgs/Dialect/ISA/ISARecords.h"

#include "hcgs/IR/ModuleTarget.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/JSON.h"

using namespace mlir;
using namespace hcgs;
using namespace hcgs::isa;
using namespace hcgs::mc;
namespace json = llvm::json;

uint32_t isa::countInstructions(Region &region) {
  // Verified loop bodies hold only instructions.
  uint32_t count = 0;
  region.walk([&](Operation *) { ++count; });
  return count;
}

// toRecord / fromRecord for every operand and instruction, and the public
// toInstructionRecord and buildInstructionOp.
#include "hcgs/Dialect/ISA/ISAGlue.cpp.inc"

//===----------------------------------------------------------------------===//
// Streams
//===----------------------------------------------------------------------===//

std::vector<enc::Instruction> isa::getInstructionRecords(ProgramOp program) {
  std::vector<enc::Instruction> records;
  program.getBody().walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (std::optional<enc::Instruction> record = toInstructionRecord(op))
      records.push_back(*record);
  });
  return records;
}

FailureOr<std::vector<uint32_t>> isa::encodeProgramBody(ProgramOp program) {
  std::vector<uint32_t> words;
  // Pre-order visits a loop, then its body: the stream's order.
  WalkResult result =
      program.getBody().walk<WalkOrder::PreOrder>([&](Operation *op) {
        std::optional<enc::Instruction> record = toInstructionRecord(op);
        if (!record) {
          op->emitOpError("is not an instruction");
          return WalkResult::interrupt();
        }
        if (std::string problem = enc::checkFieldRanges(*record);
            !problem.empty()) {
          op->emitOpError(problem);
          return WalkResult::interrupt();
        }
        enc::encode(*record, words);
        return WalkResult::advance();
      });
  if (result.wasInterrupted())
    return failure();
  return words;
}

LogicalResult isa::decodeProgramBody(ProgramOp program,
                                     ArrayRef<uint32_t> words) {
  std::vector<enc::Instruction> records;
  std::vector<uint32_t> stream(words.begin(), words.end());
  if (std::string problem = enc::decodeStream(stream, records);
      !problem.empty())
    return program.emitOpError("cannot decode the instruction stream: ")
           << problem;
  Block &body = program.getBodyBlock();
  body.clear();
  OpBuilder builder = OpBuilder::atBlockEnd(&body);
  Location loc = program.getLoc();
  uint64_t loopRemaining = 0;
  for (const enc::Instruction &record : records) {
    Operation *op = buildInstructionOp(builder, loc, record);
    if (!op)
      return failure();
    if (loopRemaining && --loopRemaining == 0)
      builder.setInsertionPointToEnd(&body);
    if (const auto *loop = std::get_if<enc::LoopInst>(&record)) {
      if (loop->body) {
        loopRemaining = loop->body;
        builder.setInsertionPointToEnd(&op->getRegion(0).front());
      }
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Targets
//===----------------------------------------------------------------------===//

FailureOr<Target> isa::getProgramTarget(ProgramOp program) {
  llvm::Expected<Target> target =
      parseTargetAttr(program.getTarget(), MissingParameters::AreErrors);
  if (!target)
    return program.emitOpError("target: ") << llvm::toString(target.takeError());
  return std::move(*target);
}

//===----------------------------------------------------------------------===//
// Program contents
//===----------------------------------------------------------------------===//

std::vector<TensorDesc> isa::getTensorDescs(ArrayAttr tensors) {
  std::vector<TensorDesc> descs;
  for (Attribute attr : tensors) {
    auto tensor = cast<TensorAttr>(attr);
    TensorDesc &desc = descs.emplace_back();
    desc.name = tensor.getName().str();
    for (int64_t dim : tensor.getShape())
      desc.shape.push_back(ShapedType::isDynamic(dim) ? TensorDesc::kSeqDim
                                                      : dim);
    desc.ioAddress = tensor.getIoAddress();
    desc.isLengths = tensor.isLengths();
    if (FixedPointAttr format = tensor.getFormat()) {
      desc.bits = format.getBits();
      desc.isSigned = format.getIsSigned();
      desc.fracBits = format.getFracBits().front();
    }
  }
  return descs;
}

llvm::Expected<std::vector<uint8_t>>
isa::getImageContents(ElementsAttr image) {
  std::vector<uint8_t> bytes;
  if (!image)
    return bytes;
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(image)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return llvm::createStringError("resource blob is not available");
    // A blob is only bytes: nothing but this check ties its length to the
    // type, and every later stage sizes the image by one or the other.
    ArrayRef<char> data = blob->getData();
    int64_t expected = resource.getType().getNumElements();
    if (static_cast<int64_t>(data.size()) != expected)
      return llvm::createStringError(
          "resource blob holds " + llvm::Twine(data.size()) +
          " bytes, but its type needs " + llvm::Twine(expected));
    bytes.assign(data.begin(), data.end());
    return bytes;
  }
  for (const APInt &value :
       cast<DenseIntElementsAttr>(image).getValues<APInt>())
    bytes.push_back(static_cast<uint8_t>(value.getZExtValue()));
  return bytes;
}

FailureOr<ProgramDesc> isa::getProgramDesc(ProgramOp program) {
  FailureOr<std::vector<uint32_t>> words = encodeProgramBody(program);
  if (failed(words))
    return failure();
  ProgramDesc desc;
  desc.maxSeqLen = program.getMaxSeqLen();
  desc.inputs = getTensorDescs(program.getInputs());
  desc.outputs = getTensorDescs(program.getOutputs());
  desc.words = std::move(*words);
  struct Image {
    StringRef name;
    ElementsAttr attr;
    std::vector<uint8_t> &bytes;
  };
  for (const Image &image :
       {Image{"weight", program.getWeightsAttr(), desc.weights},
        Image{"index", program.getIndexAttr(), desc.index},
        Image{"param", program.getParamsAttr(), desc.params}}) {
    llvm::Expected<std::vector<uint8_t>> bytes = getImageContents(image.attr);
    if (!bytes)
      return program.emitOpError("the ")
             << image.name << " image's " << llvm::toString(bytes.takeError());
    image.bytes = std::move(*bytes);
  }
  return desc;
}

LogicalResult isa::verifyProgram(ProgramOp program, const Target &target) {
  FailureOr<ProgramDesc> desc = getProgramDesc(program);
  if (failed(desc))
    return failure();
  std::vector<enc::Instruction> instructions;
  ProgramProblem problem = findProgramProblem(*desc, target, instructions);
  if (problem.message.empty())
    return success();
  Operation *at = program;
  if (problem.instruction) {
    // The decoded stream lists the instructions in pre-order, as the walk
    // visits them.
    size_t index = 0;
    program.getBody().walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (!toInstructionRecord(op))
        return WalkResult::advance();
      if (index++ != *problem.instruction)
        return WalkResult::advance();
      at = op;
      return WalkResult::interrupt();
    });
  }
  return at->emitOpError(problem.message);
}
