// Tests for harness/run/config_options.cpp and the flags of harness/cli/config_flags.cpp: presets,
// TOML files, flags, unknown keys.
#include <gtest/gtest.h>

#include <fstream>

#include "harness/cli/config_flags.h"
#include "harness/run/config_options.h"

namespace harness {
namespace {

const std::string kAntmazeFile = IQL_SOURCE_DIR "/configs/antmaze.toml";
const std::string kLocomotionFile = IQL_SOURCE_DIR "/configs/locomotion.toml";

// parses `args` as the options of a subcommand, then resolves them over `preset`
iql::IqlConfig parse(std::vector<std::string> args, const iql::IqlConfig& preset = {}) {
  ConfigOverrides overrides;
  CLI::App app;
  CLI::App* train = app.add_subcommand("train");
  add_iql_options(*train, overrides);
  args.insert(args.begin(), "train");
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments in reverse order
  app.parse(args);
  return resolve_config(preset, overrides);
}

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

std::string error_of(std::vector<std::string> args) {
  try {
    parse(std::move(args));
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST(ConfigOptions, ShippedAntmazeFileEqualsTheAntmazePreset) {
  EXPECT_EQ(config_toml(parse({"--config", kAntmazeFile})), config_toml(iql::antmaze_config()));
}

TEST(ConfigOptions, ShippedLocomotionFileEqualsTheLocomotionPreset) {
  EXPECT_EQ(config_toml(parse({"--config", kLocomotionFile}, iql::antmaze_config())),
            config_toml(iql::IqlConfig{}));
}

TEST(ConfigOptions, NoOptionsGiveThePreset) {
  EXPECT_EQ(parse({}, iql::antmaze_config()).expectile, 0.9);
}

TEST(ConfigOptions, FlagsOverrideTheFileInAnyOrder) {
  for (const iql::IqlConfig& c : {parse({"--expectile", "0.8", "--config", kAntmazeFile}),
                                  parse({"--config", kAntmazeFile, "--expectile", "0.8"})}) {
    EXPECT_EQ(c.expectile, 0.8);
    EXPECT_EQ(c.temperature, 10.0);
  }
}

TEST(ConfigOptions, FlagsAreTheKeysWithHyphens) {
  const iql::IqlConfig c = parse({"--batch-size", "64", "--mean-critic-loss", "true"});
  EXPECT_EQ(c.batch_size, 64);
  EXPECT_TRUE(c.mean_critic_loss);
}

TEST(ConfigOptions, UnknownKeyInTheFileIsRejectedNamingFileAndKey) {
  const std::string file = write_temp("unknown.toml", "expectile = 0.8\nexpectil = 0.9\n");
  const std::string error = error_of({"--config", file});
  EXPECT_NE(error.find(file + ": unknown key 'expectil'"), std::string::npos) << error;
}

TEST(ConfigOptions, ValueOfTheWrongTypeIsRejectedNamingTheKey) {
  const std::string error = error_of({"--batch-size", "lots"});
  EXPECT_NE(error.find("'batch_size' = 'lots' is not a valid number"), std::string::npos) << error;
}

TEST(ConfigOptions, OutOfRangeValueIsRejectedNamingTheKey) {
  const std::string error = error_of({"--expectile", "1.5"});
  EXPECT_NE(error.find("'expectile'"), std::string::npos) << error;
}

// issue 19, defect 3: 4294967297 once became 1 by a narrowing cast
TEST(ConfigOptions, AnIntegerBeyondItsTypeIsRejectedWithTheRange) {
  const std::string error = error_of({"--hidden-dim", "4294967297"});
  EXPECT_NE(error.find("'hidden_dim' = '4294967297' is out of range"), std::string::npos) << error;
  EXPECT_NE(error.find("2147483647"), std::string::npos) << error;
}

// issue 19, defect 9 (found by config_fuzz_test): 1e400 for a float key was called "out of range
// for an integer key (stod)"; beyond 2^63 an integer key said "(stoll)"
TEST(ConfigOptions, AnOutOfRangeNumberIsExplainedInItsOwnWords) {
  const std::string real = error_of({"--actor-lr", "1e400"});
  EXPECT_NE(real.find("'actor_lr' = '1e400' is out of range (too large or too small in magnitude for a double)"),
            std::string::npos) << real;
  const std::string integer = error_of({"--hidden-dim", "99999999999999999999"});
  EXPECT_NE(integer.find("out of range (outside -2147483648 to 2147483647)"), std::string::npos) << integer;
}

// issue 19, defect 4: an infinite learning rate trained to NaN and was reported as finished
TEST(ConfigOptions, NonFiniteNumbersAreRejectedForEveryKey) {
  for (const char* flag : {"--actor-lr", "--temperature", "--adam-eps", "--log-std-max", "--discount"}) {
    for (const char* value : {"inf", "-inf", "nan"}) {
      const std::string error = error_of({flag, value});
      EXPECT_NE(error.find("is invalid"), std::string::npos) << flag << " " << value << ": " << error;
    }
  }
}

// issue 19, defect 2: `batch_size = [1,2` was read as batch size 1
TEST(ConfigOptions, AListInATomlFileIsRefusedNamingItsLine) {
  const std::string file = write_temp("list.toml", "expectile = 0.8\nbatch_size = [1,2\n");
  const std::string error = error_of({"--config", file});
  EXPECT_NE(error.find("list.toml:2"), std::string::npos) << error;
  EXPECT_NE(error.find("not a list"), std::string::npos) << error;
}

TEST(ConfigOptions, TheSacConfigFileIsRlkitsDefaults) {
  ConfigOverrides overrides;
  overrides.file = IQL_SOURCE_DIR "/configs/sac.toml";
  EXPECT_EQ(config_toml(resolve_config(sac::SacConfig{}, overrides)), config_toml(sac::SacConfig{}));
}

TEST(ConfigOptions, TomlTextRoundTrips) {
  iql::IqlConfig changed;
  changed.temperature = 7.25;
  changed.mean_critic_loss = true;
  changed.max_steps = 12345;
  EXPECT_EQ(config_toml(parse_config_toml(config_toml(changed), "text")), config_toml(changed));
}

}  // namespace
}  // namespace harness
