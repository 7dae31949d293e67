// Tests for harness/behaviour/regenerate.cpp and regen_manifest.cpp: recording and checking a
// content digest, refusals that name what is wrong, and D4RL's medium-expert concatenation.
#include <gtest/gtest.h>

#include <fstream>

#include "harness/behaviour/regenerate.h"
#include "harness/data/d4rl_reader.h"
#include "harness/data/registry.h"
#include "test_support.h"

namespace harness {
namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

// a manifest with one small random recipe, under the test's directory
std::string small_manifest(const std::filesystem::path& dir, const std::string& digest = "") {
  RegenEntry e;
  e.name = "walker2d-random-regen";
  e.env = "walker2d";
  e.recipe = "random";
  e.collection_seed = 4;
  e.rows = 1200;
  e.content_digest = digest;
  const std::string path = (dir / "manifest.toml").string();
  write_manifest(path, {e});
  return path;
}

TEST(RegenManifest, WritesAndReadsBackEveryField) {
  const auto dir = test::test_dir();
  RegenEntry e;
  e.name = "hopper-medium-regen";
  e.env = "hopper";
  e.recipe = "policy";
  e.policy = "golden/regen/policies/p.h5";
  e.policy_sha256 = "ab12";
  e.policy_step = 60000;
  e.rule = "the first snapshot whose \"sampled\" score reaches 53";
  e.collection_seed = 3;
  e.rows = 1000000;
  e.content_digest = "cd34";
  e.behaviour_score = 61.25;
  e.behaviour_score_std = 9.5;
  e.behaviour_episodes = 100;
  e.recorded_by = "iql 1234, GCC 12.2.0";
  RegenEntry other = e;
  other.name = "hopper-expert-regen";
  const std::string path = (dir / "m.toml").string();
  write_manifest(path, {e, other});
  const std::vector<RegenEntry> back = read_manifest(path);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].rule, e.rule);
  EXPECT_EQ(back[0].policy_step, 60000);
  EXPECT_EQ(back[0].behaviour_score, 61.25);
  EXPECT_EQ(back[1].name, "hopper-expert-regen");
  EXPECT_EQ(back[1].recorded_by, e.recorded_by);
}

TEST(RegenManifest, AnUnknownKeyOrAMissingRecipeIsNamed) {
  const auto dir = test::test_dir();
  std::ofstream(dir / "bad.toml") << "[hopper-medium-regen]\nenv = \"hopper\"\nrow = 10\n";
  EXPECT_NE(error_of([&] { read_manifest((dir / "bad.toml").string()); }).find("unknown key 'row'"), std::string::npos);
  const std::string path = small_manifest(dir);
  const std::string message = error_of([&] { manifest_entry(read_manifest(path), "hopper-expert-regen", path); });
  EXPECT_NE(message.find("no recipe for 'hopper-expert-regen'"), std::string::npos) << message;
  EXPECT_NE(message.find("walker2d-random-regen"), std::string::npos) << message;
}

TEST(GenerateDataset, RecordsTheDigestThenReproducesItAndRefusesAnotherOne) {
  const auto dir = test::test_dir();
  const std::string manifest = small_manifest(dir);
  GenerateOptions o;
  o.manifest = manifest;
  o.out = (dir / "first.hdf5").string();
  o.record = true;
  const GenerateResult first = generate_dataset("walker2d-random-regen", o);
  EXPECT_TRUE(first.recorded);
  EXPECT_EQ(read_manifest(manifest).front().content_digest, first.digest);
  EXPECT_GT(read_manifest(manifest).front().behaviour_episodes, 0);
  o.record = false;
  o.out = (dir / "second.hdf5").string();
  EXPECT_EQ(generate_dataset("walker2d-random-regen", o).digest, first.digest);
  EXPECT_EQ(read_d4rl(o.out, &dataset_info("walker2d-random-regen")).rows(), 1200u);

  small_manifest(dir, "0000");
  o.out = (dir / "third.hdf5").string();
  const std::string message = error_of([&] { generate_dataset("walker2d-random-regen", o); });
  EXPECT_NE(message.find("expects 0000"), std::string::npos) << message;
  EXPECT_NE(message.find(first.digest), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(o.out));  // nothing written under the final name
}

TEST(GenerateDataset, RefusesD4rlsOwnDatasets) {
  const std::string message = error_of([] { generate_dataset("hopper-medium-v2", {}); });
  EXPECT_NE(message.find("not a regenerated one"), std::string::npos) << message;
}

D4rlFile rows_with_ends(size_t rows, const std::vector<size_t>& ends, float value) {
  D4rlFile f;
  f.arrays.observations = Tensor(std::array<size_t, 2>{rows, 2}, value);
  f.arrays.actions = Tensor(std::array<size_t, 2>{rows, 1}, value);
  f.arrays.rewards = Tensor(std::array<size_t, 2>{rows, 1}, value);
  f.arrays.terminals.assign(rows, 0);
  f.arrays.timeouts.assign(rows, 0);
  for (size_t e : ends) f.arrays.timeouts[e] = 1;
  f.next_observations = f.arrays.observations;
  return f;
}

TEST(ConcatenateEpisodes, CutsTheMediumSetAfterItsLastCompleteEpisodeAndCaps) {
  const D4rlFile medium = rows_with_ends(10, {3, 6}, 1.0f), expert = rows_with_ends(8, {4}, 2.0f);
  const D4rlFile both = concatenate_episodes(medium, expert, 100);
  ASSERT_EQ(both.arrays.rows(), 15u);  // rows 0-6 of medium, then all 8 of expert
  EXPECT_EQ(both.arrays.observations(6, 0), 1.0f);
  EXPECT_EQ(both.arrays.observations(7, 0), 2.0f);
  EXPECT_EQ(both.arrays.timeouts[6], 1);
  EXPECT_EQ(both.arrays.timeouts[11], 1);
  EXPECT_EQ(concatenate_episodes(medium, expert, 10).arrays.rows(), 10u);
}

}  // namespace
}  // namespace harness
