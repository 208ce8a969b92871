//===- TargetParams.cpp - the target's table in program files -------------===//
//
// Both directions are expanded from TargetParams.def, as the FlatBuffers
// table itself is (hcgs-target-info --format=fbs-schema): a parameter added
// there is written and read here without further code.
//
//===----------------------------------------------------------------------===//

#include "hcgs/Runtime/Program/Schema.h"

using namespace hcgs;
using namespace hcgs::program;

flatbuffers::Offset<fb::TargetParams>
program::writeTargetParams(flatbuffers::FlatBufferBuilder &builder,
                           const Target &target) {
  // Strings and vectors go before the table.
#define HCGS_STRING(MEMBER, KEY, VALUE, DOC, SOURCE)                           \
  auto KEY##Offset = builder.CreateString(target.MEMBER);
#define HCGS_ENUM(MEMBER, KEY, TYPE, VALUE, DOC, SOURCE)                       \
  auto KEY##Offset =                                                           \
      builder.CreateString(stringifyTargetEnum(target.MEMBER).str());
#define HCGS_INT_LIST(MEMBER, KEY, MIN, MAX, CHECK, DOC, SOURCE, ...)          \
  auto KEY##Offset = builder.CreateVector(target.MEMBER);
#include "hcgs/Runtime/Target/TargetParams.def"

  fb::TargetParamsBuilder table(builder);
#define HCGS_STRING(MEMBER, KEY, VALUE, DOC, SOURCE)                           \
  table.add_##KEY(KEY##Offset);
#define HCGS_ENUM(MEMBER, KEY, TYPE, VALUE, DOC, SOURCE)                       \
  table.add_##KEY(KEY##Offset);
#define HCGS_INT_LIST(MEMBER, KEY, MIN, MAX, CHECK, DOC, SOURCE, ...)          \
  table.add_##KEY(KEY##Offset);
#define HCGS_INT(MEMBER, KEY, VALUE, MIN, MAX, CHECK, DOC, SOURCE)             \
  table.add_##KEY(target.MEMBER);
#define HCGS_REAL(MEMBER, KEY, VALUE, MIN, MAX, DOC, SOURCE)                   \
  table.add_##KEY(target.MEMBER);
#include "hcgs/Runtime/Target/TargetParams.def"
  return table.Finish();
}

static llvm::Error missing(llvm::StringRef key) {
  return llvm::createStringError("target parameter '" + key +
                                 "' is missing from the program");
}

llvm::Expected<Target>
program::readTargetParams(const fb::TargetParams &params) {
  Target target;
#define HCGS_STRING(MEMBER, KEY, VALUE, DOC, SOURCE)                           \
  if (!params.KEY())                                                           \
    return missing(#KEY);                                                      \
  target.MEMBER = params.KEY()->str();
#define HCGS_ENUM(MEMBER, KEY, TYPE, VALUE, DOC, SOURCE)                       \
  if (!params.KEY())                                                           \
    return missing(#KEY);                                                      \
  if (std::optional<TYPE> value =                                              \
          symbolizeTargetEnum<TYPE>(params.KEY()->string_view()))              \
    target.MEMBER = *value;                                                    \
  else                                                                         \
    return llvm::createStringError("target parameter '" #KEY                   \
                                   "' has an unknown value");
#define HCGS_INT_LIST(MEMBER, KEY, MIN, MAX, CHECK, DOC, SOURCE, ...)          \
  if (!params.KEY())                                                           \
    return missing(#KEY);                                                      \
  target.MEMBER = readScalarVector(params.KEY());
#define HCGS_INT(MEMBER, KEY, VALUE, MIN, MAX, CHECK, DOC, SOURCE)             \
  target.MEMBER = params.KEY();
#define HCGS_REAL(MEMBER, KEY, VALUE, MIN, MAX, DOC, SOURCE)                   \
  target.MEMBER = params.KEY();
#include "hcgs/Runtime/Target/TargetParams.def"
  if (llvm::Error error = validateTarget(target))
    return std::move(error);
  return target;
}
