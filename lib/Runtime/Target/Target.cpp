//===- Target.cpp - the accelerator's parameters --------------------------===//

#include "hcgs/Runtime/Target/Target.h"
#include "hcgs/Runtime/Tool/CommandLine.h"
#include "hcgs/Runtime/Tool/Files.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cmath>
#include <cstdlib>

using namespace hcgs;
using llvm::Error;
using llvm::Expected;
using llvm::StringRef;
namespace json = llvm::json;

template <>
llvm::ArrayRef<llvm::StringLiteral> hcgs::getTargetEnumNames<Rounding>() {
  static constexpr llvm::StringLiteral names[] = {"nearest_even",
                                                  "nearest_away"};
  return names;
}

template <>
llvm::ArrayRef<llvm::StringLiteral> hcgs::getTargetEnumNames<Overflow>() {
  static constexpr llvm::StringLiteral names[] = {"saturate", "wrap"};
  return names;
}

bool Target::supportsBlockSize(int64_t edge) const {
  return llvm::is_contained(hcgsBlockSizes, edge);
}

bool Target::operator==(const Target &other) const {
#define HCGS_TARGET_PARAM(KIND, MEMBER, KEY)                                   \
  if (MEMBER != other.MEMBER)                                                  \
    return false;
#include "hcgs/Runtime/Target/TargetParams.def"
  return true;
}

//===----------------------------------------------------------------------===//
// The parameter table
//===----------------------------------------------------------------------===//

namespace {
constexpr bool isPowerOfTwoCheck(const char *check) {
  return check[0] == 'P'; // "PowerOfTwo" or "Any"
}
} // namespace

