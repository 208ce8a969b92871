//===- Translate.cpp - hcgs_isa programs to program files and back --------===//

#include "hcgs/Translate/Program.h"

#include "hcgs/Dialect/HCGS/HCGSDialect.h"
#include "hcgs/Dialect/ISA/ISADialect.h"
#include "hcgs/Dialect/ISA/ISARecords.h"
#include "hcgs/IR/Diagnostics.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"

#include <map>
#include <tuple>

using namespace mlir;
using namespace hcgs;
using namespace hcgs::program;
using llvm::Expected;
namespace enc = hcgs::mc::enc;

namespace {

/// The first error MLIR reported, or `fallback`.
llvm::Error failure(const FirstErrorCapture &capture,
                    const llvm::Twine &fallback) {
  if (!capture.getMessage().empty())
    return llvm::createStringError(capture.getMessage());
  return llvm::createStringError(fallback);
}

// The file's enum of memories is generated from the dialect's
// (lib/Runtime/Program/CMakeLists.txt): the same values.
fb::Memory toFileMemory(isa::Memory memory) {
  return static_cast<fb::Memory>(static_cast<uint32_t>(memory));
}

isa::Memory toDialectMemory(fb::Memory memory) {
  return static_cast<isa::Memory>(static_cast<uint32_t>(memory));
}

fb::Memory toFileMemory(enc::MemSpace space) {
  switch (space) {
  case enc::MemSpace::IO:
    return fb::Memory::IO;
  case enc::MemSpace::Act:
    return fb::Memory::Act;
  case enc::MemSpace::Acc:
    return fb::Memory::Acc;
  }
  llvm_unreachable("unknown memory space");
}

} // namespace

void program::registerProgramDialects(DialectRegistry &registry) {
  registry.insert<HCGSDialect, isa::ISADialect>();
}

//===----------------------------------------------------------------------===//
// Export
//===----------------------------------------------------------------------===//

Expected<std::vector<uint8_t>> program::exportProgram(isa::ProgramOp program) {
  FirstErrorCapture capture(program.getContext());
  if (failed(mlir::verify(program)))
    return failure(capture, "the program does not verify");
  FailureOr<Target> target = isa::getProgramTarget(program);
  if (failed(target))
    return failure(capture, "the program's target is invalid");
  FailureOr<mc::ProgramDesc> desc = isa::getProgramDesc(program);
  if (failed(desc))
    return failure(capture, "the program has no program file form");
  std::vector<SymbolDesc> symbols;
  if (ArrayAttr symbolsAttr = program.getSymbolsAttr())
    for (auto symbol : symbolsAttr.getAsRange<isa::SymbolAttr>())
      symbols.push_back({symbol.getName().str(),
                         toFileMemory(symbol.getMemory()), symbol.getAddress(),
                         symbol.getSize()});
  return writeProgram(*target, *desc, program.getSymName(), symbols);
}

