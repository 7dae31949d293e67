// Tests for harness/data/d4rl_fixture.h: the written layouts are the official ones
// (spec/environments.md 5.2, 5.3) and the generated content behaves like collected data.
#include "harness/data/d4rl_fixture.h"

#include <chrono>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <xtensor/xview.hpp>

#include "harness/data/sha256.h"
#include "test_support.h"

namespace harness {
namespace {

// "key (dims) dtype" for every dataset in the file
std::vector<std::string> layout_of(const std::string& path) {
  std::vector<std::string> layout;
  for (const KeyInfo& key : list_hdf5_keys(path)) {
    std::string dims;
    for (uint64_t d : key.dims) {
      if (!dims.empty()) dims += ',';
      dims += std::to_string(d);
    }
    layout.push_back(key.key + " (" + dims + ") " + key.dtype);
  }
  return layout;
}

// the layout of a fixture of dataset `name` with `rows` rows
std::vector<std::string> fixture_layout(const char* name, size_t rows) {
  testing::TempDir dir;
  write_fixture(dir.file("f.hdf5"), dataset_info(name), FixtureShape{rows, 10}, 0);
  return layout_of(dir.file("f.hdf5"));
}

D4rlFile generate(const char* name, size_t rows, size_t episode_rows = 0, uint64_t seed = 1) {
  autodiff::Rng rng(seed);
  return random_d4rl_file(dataset_info(name), FixtureShape{rows, episode_rows}, rng);
}

std::vector<size_t> flagged_rows(const std::vector<uint8_t>& flags) {
  std::vector<size_t> rows;
  for (size_t i = 0; i < flags.size(); ++i) {
    if (flags[i]) rows.push_back(i);
  }
  return rows;
}

TEST(D4rlFixture, LocomotionLayoutHasTheOfficialKeysAndTypes) {
  EXPECT_EQ(fixture_layout("hopper-medium-v2", 50),
            (std::vector<std::string>{"actions (50,3) float32", "infos/action_log_probs (50) float32",
                                      "infos/qpos (50,6) float32", "infos/qvel (50,6) float32",
                                      "next_observations (50,11) float32", "observations (50,11) float32",
                                      "rewards (50) float32", "terminals (50) bool", "timeouts (50) bool"}));
}

TEST(D4rlFixture, MediumReplayLayoutIsFloat64) {
  EXPECT_EQ(fixture_layout("halfcheetah-medium-replay-v2", 20),
            (std::vector<std::string>{"actions (20,6) float64", "infos/action_log_probs (20) float64",
                                      "infos/qpos (20,9) float64", "infos/qvel (20,9) float64",
                                      "next_observations (20,17) float64", "observations (20,17) float64",
                                      "rewards (20) float64", "terminals (20) bool", "timeouts (20) bool"}));
}

TEST(D4rlFixture, AntmazeLayoutHasGoalsAndNoNextObservations) {
  EXPECT_EQ(fixture_layout("antmaze-large-play-v2", 30),
            (std::vector<std::string>{"actions (30,8) float32", "infos/goal (30,2) float32",
                                      "infos/qpos (30,15) float32", "infos/qvel (30,14) float32",
                                      "observations (30,29) float32", "rewards (30) float32", "terminals (30) bool",
                                      "timeouts (30) bool"}));
}

TEST(D4rlFixture, AntmazeEpisodesAre1001RowsWithTheTimeoutOnTheLast) {
  D4rlFile file = generate("antmaze-umaze-v2", 3003);
  EXPECT_EQ(flagged_rows(file.arrays.timeouts), (std::vector<size_t>{1000, 2001, 3002}));
  // one goal per episode
  EXPECT_EQ(file.arrays.goal(0, 0), file.arrays.goal(1000, 0));
  EXPECT_NE(file.arrays.goal(1000, 0), file.arrays.goal(1001, 0));
}

TEST(D4rlFixture, AntmazeRewardsComeInRunsMarkedTerminal) {
  D4rlFile file = generate("antmaze-medium-play-v2", 2000, 100);
  const D4rlArrays& a = file.arrays;
  size_t successes = 0;
  for (size_t i = 0; i < a.rows(); ++i) {
    EXPECT_EQ(a.terminals[i], a.rewards(i, 0) == 1.0f) << "row " << i;
    EXPECT_TRUE(a.rewards(i, 0) == 0.0f || a.rewards(i, 0) == 1.0f) << "row " << i;
    successes += a.terminals[i];
  }
  EXPECT_GT(successes, 0u);
}

TEST(D4rlFixture, LocomotionEpisodesEndOnATimeoutOrAnEarlierTerminal) {
  D4rlFile file = generate("walker2d-medium-v2", 5000, 100);
  const D4rlArrays& a = file.arrays;
  size_t length = 0, terminals = 0;
  for (size_t i = 0; i < a.rows(); ++i) {
    ++length;
    // a fall on the 100th row is a terminal, not a timeout
    EXPECT_EQ(a.timeouts[i], length == 100 && !a.terminals[i]) << "row " << i;
    EXPECT_LE(length, 100u) << "row " << i;
    if (a.timeouts[i] || a.terminals[i]) length = 0;
    terminals += a.terminals[i];
  }
  EXPECT_GT(terminals, 0u);
  EXPECT_TRUE(flagged_rows(generate("halfcheetah-medium-v2", 300, 100).arrays.terminals).empty());
}

TEST(D4rlFixture, NextObservationsContinueWithinEpisodes) {
  D4rlFile file = generate("hopper-medium-replay-v2", 500, 50);
  const D4rlArrays& a = file.arrays;
  for (size_t i = 0; i + 1 < a.rows(); ++i) {
    bool episode_end = a.terminals[i] || a.timeouts[i];
    bool same = xt::view(file.next_observations, i, xt::all()) == xt::view(a.observations, i + 1, xt::all());
    EXPECT_EQ(same, !episode_end) << "row " << i;
  }
}

TEST(D4rlFixture, ObservationsAreBuiltFromQposAndQvel) {
  D4rlFile hopper = generate("hopper-medium-v2", 20, 10);
  // hopper: obs = qpos[1:6] + qvel[0:6]
  EXPECT_EQ(hopper.arrays.observations(3, 0), hopper.arrays.qpos(3, 1));
  EXPECT_EQ(hopper.arrays.observations(3, 5), hopper.arrays.qvel(3, 0));
  D4rlFile ant = generate("antmaze-umaze-v2", 20, 10);
  // antmaze: obs = qpos[0:15] + qvel[0:14], x and y included
  EXPECT_EQ(ant.arrays.observations(3, 0), ant.arrays.qpos(3, 0));
  EXPECT_EQ(ant.arrays.observations(3, 15), ant.arrays.qvel(3, 0));
}

TEST(D4rlFixture, SameSeedWritesTheSameBytes) {
  testing::TempDir dir;
  const DatasetInfo& info = dataset_info("antmaze-umaze-diverse-v2");
  write_fixture(dir.file("a.hdf5"), info, FixtureShape{200, 50}, 5);
  write_fixture(dir.file("b.hdf5"), info, FixtureShape{200, 50}, 5);
  write_fixture(dir.file("c.hdf5"), info, FixtureShape{200, 50}, 6);
  EXPECT_EQ(sha256_file(dir.file("a.hdf5")), sha256_file(dir.file("b.hdf5")));
  EXPECT_NE(sha256_file(dir.file("a.hdf5")), sha256_file(dir.file("c.hdf5")));
}

// object headers may hold creation and modification times in seconds; none may be written, or a
// regenerated dataset written a second later has other bytes (and a resumed run refuses it)
TEST(D4rlFixture, TheSameContentWrittenASecondLaterHasTheSameBytes) {
  testing::TempDir dir;
  D4rlFile file = generate("hopper-medium-v2", 30);
  file.metadata_text = {{"metadata/algorithm", "SAC"}, {"metadata/policy/nonlinearity", "relu"}};
  write_d4rl(dir.file("a.hdf5"), file);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  write_d4rl(dir.file("b.hdf5"), file);
  EXPECT_EQ(sha256_file(dir.file("a.hdf5")), sha256_file(dir.file("b.hdf5")));
}

TEST(D4rlFixture, RejectsColumnsOfDifferentLengths) {
  testing::TempDir dir;
  D4rlFile file = generate("hopper-medium-v2", 20, 10);
  file.arrays.timeouts.pop_back();
  std::string message = testing::error_message([&] { write_d4rl(dir.file("h.hdf5"), file); });
  EXPECT_THAT(message, ::testing::HasSubstr("'timeouts'"));
  EXPECT_FALSE(std::filesystem::exists(dir.file("h.hdf5")));
}

TEST(D4rlFixture, UnwritableDirectoryNamesThePath) {
  D4rlFile file = generate("hopper-medium-v2", 20, 10);
  std::string message = testing::error_message([&] { write_d4rl("/nonexistent/dir/h.hdf5", file); });
  EXPECT_THAT(message, ::testing::HasSubstr("/nonexistent/dir/h.hdf5"));
}

}  // namespace
}  // namespace harness
