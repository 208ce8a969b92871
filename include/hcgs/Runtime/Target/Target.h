//===- Target.h - the accelerator's parameters ------------------*- C++ -*-===//
//
// A target is one design point of the HCGS accelerator: bit widths, rounding,
// memory sizes, lanes, the HCGS shapes it accepts, and the cycle and energy
// figures of its cost model. Every number comes from TargetParams.def; see
// docs/ISA.md for what each one means. This library does not use MLIR, so the
// simulator can link it.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_RUNTIME_TARGET_TARGET_H
#define HCGS_RUNTIME_TARGET_TARGET_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hcgs {

/// How a right shift (and the host's input quantization) rounds.
enum class Rounding : uint8_t { NearestEven, NearestAway };
/// What a value too wide for its destination becomes.
enum class Overflow : uint8_t { Saturate, Wrap };

/// The spellings of an enum's values in JSON and in program files; a value's
/// number is its position in this list.
template <typename Enum>
llvm::ArrayRef<llvm::StringLiteral> getTargetEnumNames();
template <> llvm::ArrayRef<llvm::StringLiteral> getTargetEnumNames<Rounding>();
template <> llvm::ArrayRef<llvm::StringLiteral> getTargetEnumNames<Overflow>();

template <typename Enum> llvm::StringRef stringifyTargetEnum(Enum value) {
  return getTargetEnumNames<Enum>()[static_cast<size_t>(value)];
}
template <typename Enum>
std::optional<Enum> symbolizeTargetEnum(llvm::StringRef name) {
  llvm::ArrayRef<llvm::StringLiteral> names = getTargetEnumNames<Enum>();
  for (size_t i = 0, e = names.size(); i < e; ++i)
    if (names[i] == name)
      return static_cast<Enum>(i);
  return std::nullopt;
}

/// The preset the tools compile for unless told otherwise: the published
/// chip, whose parameters are TargetParams.def's values.
constexpr llvm::StringLiteral kDefaultTargetName = "jssc2020";

/// A design point. Members default to the kDefaultTargetName preset.
struct Target {
#define HCGS_STRING(MEMBER, KEY, VALUE, DOC, SOURCE) std::string MEMBER = VALUE;
#define HCGS_INT(MEMBER, KEY, VALUE, MIN, MAX, CHECK, DOC, SOURCE)             \
  int64_t MEMBER = VALUE;
#define HCGS_REAL(MEMBER, KEY, VALUE, MIN, MAX, DOC, SOURCE)                   \
  double MEMBER = VALUE;
#define HCGS_ENUM(MEMBER, KEY, TYPE, VALUE, DOC, SOURCE)                       \
  TYPE MEMBER = TYPE::VALUE;
#define HCGS_INT_LIST(MEMBER, KEY, MIN, MAX, CHECK, DOC, SOURCE, ...)          \
  std::vector<int64_t> MEMBER = {__VA_ARGS__};
#include "hcgs/Runtime/Target/TargetParams.def"

  /// Bytes of parameter SRAM: weight + index + parameter memory.
  int64_t getParameterMemoryBytes() const {
    return weightMemBytes + indexMemBytes + paramMemBytes;
  }
  /// Whether an HCGS level may use blocks `edge` rows or columns wide.
  bool supportsBlockSize(int64_t edge) const;

  bool operator==(const Target &other) const;
  bool operator!=(const Target &other) const { return !(*this == other); }
};

/// What kind of value a parameter holds.
enum class TargetParamKind : uint8_t { String, Int, Real, Enum, IntList };

/// Everything the table says about one parameter except its value.
struct TargetParamInfo {
  llvm::StringLiteral key;
  TargetParamKind kind;
  llvm::StringLiteral doc;
  llvm::StringLiteral source;
  /// Range of Int and Real values (of each element for IntList).
  double min = 0, max = 0;
  bool powerOfTwo = false;
  /// Spellings of an Enum's values.
  llvm::ArrayRef<llvm::StringLiteral> enumNames;
};

/// The parameters in table order.
llvm::ArrayRef<TargetParamInfo> getTargetParamInfos();

/// A parameter's value as JSON (a string, number or array).
llvm::json::Value getTargetParamValue(const Target &target,
                                      llvm::StringRef key);

/// A named design point.
struct TargetPreset {
  llvm::StringLiteral name;
  llvm::StringLiteral description;
};
llvm::ArrayRef<TargetPreset> getTargetPresets();

