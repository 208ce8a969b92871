//===- Model.h - the ISA's instructions as hcgs-tblgen sees them -*- C++
//-*-===//
//
// The instructions, fields, enums and structs of ISAOps.td, resolved once,
// with the helpers every emitter shares.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_TOOLS_HCGS_TBLGEN_MODEL_H
#define HCGS_TOOLS_HCGS_TBLGEN_MODEL_H

#include "mlir/TableGen/Operator.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TableGen/Record.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace hcgs::isagen {

using namespace llvm;
namespace tblgen = mlir::tblgen;

//===----------------------------------------------------------------------===//
// The encoding model
//===----------------------------------------------------------------------===//

struct EnumModel {
  std::string name;     // C++ enum name, e.g. MemSpace
  std::string mlirName; // the MLIR enum, e.g. ::hcgs::isa::MemSpace
  std::string mlirAttr; // the MLIR enum attribute class, if an op uses one
  struct Case {
    std::string symbol, text;
    int64_t value;
  };
  std::vector<Case> cases;
  unsigned bits = 1;
};

struct StructModel;

struct FieldModel {
  enum class Kind { UInt, SInt, Pow2, Enum, Flag, Struct, Array };
  Kind kind;
  std::string name;  // ODS name, snake_case
  unsigned bits = 0; // scalars; for arrays the count's width
  bool optional = false;
  const EnumModel *enumType = nullptr;
  const StructModel *structType = nullptr; // Struct, or an Array's element
  unsigned maxCount = 0;

  std::string memberName() const {
    return convertToCamelFromSnakeCase(name, /*capitalizeFirst=*/false);
  }
  unsigned payloadBits() const;
  unsigned totalBits() const { return payloadBits() + (optional ? 1 : 0); }
};

struct StructModel {
  std::string name;     // e.g. VecRef
  std::string mlirAttr; // e.g. ::hcgs::isa::VecRefAttr
  std::vector<FieldModel> fields;
  unsigned bits() const {
    unsigned total = 0;
    for (const FieldModel &field : fields)
      total += field.totalBits();
    return total;
  }
};

inline unsigned FieldModel::payloadBits() const {
  switch (kind) {
  case Kind::Flag:
    return 1;
  case Kind::Enum:
    return enumType->bits;
  case Kind::Struct:
    return structType->bits();
  case Kind::Array:
    return bits + maxCount * structType->bits();
  default:
    return bits;
  }
}

struct InstModel {
  std::string name;     // e.g. Mvm
  std::string mnemonic; // e.g. mvm
  std::string mlirOp;   // e.g. ::hcgs::isa::MvmOp
  unsigned opcode;
  const tblgen::Operator *op;
  bool hasBody = false; // the first field counts the body's instructions
  std::vector<FieldModel> fields;
  unsigned bits() const {
    unsigned total = 8; // opcode
    for (const FieldModel &field : fields)
      total += field.totalBits();
    return total;
  }
  unsigned numWords() const { return (bits() + 31) / 32; }
};

constexpr unsigned kOpcodeBits = 8;

class Model {
public:
  explicit Model(const RecordKeeper &records);
  std::vector<std::unique_ptr<EnumModel>> enums;
  std::vector<std::unique_ptr<StructModel>> structs;
  std::vector<std::unique_ptr<tblgen::Operator>> ops;
  std::vector<InstModel> insts;

private:
  const EnumModel *getEnum(const Record *enumInfo, StringRef mlirAttr);
  const StructModel *getStruct(const Record *attrDef);
  FieldModel scalarField(const Record *def, StringRef name,
                         ArrayRef<SMLoc> loc);
  std::map<const Record *, const EnumModel *> enumByRecord;
  std::map<const Record *, const StructModel *> structByRecord;
};

/// The C++ type of a record field (std::optional<...> if optional and
/// `withOptional`).
std::string cppType(const FieldModel &field, bool withOptional = true);
/// The member initializer of a record field.
std::string defaultInit(const FieldModel &field);
/// The field kind's name in the layout table.
StringRef kindName(FieldModel::Kind kind);

/// One row of a flattened layout: a named bit range.
struct LayoutRow {
  std::string name, kind;
  unsigned offset, bits;
  const EnumModel *enumType = nullptr;
};

/// Every bit range of `inst`, structs and arrays flattened, in order.
std::vector<LayoutRow> layoutOf(const InstModel &inst);

/// The comment generated files start with.
void emitFileHeader(raw_ostream &os, StringRef what);

// The generators.
void emitEncodingDecls(const Model &model, raw_ostream &os);
void emitEncodingDefs(const Model &model, raw_ostream &os);
void emitMLIRGlue(const Model &model, raw_ostream &os);
void printLayoutTable(const Model &model, raw_ostream &os);
/// The enums -fbs-enum names as FlatBuffers schema enums (FbsEnums.cpp).
void emitFbsEnums(const RecordKeeper &records, raw_ostream &os);
/// Reads PipelineStage records, not the ISA (PipelineOptions.cpp).
void emitPipelineOptions(const RecordKeeper &records, raw_ostream &os);

} // namespace hcgs::isagen

#endif // HCGS_TOOLS_HCGS_TBLGEN_MODEL_H