llvm::ArrayRef<TargetParamInfo> hcgs::getTargetParamInfos() {
  static const TargetParamInfo infos[] = {
#define HCGS_STRING(MEMBER, KEY, VALUE, DOC, SOURCE)                           \
  {#KEY, TargetParamKind::String, DOC, SOURCE},
#define HCGS_INT(MEMBER, KEY, VALUE, MIN, MAX, CHECK, DOC, SOURCE)             \
  {#KEY, TargetParamKind::Int,     DOC, SOURCE, MIN,                           \
   MAX,  isPowerOfTwoCheck(#CHECK)},
#define HCGS_REAL(MEMBER, KEY, VALUE, MIN, MAX, DOC, SOURCE)                   \
  {#KEY, TargetParamKind::Real, DOC, SOURCE, MIN, MAX},
#define HCGS_ENUM(MEMBER, KEY, TYPE, VALUE, DOC, SOURCE)                       \
  {#KEY,  TargetParamKind::Enum,     DOC, SOURCE, 0, 0,                        \
   false, getTargetEnumNames<TYPE>()},
#define HCGS_INT_LIST(MEMBER, KEY, MIN, MAX, CHECK, DOC, SOURCE, ...)          \
  {#KEY, TargetParamKind::IntList, DOC, SOURCE, MIN,                           \
   MAX,  isPowerOfTwoCheck(#CHECK)},
#include "hcgs/Runtime/Target/TargetParams.def"
  };
  return infos;
}

static const TargetParamInfo *lookupParam(StringRef key) {
  for (const TargetParamInfo &info : getTargetParamInfos())
    if (info.key == key)
      return &info;
  return nullptr;
}

json::Value hcgs::getTargetParamValue(const Target &target, StringRef key) {
#define HCGS_STRING(MEMBER, KEY, VALUE, DOC, SOURCE)                           \
  if (key == #KEY)                                                             \
    return target.MEMBER;
#define HCGS_INT(MEMBER, KEY, VALUE, MIN, MAX, CHECK, DOC, SOURCE)             \
  if (key == #KEY)                                                             \
    return target.MEMBER;
#define HCGS_REAL(MEMBER, KEY, VALUE, MIN, MAX, DOC, SOURCE)                   \
  if (key == #KEY)                                                             \
    return target.MEMBER;
#define HCGS_ENUM(MEMBER, KEY, TYPE, VALUE, DOC, SOURCE)                       \
  if (key == #KEY)                                                             \
    return stringifyTargetEnum(target.MEMBER);
#define HCGS_INT_LIST(MEMBER, KEY, MIN, MAX, CHECK, DOC, SOURCE, ...)          \
  if (key == #KEY)                                                             \
    return json::Array(target.MEMBER);
#include "hcgs/Runtime/Target/TargetParams.def"
  llvm_unreachable("unknown target parameter");
}

//===----------------------------------------------------------------------===//
// Presets
//===----------------------------------------------------------------------===//

namespace {
struct PresetDef {
  TargetPreset preset;
  void (*apply)(Target &);
};

// The default preset is the table's values; each other says how it differs.
const PresetDef kPresets[] = {
    {{kDefaultTargetName,
      "the JSSC 2020 HCGS LSTM chip: 6-bit weights, 13-bit "
      "activations, 288 kB of parameter SRAM, 64 MAC lanes at "
      "80 MHz"},
     [](Target &) {}},
    {{"hcgs-wide", "a larger chip: 128 lanes and 1 MB of parameter SRAM "
                   "(a 3x512 LSTM at 8x needs about 580 kB)"},
     [](Target &t) {
       t.name = "hcgs-wide";
       t.macLanes = 128;
       t.vectorLanes = 128;
       t.weightMemBytes = 896 * 1024;
       t.indexMemBytes = 32 * 1024;
       t.paramMemBytes = 96 * 1024;
       t.actMemWords = 32768;
       t.accWords = 16384;
     }},
    {{"hcgs-w16", "16-bit weights and activations, 48-bit accumulators and "
                  "4 MB of parameter SRAM: checks a model's numerics without "
                  "the chip's limits"},
     [](Target &t) {
       t.name = "hcgs-w16";
       t.weightBits = 16;
       t.actBits = 16;
       t.accBits = 48;
       t.biasBits = 32;
       t.shiftBits = 8;
       t.lutEntryBits = 24;
       t.lutMaxSegments = 1024;
       t.hcgsMaxLevels = 4;
       t.hcgsBlockSizes = {1, 2, 4, 8, 16, 32, 64, 128};
       t.weightMemBytes = 3584 * 1024;
       t.indexMemBytes = 128 * 1024;
       t.paramMemBytes = 384 * 1024;
       t.actMemWords = 65536;
       t.accWords = 65536;
     }},
};
} // namespace

llvm::ArrayRef<TargetPreset> hcgs::getTargetPresets() {
  static const std::vector<TargetPreset> presets = [] {
    std::vector<TargetPreset> result;
    for (const PresetDef &def : kPresets)
      result.push_back(def.preset);
    return result;
  }();
  return presets;
}

Expected<Target> hcgs::getTargetPreset(StringRef name) {
  for (const PresetDef &def : kPresets) {
    if (def.preset.name != name)
      continue;
    Target target;
    def.apply(target);
    return target;
  }
  std::string known;
  for (const PresetDef &def : kPresets)
    known += (known.empty() ? "" : ", ") + def.preset.name.str();
  return llvm::createStringError("unknown target '" + name +
                                 "' (known: " + known + ")");
}

//===----------------------------------------------------------------------===//
// Limits
//===----------------------------------------------------------------------===//

namespace {
/// A parameter that sizes what simulating a program takes: memory, or work
/// per instruction and per loop.
struct SizeParam {
  llvm::StringLiteral key;
  int64_t Target::*member;
};
#define HCGS_SIZE_PARAM(MEMBER, KEY) {#KEY, &Target::MEMBER}
const SizeParam kSizeParams[] = {
    HCGS_SIZE_PARAM(macLanes, mac_lanes),
    HCGS_SIZE_PARAM(vectorLanes, vector_lanes),
    HCGS_SIZE_PARAM(lutMaxSegments, lut_max_segments),
    HCGS_SIZE_PARAM(weightMemBytes, weight_mem_bytes),
    HCGS_SIZE_PARAM(indexMemBytes, index_mem_bytes),
    HCGS_SIZE_PARAM(paramMemBytes, param_mem_bytes),
    HCGS_SIZE_PARAM(actMemWords, act_mem_words),
    HCGS_SIZE_PARAM(accWords, acc_words),
    HCGS_SIZE_PARAM(ioMemWords, io_mem_words),
    HCGS_SIZE_PARAM(instrMemWords, instr_mem_words),
    HCGS_SIZE_PARAM(maxBatch, max_batch),
    HCGS_SIZE_PARAM(maxSeqLen, max_seq_len),
};
#undef HCGS_SIZE_PARAM

/// The most a target that is not large may have of `param`: its range's
/// maximum, or kLargeTargetFactor times the largest preset's value if less.
int64_t getSizeLimit(const SizeParam &param) {
  int64_t largestPreset = 0;
  for (const PresetDef &def : kPresets) {
    Target preset;
    def.apply(preset);
    largestPreset = std::max(largestPreset, preset.*param.member);
  }
  auto rangeMax = static_cast<int64_t>(lookupParam(param.key)->max);
  return std::min(rangeMax, kLargeTargetFactor * largestPreset);
}

const SizeParam &getSizeParam(int64_t Target::*member) {
  for (const SizeParam &param : kSizeParams)
    if (param.member == member)
      return param;
  llvm_unreachable("not a size parameter");
}
} // namespace

Error hcgs::checkTargetNotLarge(const Target &target) {
  for (const SizeParam &param : kSizeParams) {
    int64_t limit = getSizeLimit(param);
    if (target.*param.member > limit)
      return llvm::createStringError(
          "the target is large: its " + param.key + " " +
          llvm::Twine(target.*param.member) + " is more than " +
          llvm::Twine(kLargeTargetFactor) +
          " times the largest preset's, at most " + llvm::Twine(limit));
  }
  return Error::success();
}

uint64_t hcgs::getMaxProgramFileBytes(bool allowLargeTarget) {
  auto limit = [&](int64_t Target::*member) -> uint64_t {
    const SizeParam &param = getSizeParam(member);
    return allowLargeTarget ? static_cast<uint64_t>(lookupParam(param.key)->max)
                            : static_cast<uint64_t>(getSizeLimit(param));
  };
  // Names, tensors, symbols and the target's table: a compiled program's
  // are some kB; leave room for many long names.
  constexpr uint64_t kMetadataBytes = 16 << 20;
  return limit(&Target::weightMemBytes) + limit(&Target::indexMemBytes) +
         limit(&Target::paramMemBytes) + 4 * limit(&Target::instrMemWords) +
         kMetadataBytes;
}

//===----------------------------------------------------------------------===//
// Validation
//===----------------------------------------------------------------------===//

/// The shortest decimal form of `value` that reads back exactly (0.3, not
/// 0.29999999999999999; 1000000, not 1e+06).
static std::string formatNumber(double value) {
  if (value == std::trunc(value) && std::fabs(value) < 1e15)
    return std::to_string(static_cast<int64_t>(value));
  std::string text;
  for (int precision = 1; precision <= 17; ++precision) {
    text = llvm::formatv("{0}", llvm::format("%.*g", precision, value)).str();
    if (std::strtod(text.c_str(), nullptr) == value)
      break;
  }
  return text;
}

/// Why `value` is not acceptable for `info`, or "" if it is.
static std::string checkNumber(const TargetParamInfo &info, double value) {
  if (value < info.min || value > info.max)
    return "must be in [" + formatNumber(info.min) + ", " +
           formatNumber(info.max) + "], got " + formatNumber(value);
  if (info.powerOfTwo && !llvm::isPowerOf2_64(static_cast<uint64_t>(value)))
    return "must be a power of two, got " + formatNumber(value);
  return "";
}

static Error paramError(StringRef key, const llvm::Twine &message) {
  return llvm::createStringError("target parameter '" + key + "' " + message);
}

static Error checkList(const TargetParamInfo &info,
                       llvm::ArrayRef<int64_t> values) {
  if (values.empty())
    return paramError(info.key, "must not be empty");
  for (auto [index, value] : llvm::enumerate(values)) {
    std::string problem = checkNumber(info, static_cast<double>(value));
    if (!problem.empty())
      return paramError(info.key,
                        "element " + llvm::Twine(index) + " " + problem);
    if (index > 0 && values[index - 1] >= value)
      return paramError(info.key,
                        "must be listed in increasing order without repeats");
  }
  return Error::success();
}

namespace {
/// A rule of TargetParams.def: `member` >= `boundMember` + `offset`.
struct TargetRule {
  llvm::StringLiteral key, boundKey;
  int64_t Target::*member;
  int64_t Target::*boundMember;
  int64_t offset;

  int64_t getBound(const Target &t) const { return t.*boundMember + offset; }
  std::string describeBound() const {
    std::string text = boundKey.str();
    if (offset)
      text += " + " + std::to_string(offset);
    return text;
  }
};

const TargetRule kTargetRules[] = {
#define HCGS_AT_LEAST(MEMBER, KEY, BOUND_MEMBER, BOUND_KEY, OFFSET, WHY)       \
  {#KEY, #BOUND_KEY, &Target::MEMBER, &Target::BOUND_MEMBER, OFFSET},
#include "hcgs/Runtime/Target/TargetParams.def"
};
} // namespace

Error hcgs::validateTarget(const Target &t) {
  // Each parameter on its own.
#define HCGS_INT(MEMBER, KEY, VALUE, MIN, MAX, CHECK, DOC, SOURCE)             \
  {                                                                            \
    std::string problem =                                                      \
        checkNumber(*lookupParam(#KEY), static_cast<double>(t.MEMBER));        \
    if (!problem.empty())                                                      \
      return paramError(#KEY, problem);                                        \
  }
#define HCGS_REAL(MEMBER, KEY, VALUE, MIN, MAX, DOC, SOURCE)                   \
  {                                                                            \
    if (!std::isfinite(t.MEMBER))                                              \
      return paramError(#KEY, "must be a finite number");                      \
    std::string problem = checkNumber(*lookupParam(#KEY), t.MEMBER);           \
    if (!problem.empty())                                                      \
      return paramError(#KEY, problem);                                        \
  }
#define HCGS_INT_LIST(MEMBER, KEY, MIN, MAX, CHECK, DOC, SOURCE, ...)          \
  if (Error error = checkList(*lookupParam(#KEY), t.MEMBER))                   \
    return error;
#include "hcgs/Runtime/Target/TargetParams.def"
  if (t.name.empty())
    return paramError("name", "must not be empty");

  // The parameters against each other.
  for (const TargetRule &rule : kTargetRules) {
    int64_t value = t.*rule.member, bound = rule.getBound(t);
    if (value < bound)
      return paramError(
          rule.key, "(" + llvm::Twine(value) + ") must be at least " +
                        rule.describeBound() + " (" + llvm::Twine(bound) + ")");
  }
  return Error::success();
}

std::vector<DerivedTargetParam>
hcgs::deriveTargetParams(Target &target,
                         llvm::ArrayRef<std::string> explicitKeys) {
  std::vector<DerivedTargetParam> derived;
  for (const TargetRule &rule : kTargetRules) {
    int64_t &value = target.*rule.member, bound = rule.getBound(target);
    if (value >= bound || llvm::is_contained(explicitKeys, rule.key))
      continue;
    // A parameter bounded by several (acc_bits) is listed once, with the
    // bound that raised it last.
    auto previous = llvm::find_if(derived, [&](const DerivedTargetParam &d) {
      return d.key == rule.key;
    });
    if (previous == derived.end())
      previous = derived.insert(derived.end(), {rule.key, value, bound, ""});
    previous->to = bound;
    previous->bound = rule.describeBound();
    value = bound;
  }
  return derived;
}

//===----------------------------------------------------------------------===//
// JSON
//===----------------------------------------------------------------------===//

static StringRef describeJSONKind(const json::Value &value) {
  switch (value.kind()) {
  case json::Value::Null:
    return "null";
  case json::Value::Boolean:
    return "a boolean";
  case json::Value::Number:
    return "a number";
  case json::Value::String:
    return "a string";
  case json::Value::Array:
    return "an array";
  case json::Value::Object:
    return "an object";
  }
  llvm_unreachable("unknown JSON kind");
}

/// The value as it appears in the file, shortened for a one-line message.
static std::string quoteJSON(const json::Value &value) {
  std::string text = llvm::formatv("{0}", value).str();
  if (text.size() > 40)
    text = text.substr(0, 37) + "...";
  return text;
}

static Error readInt(const TargetParamInfo &info, const json::Value &value,
                     int64_t &out) {
  std::optional<int64_t> number = value.getAsInteger();
  if (!number)
    return paramError(info.key, "must be an integer, got " +
                                    describeJSONKind(value) + " " +
                                    quoteJSON(value));
  std::string problem = checkNumber(info, static_cast<double>(*number));
  if (!problem.empty())
    return paramError(info.key, problem);
  out = *number;
  return Error::success();
}

static Error readReal(const TargetParamInfo &info, const json::Value &value,
                      double &out) {
  std::optional<double> number = value.getAsNumber();
  if (!number)
    return paramError(info.key, "must be a number, got " +
                                    describeJSONKind(value) + " " +
                                    quoteJSON(value));
  std::string problem = checkNumber(info, *number);
  if (!problem.empty())
    return paramError(info.key, problem);
  out = *number;
  return Error::success();
}

static Error readString(const TargetParamInfo &info, const json::Value &value,
                        std::string &out) {
  std::optional<StringRef> text = value.getAsString();
  if (!text)
    return paramError(info.key, "must be a string, got " +
                                    describeJSONKind(value) + " " +
                                    quoteJSON(value));
  if (text->empty())
    return paramError(info.key, "must not be empty");
  out = text->str();
  return Error::success();
}

template <typename Enum>
static Error readEnum(const TargetParamInfo &info, const json::Value &value,
                      Enum &out) {
  std::string text;
  if (Error error = readString(info, value, text))
    return error;
  if (std::optional<Enum> parsed = symbolizeTargetEnum<Enum>(text)) {
    out = *parsed;
    return Error::success();
  }
  return paramError(info.key, "must be one of " +
                                  llvm::join(info.enumNames, ", ") + "; got '" +
                                  text + "'");
}

static Error readIntList(const TargetParamInfo &info, const json::Value &value,
                         std::vector<int64_t> &out) {
  const json::Array *array = value.getAsArray();
  if (!array)
    return paramError(info.key, "must be an array of integers, got " +
                                    describeJSONKind(value) + " " +
                                    quoteJSON(value));
  std::vector<int64_t> values;
  for (auto [index, element] : llvm::enumerate(*array)) {
    std::optional<int64_t> number = element.getAsInteger();
    if (!number)
      return paramError(info.key, "element " + llvm::Twine(index) +
                                      " must be an integer, got " +
                                      describeJSONKind(element) + " " +
                                      quoteJSON(element));
    values.push_back(*number);
  }
  if (Error error = checkList(info, values))
    return error;
  out = std::move(values);
  return Error::success();
}

static Error applyParam(Target &t, StringRef key, const json::Value &value) {
#define HCGS_STRING(MEMBER, KEY, VALUE, DOC, SOURCE)                           \
  if (key == #KEY)                                                             \
    return readString(*lookupParam(#KEY), value, t.MEMBER);
#define HCGS_INT(MEMBER, KEY, VALUE, MIN, MAX, CHECK, DOC, SOURCE)             \
  if (key == #KEY)                                                             \
    return readInt(*lookupParam(#KEY), value, t.MEMBER);
#define HCGS_REAL(MEMBER, KEY, VALUE, MIN, MAX, DOC, SOURCE)                   \
  if (key == #KEY)                                                             \
    return readReal(*lookupParam(#KEY), value, t.MEMBER);
#define HCGS_ENUM(MEMBER, KEY, TYPE, VALUE, DOC, SOURCE)                       \
  if (key == #KEY)                                                             \
    return readEnum(*lookupParam(#KEY), value, t.MEMBER);
#define HCGS_INT_LIST(MEMBER, KEY, MIN, MAX, CHECK, DOC, SOURCE, ...)          \
  if (key == #KEY)                                                             \
    return readIntList(*lookupParam(#KEY), value, t.MEMBER);
#include "hcgs/Runtime/Target/TargetParams.def"
  llvm_unreachable("applyParam called with an unknown key");
}

/// The parameter `key` most likely meant: the shortest one containing it
/// ("lanes" -> "mac_lanes"), else the closest spelling.
static StringRef suggestParam(StringRef key) {
  StringRef best;
  for (const TargetParamInfo &info : getTargetParamInfos())
    if (key.size() >= 3 && info.key.contains(key) &&
        (best.empty() || info.key.size() < best.size()))
      best = info.key;
  if (!best.empty())
    return best;
  unsigned bestDistance = 4; // suggest only close spellings
  for (const TargetParamInfo &info : getTargetParamInfos()) {
    unsigned distance = key.edit_distance(info.key, true, bestDistance);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = info.key;
    }
  }
  return best;
}

static Error unknownParam(StringRef key) {
  std::string message = "unknown target parameter '" + key.str() + "'";
  StringRef best = suggestParam(key);
  if (!best.empty())
    message += " (did you mean '" + best.str() + "'?)";
  return llvm::createStringError(message);
}

/// Sets the parameters a JSON object names, adding their keys to
/// `explicitKeys`, without checking them against each other.
static Error applyParams(Target &target, const json::Value &value,
                         std::vector<std::string> &explicitKeys) {
  const json::Object *object = value.getAsObject();
  if (!object)
    return llvm::createStringError(
        "a target configuration must be a JSON object, got " +
        describeJSONKind(value));
  // Apply in table order so the first error reported does not depend on the
  // object's hash order.
  for (const auto &[key, _] : *object)
    if (!lookupParam(key))
      return unknownParam(key);
  for (const TargetParamInfo &info : getTargetParamInfos())
    if (const json::Value *entry = object->get(info.key)) {
      if (Error error = applyParam(target, info.key, *entry))
        return error;
      explicitKeys.push_back(info.key.str());
    }
  return Error::success();
}

Error hcgs::applyTargetOverrides(Target &target, const json::Value &value) {
  Target updated = target;
  std::vector<std::string> explicitKeys;
  if (Error error = applyParams(updated, value, explicitKeys))
    return error;
  deriveTargetParams(updated, explicitKeys);
  if (Error error = validateTarget(updated))
    return error;
  target = std::move(updated);
  return Error::success();
}

/// The deepest nesting of '[' and '{' outside strings in `text`, which need
/// not be valid JSON.
static unsigned getJSONNestingDepth(StringRef text) {
  unsigned depth = 0, deepest = 0;
  bool inString = false;
  for (size_t i = 0, e = text.size(); i < e; ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth) {
      --depth;
    }
  }
  return deepest;
}

static Error withPath(StringRef path, Error error) {
  return llvm::createStringError(path + ": " +
                                 llvm::toString(std::move(error)));
}

/// The JSON of a configuration file; errors start with the path.
static Expected<json::Value> readTargetConfig(StringRef path) {
  tools::InputFileOptions options;
  options.isText = true;
  options.maxBytes = kMaxTargetConfigBytes;
  options.maxBytesWhat = "a target configuration";
  Expected<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      tools::readInputFile(path, options);
  if (!buffer)
    return buffer.takeError();
  // llvm::json::parse recurses once per level: deep nesting would overflow
  // the stack before it could say anything.
  if (getJSONNestingDepth((*buffer)->getBuffer()) > kMaxTargetConfigDepth)
    return withPath(path,
                    llvm::createStringError(
                        "invalid JSON: arrays and objects nest more than " +
                        llvm::Twine(kMaxTargetConfigDepth) + " deep"));
  Expected<json::Value> parsed = json::parse((*buffer)->getBuffer());
  if (!parsed)
    return withPath(path,
                    llvm::createStringError(
                        "invalid JSON: " + llvm::toString(parsed.takeError())));
  return parsed;
}

/// What --memory-kb does, without checking the result against the other
/// parameters.
static Error splitParameterMemory(Target &target, int64_t kiloBytes) {
  constexpr int64_t kMaxKiloBytes = 3 * 16 * 1024; // three 16 MB memories
  if (kiloBytes <= 0 || kiloBytes > kMaxKiloBytes)
    return llvm::createStringError("parameter memory must be 1 to " +
                                   llvm::Twine(kMaxKiloBytes) + " kB, got " +
                                   llvm::Twine(kiloBytes));
  // Index and parameter memory keep their share, in whole kB; weight memory
  // takes the rest.
  int64_t total = kiloBytes * 1024, before = target.getParameterMemoryBytes();
  auto share = [&](int64_t bytes) {
    return bytes * total / before / 1024 * 1024;
  };
  target.indexMemBytes = share(target.indexMemBytes);
  target.paramMemBytes = share(target.paramMemBytes);
  target.weightMemBytes =
      kiloBytes * 1024 - target.indexMemBytes - target.paramMemBytes;
  return Error::success();
}

Expected<Target> hcgs::selectTarget(const TargetSelection &selection,
                                    std::vector<DerivedTargetParam> *derived) {
  Expected<Target> preset = getTargetPreset(selection.preset);
  if (!preset)
    return tools::usageError(llvm::toString(preset.takeError()));
  // The file's overrides alone must make a valid target: what the flags
  // then break is theirs to answer for.
  Target target = std::move(*preset);
  std::vector<std::string> explicitKeys;
  if (!selection.configPath.empty()) {
    Expected<json::Value> config = readTargetConfig(selection.configPath);
    if (!config)
      return config.takeError();
    if (Error error = applyParams(target, *config, explicitKeys))
      return withPath(selection.configPath, std::move(error));
    Target fileOnly = target;
    deriveTargetParams(fileOnly, explicitKeys);
    if (Error error = validateTarget(fileOnly))
      return withPath(selection.configPath, std::move(error));
  }
  auto override = [&](std::optional<int64_t> value, int64_t &member,
                      StringRef key) {
    if (!value)
      return;
    member = *value;
    explicitKeys.push_back(key.str());
  };
  override(selection.weightBits, target.weightBits, "weight_bits");
  override(selection.actBits, target.actBits, "act_bits");
  if (selection.memoryKB) {
    if (Error error = splitParameterMemory(target, *selection.memoryKB))
      return tools::usageError(llvm::toString(std::move(error)));
    explicitKeys.insert(
        explicitKeys.end(),
        {"weight_mem_bytes", "index_mem_bytes", "param_mem_bytes"});
  }
  std::vector<DerivedTargetParam> followed =
      deriveTargetParams(target, explicitKeys);
  if (Error error = validateTarget(target))
    return tools::usageError(llvm::toString(std::move(error)));
  if (derived)
    *derived = std::move(followed);
  return target;
}

Error hcgs::setParameterMemoryKB(Target &target, int64_t kiloBytes) {
  Target updated = target;
  if (Error error = splitParameterMemory(updated, kiloBytes))
    return error;
  if (Error error = validateTarget(updated))
    return error;
  target = std::move(updated);
  return Error::success();
}

json::Object hcgs::targetToJSON(const Target &target) {
  json::Object object;
  for (const TargetParamInfo &info : getTargetParamInfos())
    object[info.key] = getTargetParamValue(target, info.key);
  return object;
}

void hcgs::printTargetJSON(const Target &target, llvm::raw_ostream &os) {
  json::OStream out(os, /*IndentSize=*/2);
  out.object([&] {
    for (const TargetParamInfo &info : getTargetParamInfos()) {
      json::Value value = getTargetParamValue(target, info.key);
      std::string raw;
      if (value.getAsArray()) // lists stay on one line
        raw = llvm::formatv("{0}", value).str();
      else if (value.kind() == json::Value::Number && !value.getAsInteger())
        raw = formatNumber(*value.getAsNumber());
      if (raw.empty()) {
        out.attribute(info.key, std::move(value));
        continue;
      }
      out.attributeBegin(info.key);
      out.rawValue(raw);
      out.attributeEnd();
    }
  });
  os << '\n';
}

/// A value for the Markdown table: numbers in the shortest exact form.
static std::string formatForTable(const json::Value &value) {
  if (std::optional<int64_t> integer = value.getAsInteger())
    return std::to_string(*integer);
  if (std::optional<double> real = value.getAsNumber())
    return formatNumber(*real);
  if (std::optional<StringRef> text = value.getAsString())
    return text->str();
  std::string text;
  for (const json::Value &element : *value.getAsArray())
    text += (text.empty() ? "" : ", ") + formatForTable(element);
  return text;
}

static std::string describeRange(const TargetParamInfo &info) {
  switch (info.kind) {
  case TargetParamKind::String:
    return "text";
  case TargetParamKind::Enum:
    return llvm::join(info.enumNames, " \\| ");
  case TargetParamKind::Int:
  case TargetParamKind::Real:
  case TargetParamKind::IntList: {
    std::string range =
        formatNumber(info.min) + " to " + formatNumber(info.max);
    if (info.powerOfTwo)
      range += ", power of two";
    if (info.kind == TargetParamKind::IntList)
      range = "list, each " + range;
    return range;
  }
  }
  llvm_unreachable("unknown parameter kind");
}

void hcgs::printTargetMarkdown(const Target &target, llvm::raw_ostream &os) {
  os << "| parameter | " << target.name << " | range | meaning | source |\n"
     << "|---|---|---|---|---|\n";
  for (const TargetParamInfo &info : getTargetParamInfos())
    os << "| `" << info.key << "` | "
       << formatForTable(getTargetParamValue(target, info.key)) << " | "
       << describeRange(info) << " | " << info.doc << " | " << info.source
       << " |\n";
}
