// Tests for harness/run/config_options.cpp and the flags of harness/cli/config_flags.cpp: presets,
// TOML files, flags, unknown keys.
#include <gtest/gtest.h>

#include <fstream>

#include "autodiff/error.h"
#include "harness/cli/config_flags.h"
#include "harness/run/config_memory.h"
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
  EXPECT_NE(error.find(file + ":2: unknown key 'expectil'"), std::string::npos) << error;
}

TEST(ConfigOptions, ValueOfTheWrongTypeIsRejectedNamingTheKey) {
  const std::string error = error_of({"--batch-size", "lots"});
  EXPECT_NE(error.find("--batch-size: 'lots' is not a whole number"), std::string::npos) << error;
}

TEST(ConfigOptions, OutOfRangeValueIsRejectedNamingTheKey) {
  const std::string error = error_of({"--expectile", "1.5"});
  EXPECT_NE(error.find("--expectile 1.5: it must be in (0, 1)"), std::string::npos) << error;
}

// issue 19, defect 3: 4294967297 once became 1 by a narrowing cast
TEST(ConfigOptions, AnIntegerBeyondItsTypeIsRejectedWithTheRange) {
  const std::string error = error_of({"--hidden-dim", "4294967297"});
  EXPECT_NE(error.find("--hidden-dim: '4294967297' is too large: at most 2147483647"), std::string::npos) << error;
}

// issue 19, defect 9 (found by config_fuzz_test): 1e400 for a float key was called "out of range
// for an integer key (stod)"; beyond 2^63 an integer key said "(stoll)"
TEST(ConfigOptions, AnOutOfRangeNumberIsExplainedInItsOwnWords) {
  const std::string real = error_of({"--actor-lr", "1e400"});
  EXPECT_NE(real.find("--actor-lr: '1e400' is not a finite number"), std::string::npos) << real;
  const std::string integer = error_of({"--hidden-dim", "99999999999999999999"});
  EXPECT_NE(integer.find("--hidden-dim: '99999999999999999999' is too large: at most 2147483647"), std::string::npos)
      << integer;
  const std::string file = write_temp("huge.toml", "actor_lr = 1e400\nhidden_dim = 99999999999999999999\n");
  EXPECT_NE(error_of({"--config", file}).find("'actor_lr' = '1e400' is out of range (too large or too small in magnitude for a double)"),
            std::string::npos);
}

// issue 19, defect 4: an infinite learning rate trained to NaN and was reported as finished
TEST(ConfigOptions, NonFiniteNumbersAreRejectedForEveryKey) {
  for (const char* flag : {"--actor-lr", "--temperature", "--adam-eps", "--log-std-max", "--discount"}) {
    for (const char* value : {"inf", "-inf", "nan"}) {
      const std::string error = error_of({flag, value});
      EXPECT_NE(error.find(std::string(flag) + ": '" + value + "' is not a finite number"), std::string::npos)
          << flag << " " << value << ": " << error;
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

// issue 32: the flag as typed, and an integer as an integer ("= 0", never "0.000000")
TEST(ConfigOptions, AnOutOfRangeFlagIsNamedAsTyped) {
  ConfigOverrides overrides;
  overrides.set_flag("total_steps", "0", "--steps");
  try {
    resolve_config(sac::SacConfig{}, overrides);
    FAIL() << "--steps 0 was accepted";
  } catch (const iql::ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "--steps 0: sets total_steps, which must be > 0");
  }
}

// issue 32: two flags for one value are refused, not resolved by the order CLI11 runs them in
TEST(ConfigOptions, TwoFlagsForOneKeyAreRefused) {
  ConfigOverrides overrides;
  overrides.set_flag("max_steps", "5", "--steps");
  EXPECT_THROW(overrides.set_flag("max_steps", "6", "--max-steps"), iql::ConfigError);
}

// issue 32: a file key a flag replaces is said, with the documented precedence
TEST(ConfigOptions, AFlagReplacingAFileKeyIsReported) {
  ConfigOverrides overrides;
  overrides.file = kAntmazeFile;
  overrides.set_flag("expectile", "0.8", "--expectile");
  const std::vector<std::string> lines = replaced_file_keys(overrides);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "--expectile 0.8 replaces expectile = 0.9 of " + kAntmazeFile + " (flags come after the --config file)");
}

// issue 32, class 1: a network that cannot fit in memory is refused with the size it needs, before
// anything is allocated
TEST(ConfigOptions, ANetworkTooLargeForMemoryIsRefusedWithItsSize) {
  const std::string error = error_of({"--hidden-dim", "1000000"});
  EXPECT_NE(error.find("--hidden-dim 1000000: it must be small enough to fit in memory"), std::string::npos) << error;
  EXPECT_NE(error.find(" GB and this machine has "), std::string::npos) << error;
}

// a fine-tune run's buffer holds every online row: too many are refused before the dataset is read
TEST(ConfigOptions, OnlineStepsTooManyForMemoryAreRefusedWithTheirSize) {
  EXPECT_NO_THROW(check_online_rows_fit(1'000'000, uint64_t{8} << 30));
  std::string error;
  try {
    check_online_rows_fit(99'999'999'999, uint64_t{8} << 30);
  } catch (const autodiff::Error& e) {
    error = e.what();
  }
  EXPECT_NE(error.find("--online-steps 99999999999: the replay buffer's online rows alone would need about "),
            std::string::npos) << error;
  EXPECT_NE(error.find(" and this machine has 8.59 GB; give fewer online steps"), std::string::npos) << error;
}

// issue 32: a value out of range in a file names the file's line
TEST(ConfigOptions, AnOutOfRangeFileValueNamesItsLine) {
  const std::string file = write_temp("range.toml", "# comment\nexpectile = 1.5\n");
  EXPECT_NE(error_of({"--config", file}).find(file + ":2: expectile = 1.5: it must be in (0, 1)"), std::string::npos)
      << error_of({"--config", file});
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