llvm::Error program::exportProgram(ModuleOp module, llvm::raw_ostream &output) {
  auto programs = llvm::to_vector(module.getOps<isa::ProgramOp>());
  if (programs.size() != 1)
    return llvm::createStringError(
        "the input holds " + llvm::Twine(programs.size()) +
        " hcgs_isa.program ops; a program file holds exactly one");
  Expected<std::vector<uint8_t>> bytes = exportProgram(programs.front());
  if (!bytes)
    return bytes.takeError();
  output.write(reinterpret_cast<const char *>(bytes->data()), bytes->size());
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Import
//===----------------------------------------------------------------------===//

Expected<OwningOpRef<ModuleOp>> program::importProgram(const Program &program,
                                                       MLIRContext &context) {
  context.loadDialect<HCGSDialect, isa::ISADialect>();
  FirstErrorCapture capture(&context);
  Location loc = UnknownLoc::get(&context);
  auto emitError = [&] { return mlir::emitError(loc); };
  Builder builder(&context);

  auto tensors = [&](const std::vector<mc::TensorDesc> &descs,
                     SmallVectorImpl<Attribute> &attrs) {
    for (const mc::TensorDesc &desc : descs) {
      SmallVector<int64_t> shape;
      for (int64_t dim : desc.shape)
        shape.push_back(dim == mc::TensorDesc::kSeqDim ? ShapedType::kDynamic
                                                        : dim);
      FixedPointAttr format;
      if (!desc.isLengths) {
        format = FixedPointAttr::getChecked(
            emitError, &context, desc.bits, desc.isSigned,
            llvm::ArrayRef<int32_t>(desc.fracBits));
        if (!format)
          return false;
      }
      auto tensor = isa::TensorAttr::getChecked(
          emitError, &context, llvm::StringRef(desc.name),
          llvm::ArrayRef<int64_t>(shape), desc.ioAddress, format);
      if (!tensor)
        return false;
      attrs.push_back(tensor);
    }
    return true;
  };
  SmallVector<Attribute> inputs, outputs;
  if (!tensors(program.desc.inputs, inputs) ||
      !tensors(program.desc.outputs, outputs))
    return failure(capture, "the program's tensors have no IR form");

  auto image = [&](StringRef name,
                   const std::vector<uint8_t> &bytes) -> ElementsAttr {
    if (bytes.empty())
      return {};
    auto type = RankedTensorType::get({static_cast<int64_t>(bytes.size())},
                                      builder.getIntegerType(8));
    return DenseResourceElementsAttr::get(
        type, name,
        HeapAsmResourceBlob::allocateAndCopyWithAlign(
            ArrayRef<char>(reinterpret_cast<const char *>(bytes.data()),
                           bytes.size()),
            alignof(char)));
  };
  ArrayAttr symbols;
  if (!program.symbols.empty()) {
    SmallVector<Attribute> attrs;
    for (const SymbolDesc &symbol : program.symbols)
      attrs.push_back(isa::SymbolAttr::get(&context, symbol.name,
                                           toDialectMemory(symbol.memory),
                                           symbol.address, symbol.size));
    symbols = builder.getArrayAttr(attrs);
  }

  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  OpBuilder opBuilder = OpBuilder::atBlockEnd(module->getBody());
  // A file need not name its program; the IR needs a symbol.
  StringRef name = program.name.empty() ? StringRef("program") : program.name;
  auto op = isa::ProgramOp::create(
      opBuilder, loc, name, getTargetAttr(&context, program.target),
      program.desc.maxSeqLen, builder.getArrayAttr(inputs),
      builder.getArrayAttr(outputs), image("weights", program.desc.weights),
      image("index", program.desc.index), image("params", program.desc.params),
      symbols);
  op.getBody().emplaceBlock();
  if (failed(isa::decodeProgramBody(op, program.desc.words)))
    return failure(capture, "the instructions have no IR form");
  if (failed(mlir::verify(*module)))
    return failure(capture, "the imported program does not verify");
  return module;
}

/// importProgram of `program`, read from `path`: its errors name the file.
static Expected<OwningOpRef<ModuleOp>>
importLoadedProgram(llvm::StringRef path, const Program &program,
                    MLIRContext &context) {
  Expected<OwningOpRef<ModuleOp>> module = importProgram(program, context);
  if (!module)
    return llvm::createStringError(path + ": " +
                                   llvm::toString(module.takeError()));
  return module;
}

Expected<OwningOpRef<ModuleOp>>
program::importProgramFile(llvm::StringRef path, MLIRContext &context) {
  Expected<Program> program = loadProgramFile(path);
  if (!program)
    return program.takeError();
  return importLoadedProgram(path, *program, context);
}

//===----------------------------------------------------------------------===//
// Disassembly
//===----------------------------------------------------------------------===//

namespace {

/// A memory address an instruction operand names.
struct Reference {
  const char *operand;
  fb::Memory memory;
  uint64_t address;
};

std::vector<Reference> getReferences(const enc::Instruction &instruction) {
  std::vector<Reference> refs;
  auto vec = [&](const char *operand, const enc::VecRef &ref) {
    refs.push_back({operand, toFileMemory(ref.space), ref.base});
  };
  auto param = [&](const char *operand, uint64_t address) {
    refs.push_back({operand, fb::Memory::Param, address});
  };
  std::visit(
      llvm::makeVisitor(
          [&](const enc::LoopInst &) {},
          [&](const enc::SetLenInst &inst) {
            if (inst.source == enc::SetLenSource::IO)
              refs.push_back({"source", fb::Memory::IO, inst.address});
            else if (inst.source == enc::SetLenSource::Param)
              param("source", inst.address);
          },
          [&](const enc::MvmInst &inst) {
            vec("x", inst.x);
            vec("acc", inst.acc);
            refs.push_back({"weights", fb::Memory::Weight, inst.weights});
            refs.push_back({"index", fb::Memory::Index, inst.index});
            param("shifts", inst.shifts);
            if (inst.bias)
              param("bias", inst.bias->address);
          },
          [&](const enc::LstmCellInst &inst) {
            vec("gates", inst.gates);
            vec("c", inst.c);
            vec("h", inst.h);
            if (inst.y)
              vec("y", *inst.y);
            param("lut_f", inst.lutF.table);
            param("lut_g", inst.lutG.table);
            param("lut_h", inst.lutH.table);
            if (inst.peepholes)
              param("peepholes", inst.peepholes->address);
          },
          [&](const enc::ActInst &inst) {
            vec("src", inst.src);
            vec("dst", inst.dst);
            param("lut", inst.lut.table);
          },
          [&](const enc::MoveInst &inst) {
            vec("src", inst.src);
            vec("dst", inst.dst);
          },
          [&](const enc::FillInst &inst) { vec("dst", inst.dst); }),
      instruction);
  return refs;
}

/// A named range, from a symbol or an I/O tensor; `order` is its place in
/// the listing (symbols, then inputs, then outputs).
struct NamedRange {
  std::string name;
  fb::Memory memory;
  uint64_t begin, end;
  size_t order;
};

/// The named ranges of one memory, sorted by where they begin, so that the
/// ones an address falls in are found without scanning them all: a file can
/// name 10^5 ranges, and the listing annotates every instruction.
class RangeIndex {
public:
  void add(NamedRange range) { ranges.push_back(std::move(range)); }

  /// Sorts; call once, after the last add.
  void finish() {
    llvm::sort(ranges, [](const NamedRange &a, const NamedRange &b) {
      return std::tie(a.begin, a.order) < std::tie(b.begin, b.order);
    });
    uint64_t farthest = 0;
    for (const NamedRange &range : ranges) {
      begins.push_back(range.begin);
      ends.push_back(range.end);
      farthest = std::max(farthest, range.end);
      farthestEnds.push_back(farthest);
    }
    llvm::sort(ends);
  }

  /// How many ranges hold `address`. Appends to `found` up to `limit` of
  /// them, among those beginning nearest below it.
  size_t find(uint64_t address, size_t limit,
              std::vector<const NamedRange *> &found) const {
    // Ranges with begin <= address, minus those that also end by it.
    size_t begun = llvm::upper_bound(begins, address) - begins.begin();
    size_t ended = llvm::upper_bound(ends, address) - ends.begin();
    size_t holding = begun - ended;
    // Bounded, so that many short ranges under a long one cost no more.
    constexpr size_t kMaxLooks = 64;
    for (size_t i = begun, looks = 0; i-- > 0 && found.size() < limit &&
                                      looks < kMaxLooks &&
                                      farthestEnds[i] > address;
         ++looks)
      if (ranges[i].end > address)
        found.push_back(&ranges[i]);
    return holding;
  }

private:
  std::vector<NamedRange> ranges;
  std::vector<uint64_t> begins, ends;
  /// farthestEnds[i]: the largest end among ranges[0..i].
  std::vector<uint64_t> farthestEnds;
};

class Disassembler {
public:
  Disassembler(const Program &program, isa::ProgramOp op, llvm::raw_ostream &os)
      : program(program), op(op), os(os) {
    size_t order = 0;
    for (const SymbolDesc &symbol : program.symbols)
      ranges[symbol.memory].add({symbol.name, symbol.memory, symbol.address,
                                 uint64_t(symbol.address) + symbol.size,
                                 order++});
    for (const auto *tensors : {&program.desc.inputs, &program.desc.outputs})
      for (const mc::TensorDesc &tensor : *tensors)
        ranges[fb::Memory::IO].add(
            {"'" + tensor.name + "'", fb::Memory::IO, tensor.ioAddress,
             tensor.ioAddress +
                 uint64_t(tensor.getNumWords(program.desc.maxSeqLen)),
             order++});
    for (auto &[memory, index] : ranges)
      index.finish();
  }

  void print() {
    printHeader();
    size_t index = 0, word = 0;
    unsigned indent = 0;
    uint64_t loopRemaining = 0;
    op.getBody().walk<WalkOrder::PreOrder>([&](Operation *inner) {
      const enc::Instruction &record = program.instructions[index];
      os << llvm::format("%5zu @%-6zu ", index, word)
         << std::string(indent, ' ');
      if (auto loop = llvm::dyn_cast<isa::LoopOp>(inner)) {
        os << "hcgs_isa.loop {  // " << std::get<enc::LoopInst>(record).body
           << " instructions, run T times\n";
        loopRemaining = std::get<enc::LoopInst>(record).body;
        indent = loopRemaining ? 2 : 0;
        if (!loopRemaining)
          os << std::string(14, ' ') << "}\n";
      } else {
        inner->print(os, OpPrintingFlags().assumeVerified());
        printAnnotations(record);
        os << '\n';
        if (loopRemaining && --loopRemaining == 0) {
          indent = 0;
          os << std::string(14, ' ') << "}\n";
        }
      }
      word += enc::getNumWords(enc::getOpcode(record));
      ++index;
    });
  }

private:
  void printHeader() {
    const Target &target = program.target;
    os << "// hcgs_isa.program @" << op.getSymName() << ", schema version "
       << kSchemaVersion << ", max_seq_len " << program.desc.maxSeqLen << "\n";
    os << "// target '" << target.name << "': " << target.weightBits
       << "-bit weights, " << target.actBits << "-bit activations, "
       << target.accBits << "-bit accumulators, "
       << stringifyTargetEnum(target.rounding) << ", "
       << stringifyTargetEnum(target.overflow) << ", " << target.macLanes
       << " MAC lanes, " << llvm::format("%g", target.clockMHz) << " MHz\n";
    auto printTensors = [&](const char *kind, ArrayAttr tensors,
                            const std::vector<mc::TensorDesc> &descs) {
      for (auto [attr, desc] : llvm::zip(tensors, descs))
        os << "// " << kind << " " << attr << ", io words [" << desc.ioAddress
           << ", " << desc.ioAddress + desc.getNumWords(program.desc.maxSeqLen)
           << ")\n";
    };
    printTensors("input ", op.getInputs(), program.desc.inputs);
    printTensors("output", op.getOutputs(), program.desc.outputs);
    os << "// images: weights " << program.desc.weights.size()
       << " bytes, index " << program.desc.index.size() << " bytes, params "
       << program.desc.params.size() << " bytes\n";
    for (const SymbolDesc &symbol : program.symbols)
      os << "// symbol " << symbol.name << ": "
         << stringifyMemory(toDialectMemory(symbol.memory)) << "["
         << symbol.address << ", " << uint64_t(symbol.address) + symbol.size
         << ")\n";
    os << "// " << program.instructions.size() << " instructions, "
       << program.desc.words.size() << " words; columns: index, word offset\n";
  }

  void printAnnotations(const enc::Instruction &record) {
    // A few names per operand: the listing stays proportional to the
    // instructions however many ranges overlap.
    constexpr size_t kMaxNamesPerOperand = 4;
    std::string text;
    for (const Reference &ref : getReferences(record)) {
      auto index = ranges.find(ref.memory);
      if (index == ranges.end())
        continue;
      std::vector<const NamedRange *> found;
      size_t holding =
          index->second.find(ref.address, kMaxNamesPerOperand, found);
      llvm::sort(found, [](const NamedRange *a, const NamedRange *b) {
        return a->order < b->order;
      });
      for (const NamedRange *range : found) {
        text += (text.empty() ? "" : ", ") + std::string(ref.operand) + " " +
                range->name;
        if (ref.address != range->begin)
          text += "+" + std::to_string(ref.address - range->begin);
      }
      if (holding > found.size())
        text += (text.empty() ? "" : ", ") + std::string(ref.operand) +
                " and " + std::to_string(holding - found.size()) +
                " more named ranges";
    }
    if (!text.empty())
      os << "  // " << text;
  }

  const Program &program;
  isa::ProgramOp op;
  llvm::raw_ostream &os;
  std::map<fb::Memory, RangeIndex> ranges;
};

} // namespace

llvm::Error program::disassembleProgramFile(llvm::StringRef path,
                                            llvm::raw_ostream &output,
                                            MLIRContext &context) {
  Expected<Program> program = loadProgramFile(path);
  if (!program)
    return program.takeError();
  Expected<OwningOpRef<ModuleOp>> module =
      importLoadedProgram(path, *program, context);
  if (!module)
    return module.takeError();
  Disassembler(*program, *(*module)->getOps<isa::ProgramOp>().begin(), output)
      .print();
  return llvm::Error::success();
}
