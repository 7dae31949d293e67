// Tests for harness/cli/config_options.cpp: TOML configs, overrides, unknown keys.
#include <gtest/gtest.h>

#include <fstream>

#include "harness/cli/config_options.h"

namespace harness {
namespace {

struct Parsed {
  iql::IqlConfig config;
  std::string error;
};

Parsed parse(std::vector<std::string> args) {
  Parsed out;
  CLI::App app;
  CLI::App* train = app.add_subcommand("train");
  add_iql_options(*train, out.config);
  args.insert(args.begin(), "train");
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments in reverse order
  try {
    app.parse(args);
  } catch (const std::exception& e) {  // CLI11 parse errors and ConfigError from the file
    out.error = e.what();
  }
  return out;
}

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST(ConfigOptions, ShippedAntmazeConfigSetsItsExpectileAndTemperature) {
  const Parsed p = parse({"--config", IQL_SOURCE_DIR "/configs/antmaze.toml"});
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(p.config.expectile, 0.9);
  EXPECT_EQ(p.config.temperature, 10.0);
  EXPECT_EQ(p.config.batch_size, 256);
}

TEST(ConfigOptions, ShippedLocomotionConfigEqualsTheDefaults) {
  const Parsed p = parse({"--config", IQL_SOURCE_DIR "/configs/locomotion.toml"});
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(config_toml(p.config), config_toml(iql::IqlConfig{}));
}

TEST(ConfigOptions, CommandLineOverridesTheFile) {
  const std::string file = IQL_SOURCE_DIR "/configs/antmaze.toml";
  for (const Parsed& p : {parse({"--expectile", "0.8", "--config", file}),
                          parse({"--config", file, "--expectile", "0.8"})}) {
    ASSERT_EQ(p.error, "");
    EXPECT_EQ(p.config.expectile, 0.8);
    EXPECT_EQ(p.config.temperature, 10.0);
  }
}

TEST(ConfigOptions, FlagsAreTheKeysWithHyphens) {
  const Parsed p = parse({"--batch-size", "64", "--mean-critic-loss", "true"});
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(p.config.batch_size, 64);
  EXPECT_TRUE(p.config.mean_critic_loss);
}

TEST(ConfigOptions, UnknownKeyInTheFileIsRejectedNamingIt) {
  const Parsed p = parse({"--config", write_temp("unknown.toml", "expectile = 0.8\nexpectil = 0.9\n")});
  EXPECT_NE(p.error.find("expectil"), std::string::npos) << p.error;
}

TEST(ConfigOptions, TomlTextRoundTripsThroughTheParser) {
  iql::IqlConfig changed;
  changed.temperature = 7.25;
  changed.mean_critic_loss = true;
  const Parsed p = parse({"--config", write_temp("round.toml", config_toml(changed))});
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(config_toml(p.config), config_toml(changed));
}

}  // namespace
}  // namespace harness
