//===- TargetTest.cpp - target parameters, presets and JSON ---------------===//

#include "hcgs/Runtime/Target/Target.h"

#include "gtest/gtest.h"

using namespace hcgs;
namespace json = llvm::json;

namespace {

Target preset(llvm::StringRef name) {
  llvm::Expected<Target> target = getTargetPreset(name);
  EXPECT_TRUE(static_cast<bool>(target)) << llvm::toString(target.takeError());
  return target ? *target : Target();
}

/// Applies `text` (a JSON object) to jssc2020 and returns the error message,
/// or "" when it applies.
std::string overrideError(llvm::StringRef text) {
  Target target;
  llvm::Expected<json::Value> parsed = json::parse(text);
  EXPECT_TRUE(static_cast<bool>(parsed)) << text.str();
  if (!parsed) {
    llvm::consumeError(parsed.takeError());
    return "bad test JSON";
  }
  Target before = target;
  llvm::Error error = applyTargetOverrides(target, *parsed);
  if (!error)
    return "";
  EXPECT_EQ(target, before) << "a failed override must not change the target";
  return llvm::toString(std::move(error));
}

TEST(Target, DefaultIsThePublishedChip) {
  Target target;
  EXPECT_EQ(target.name, "jssc2020");
  EXPECT_EQ(target.weightBits, 6);
  EXPECT_EQ(target.actBits, 13);
  EXPECT_EQ(target.clockMHz, 80.0);
  EXPECT_EQ(target.macLanes, 64);
  EXPECT_EQ(target.hcgsMaxLevels, 2);
  // The published 288 kB of parameter SRAM.
  EXPECT_EQ(target.getParameterMemoryBytes(), 288 * 1024);
  EXPECT_EQ(preset("jssc2020"), target);
}

TEST(Target, EveryPresetIsValidAndNamedAfterItself) {
  ASSERT_GE(getTargetPresets().size(), 3u);
  for (const TargetPreset &info : getTargetPresets()) {
    Target target = preset(info.name);
    EXPECT_EQ(target.name, info.name.str());
    llvm::Error error = validateTarget(target);
    EXPECT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
  }
  EXPECT_EQ(preset("hcgs-wide").macLanes, 128);
  EXPECT_EQ(preset("hcgs-w16").weightBits, 16);
}

TEST(Target, UnknownPresetListsTheKnownOnes) {
  llvm::Expected<Target> target = getTargetPreset("jssc2021");
  ASSERT_FALSE(static_cast<bool>(target));
  EXPECT_EQ(llvm::toString(target.takeError()),
            "unknown target 'jssc2021' (known: jssc2020, hcgs-wide, hcgs-w16)");
}

TEST(Target, JSONRoundTripsEveryPreset) {
  for (const TargetPreset &info : getTargetPresets()) {
    Target original = preset(info.name);
    Target rebuilt;
    rebuilt.macLanes = 1; // make sure the JSON, not the default, decides
    llvm::Error error =
        applyTargetOverrides(rebuilt, json::Value(targetToJSON(original)));
    ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
    EXPECT_EQ(rebuilt, original) << info.name.str();
  }
}

TEST(Target, PrintedJSONParsesBack) {
  Target original = preset("hcgs-w16");
  std::string text;
  llvm::raw_string_ostream os(text);
  printTargetJSON(original, os);
  llvm::Expected<json::Value> parsed = json::parse(text);
  ASSERT_TRUE(static_cast<bool>(parsed)) << llvm::toString(parsed.takeError());
  Target rebuilt;
  ASSERT_FALSE(static_cast<bool>(applyTargetOverrides(rebuilt, *parsed)));
  EXPECT_EQ(rebuilt, original);
}

TEST(Target, OverridesApplyOnlyTheNamedParameters) {
  Target target;
  llvm::Error error = applyTargetOverrides(
      target, json::Object{{"mac_lanes", 128},
                           {"rounding", "nearest_away"},
                           {"hcgs_block_sizes", json::Array{4, 16}},
                           {"energy_mac_pj", 2.5}});
  ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
  EXPECT_EQ(target.macLanes, 128);
  EXPECT_EQ(target.rounding, Rounding::NearestAway);
  EXPECT_EQ(target.hcgsBlockSizes, (std::vector<int64_t>{4, 16}));
  EXPECT_EQ(target.energyMacPJ, 2.5);
  EXPECT_TRUE(target.supportsBlockSize(16));
  EXPECT_FALSE(target.supportsBlockSize(32));
  EXPECT_EQ(target.weightBits, 6);
}

TEST(Target, OverrideErrors) {
  EXPECT_EQ(overrideError(R"({"mac_lane": 64})"),
            "unknown target parameter 'mac_lane' (did you mean 'mac_lanes'?)");
  EXPECT_EQ(overrideError(R"({"frobnicate": 1})"),
            "unknown target parameter 'frobnicate'");
  EXPECT_EQ(
      overrideError(R"({"mac_lanes": "64"})"),
      "target parameter 'mac_lanes' must be an integer, got a string \"64\"");
  EXPECT_EQ(
      overrideError(R"({"mac_lanes": 6.5})"),
      "target parameter 'mac_lanes' must be an integer, got a number 6.5");
  EXPECT_EQ(overrideError(R"({"mac_lanes": 48})"),
            "target parameter 'mac_lanes' must be a power of two, got 48");
  EXPECT_EQ(overrideError(R"({"weight_bits": 1})"),
            "target parameter 'weight_bits' must be in [2, 16], got 1");
  EXPECT_EQ(
      overrideError(R"({"clock_mhz": true})"),
      "target parameter 'clock_mhz' must be a number, got a boolean true");
  EXPECT_EQ(overrideError(R"({"rounding": "up"})"),
            "target parameter 'rounding' must be one of nearest_even, "
            "nearest_away; got 'up'");
  EXPECT_EQ(overrideError(R"({"hcgs_block_sizes": [4, 24]})"),
            "target parameter 'hcgs_block_sizes' element 1 must be a power of "
            "two, got 24");
  EXPECT_EQ(overrideError(R"({"hcgs_block_sizes": [32, 4]})"),
            "target parameter 'hcgs_block_sizes' must be listed in increasing "
            "order without repeats");
  EXPECT_EQ(overrideError(R"({"hcgs_block_sizes": []})"),
            "target parameter 'hcgs_block_sizes' must not be empty");
  EXPECT_EQ(overrideError(R"({"hcgs_block_sizes": 32})"),
            "target parameter 'hcgs_block_sizes' must be an array of integers, "
            "got a number 32");
  EXPECT_EQ(overrideError(R"({"name": ""})"),
            "target parameter 'name' must not be empty");
  EXPECT_EQ(overrideError(R"([1, 2])"),
            "a target configuration must be a JSON object, got an array");
}

TEST(Target, InconsistentParameters) {
  EXPECT_EQ(overrideError(R"({"acc_bits": 12})"),
            "target parameter 'acc_bits' (12) must be at least act_bits (13)");
  // A parameter the file sets does not follow the others.
  EXPECT_EQ(overrideError(R"({"act_bits": 16, "lut_entry_bits": 16})"),
            "target parameter 'lut_entry_bits' (16) must be at least "
            "act_bits + 1 (17)");
  EXPECT_EQ(overrideError(R"({"bias_bits": 32, "acc_bits": 24})"),
            "target parameter 'acc_bits' (24) must be at least bias_bits (32)");
  // Consistent together, or because the bounded parameter follows.
  EXPECT_EQ(overrideError(R"({"act_bits": 16, "lut_entry_bits": 17})"), "");
  EXPECT_EQ(overrideError(R"({"act_bits": 16})"), "");
}

TEST(Target, DerivedParametersFollow) {
  Target target;
  target.actBits = 16;
  target.biasBits = 32;
  target.accBits = 24;
  std::vector<DerivedTargetParam> derived =
      deriveTargetParams(target, {"act_bits", "bias_bits"});
  ASSERT_EQ(derived.size(), 2u);
  EXPECT_EQ(derived[0].key, "acc_bits");
  EXPECT_EQ(derived[0].from, 24);
  EXPECT_EQ(derived[0].to, 32);
  EXPECT_EQ(derived[0].bound, "bias_bits");
  EXPECT_EQ(derived[1].key, "lut_entry_bits");
  EXPECT_EQ(derived[1].to, 17);
  EXPECT_EQ(derived[1].bound, "act_bits + 1");
  EXPECT_EQ(target.accBits, 32);
  EXPECT_EQ(target.lutEntryBits, 17);
  EXPECT_FALSE(static_cast<bool>(validateTarget(target)));

  // A parameter the user set is left for validation to report.
  Target conflicting;
  conflicting.actBits = 16;
  EXPECT_TRUE(deriveTargetParams(conflicting, {"lut_entry_bits"}).empty());
  EXPECT_EQ(conflicting.lutEntryBits, 16);
}

TEST(Target, SelectionOverridesAreOptional) {
  TargetSelection selection;
  selection.weightBits = 0;
  llvm::Expected<Target> zero = selectTarget(selection);
  ASSERT_FALSE(static_cast<bool>(zero));
  EXPECT_EQ(llvm::toString(zero.takeError()),
            "target parameter 'weight_bits' must be in [2, 16], got 0");
  llvm::Expected<Target> none = selectTarget(TargetSelection());
  ASSERT_TRUE(static_cast<bool>(none));
  EXPECT_EQ(*none, Target());
}

TEST(Target, ParameterMemoryScalesInProportion) {
  Target target;
  ASSERT_FALSE(static_cast<bool>(setParameterMemoryKB(target, 576)));
  EXPECT_EQ(target.getParameterMemoryBytes(), 576 * 1024);
  EXPECT_EQ(target.indexMemBytes, 16 * 1024);
  EXPECT_EQ(target.paramMemBytes, 48 * 1024);
  EXPECT_EQ(target.weightMemBytes, 512 * 1024);

  llvm::Error error = setParameterMemoryKB(target, 0);
  ASSERT_TRUE(static_cast<bool>(error));
  EXPECT_EQ(llvm::toString(std::move(error)),
            "parameter memory must be 1 to 49152 kB, got 0");
}

TEST(Target, EveryParameterHasAValueAndDocumentation) {
  Target target;
  for (const TargetParamInfo &info : getTargetParamInfos()) {
    EXPECT_FALSE(info.doc.empty()) << info.key.str();
    EXPECT_FALSE(info.source.empty()) << info.key.str();
    EXPECT_NE(getTargetParamValue(target, info.key).kind(), json::Value::Null)
        << info.key.str();
  }
}

TEST(Target, EnumNamesRoundTrip) {
  for (Rounding value : {Rounding::NearestEven, Rounding::NearestAway})
    EXPECT_EQ(symbolizeTargetEnum<Rounding>(stringifyTargetEnum(value)), value);
  for (Overflow value : {Overflow::Saturate, Overflow::Wrap})
    EXPECT_EQ(symbolizeTargetEnum<Overflow>(stringifyTargetEnum(value)), value);
  EXPECT_EQ(symbolizeTargetEnum<Overflow>("clamp"), std::nullopt);
}

} // namespace
