// Fuzz test of the --config TOML reader (harness/run/config_options.cpp, issue 19): damaged copies
// of the shipped configs are read or refused with a one-line message.
#include <gtest/gtest.h>

#include "harness/run/config_options.h"
#include "tests/fuzz_mutations.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

constexpr size_t kMutants = 400;  // per seed file

// every mutant of `seed_file` goes through resolve_config as `--config FILE`
void fuzz_config_file(const std::string& seed_file, uint64_t rng_seed) {
  testing::TempDir dir;
  const std::string path = dir.file("mutant.toml");
  const std::string seed = testing::read_bytes(seed_file);
  ASSERT_NO_THROW(resolve_config(iql::IqlConfig{}, ConfigOverrides{seed_file, {}})) << "the seed must be valid";
  const std::vector<std::string> mutants = testing::text_mutants(seed, kMutants, rng_seed);
  const size_t refused = testing::expect_clean_outcomes(mutants, [&](const std::string& mutant) {
    testing::write_bytes(path, mutant);
    resolve_config(iql::IqlConfig{}, ConfigOverrides{path, {}});
  });
  EXPECT_GT(refused, kMutants / 10) << "the mutants should reach the reader's error paths";
}

TEST(ConfigFuzz, LocomotionMutantsAreReadOrRefusedOnOneLine) {
  fuzz_config_file(IQL_SOURCE_DIR "/configs/locomotion.toml", 1);
}

TEST(ConfigFuzz, AntmazeMutantsAreReadOrRefusedOnOneLine) {
  fuzz_config_file(IQL_SOURCE_DIR "/configs/antmaze.toml", 2);
}

// the checkpoint copy of a config goes through parse_config_toml
TEST(ConfigFuzz, CheckpointConfigMutantsAreReadOrRefusedOnOneLine) {
  const std::string seed = config_toml(sac::SacConfig{});
  ASSERT_NO_THROW(parse_config_toml<sac::SacConfig>(seed, "checkpoint"));
  const std::vector<std::string> mutants = testing::text_mutants(seed, kMutants, 3);
  const size_t refused = testing::expect_clean_outcomes(
      mutants, [](const std::string& mutant) { parse_config_toml<sac::SacConfig>(mutant, "checkpoint"); });
  EXPECT_GT(refused, kMutants / 10);
}

}  // namespace
}  // namespace harness