/// The preset `name`, or an error listing the known presets.
llvm::Expected<Target> getTargetPreset(llvm::StringRef name);

/// Checks every parameter's range and the parameters against each other;
/// the error is one line naming the parameter.
llvm::Error validateTarget(const Target &target);

/// A parameter raised by a rule of TargetParams.def (HCGS_AT_LEAST) to follow
/// a parameter the user overrode.
struct DerivedTargetParam {
  llvm::StringLiteral key;
  int64_t from = 0, to = 0;
  /// The bound it follows, e.g. "act_bits + 1".
  std::string bound;
};

/// Raises every parameter below the bound of a rule, unless `explicitKeys`
/// holds it (then validation reports the conflict); what was raised, in
/// table order.
std::vector<DerivedTargetParam>
deriveTargetParams(Target &target, llvm::ArrayRef<std::string> explicitKeys);

/// Overrides the parameters a JSON object names, lets the ones they bound
/// follow (deriveTargetParams), then validates. Unknown keys, wrong types
/// and bad values are errors; `target` is unchanged on error.
llvm::Error applyTargetOverrides(Target &target, const llvm::json::Value &json);

/// Sets the parameter SRAM to `kiloBytes` kB, split between weight, index
/// and parameter memory in the target's current proportions (what
/// `--memory-kb` does).
llvm::Error setParameterMemoryKB(Target &target, int64_t kiloBytes);

/// What the tools' --target, --target-config, --weight-bits, --act-bits and
/// --memory-kb select; an override not given keeps the target's value.
struct TargetSelection {
  std::string preset = kDefaultTargetName.str();
  std::string configPath;
  std::optional<int64_t> weightBits, actBits, memoryKB;
};

/// How the passes' integer options (hcgs-set-target) spell "not given": no
/// override is negative, so -1 cannot be mistaken for a value.
constexpr int64_t kTargetOverrideNotGiven = -1;
/// An option value as an override: std::nullopt if it is
/// kTargetOverrideNotGiven.
inline std::optional<int64_t> getTargetOverride(int64_t optionValue) {
  if (optionValue == kTargetOverrideNotGiven)
    return std::nullopt;
  return optionValue;
}

/// The target a selection describes, validated, with the parameters that
/// followed an override in `derived`. A problem in the configuration file
/// (reading it, or its values) is a plain error starting with its path; a
/// bad preset name or override value, or an override that the file's
/// values do not allow, is a tools::UsageError.
llvm::Expected<Target>
selectTarget(const TargetSelection &selection,
             std::vector<DerivedTargetParam> *derived = nullptr);

/// Limits on what a file may make the tools do. Each is documented in
/// docs/ISA.md section 12, with the loader's checks.
///
/// A target read from a program file sizes the simulator's memories and
/// loops. One whose memories, lanes, batch or max_seq_len exceed
/// kLargeTargetFactor times the largest preset's value is "large": the
/// simulator refuses it unless asked not to (hcgs-run --allow-large-target).
constexpr int64_t kLargeTargetFactor = 16;
/// The default budget of a simulator run, in the cost model's cycles (with
/// operations over the default preset's lanes counted too, see
/// sim::estimateRunCycles): 1.25 s of the 80 MHz chip, some seconds of
/// simulation. The bench models run 1000 frames in at most 2.7e7.
constexpr int64_t kDefaultMaxRunCycles = 100'000'000;
/// The largest target configuration file (--target-config) and its deepest
/// nesting of JSON arrays and objects: a configuration is one flat object.
constexpr uint64_t kMaxTargetConfigBytes = 1 << 20;
constexpr unsigned kMaxTargetConfigDepth = 16;

/// Refuses a large target: the error names the first parameter beyond its
/// limit.
llvm::Error checkTargetNotLarge(const Target &target);

/// The largest program file a target can hold: its images and instruction
/// memory full, plus room for names, tensors and symbols. With
/// `allowLargeTarget`, for any valid target, else for one that is not large.
uint64_t getMaxProgramFileBytes(bool allowLargeTarget);

/// Every parameter as a JSON object (applyTargetOverrides reads it back).
llvm::json::Object targetToJSON(const Target &target);
/// Prints targetToJSON with the keys in table order, one per line.
void printTargetJSON(const Target &target, llvm::raw_ostream &os);
/// Prints a Markdown table: parameter, value, range, meaning, source.
void printTargetMarkdown(const Target &target, llvm::raw_ostream &os);

} // namespace hcgs

#endif // HCGS_RUNTIME_TARGET_TARGET_H
