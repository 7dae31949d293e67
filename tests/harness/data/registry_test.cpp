// Tests for harness/data/registry.h.
#include "harness/data/registry.h"

#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.h"

namespace harness {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

TEST(DatasetRegistry, HoldsTheFifteenPaperDatasets) {
  const char* paper[] = {
      "hopper-medium-v2",          "hopper-medium-replay-v2",      "hopper-medium-expert-v2",
      "halfcheetah-medium-v2",     "halfcheetah-medium-replay-v2", "halfcheetah-medium-expert-v2",
      "walker2d-medium-v2",        "walker2d-medium-replay-v2",    "walker2d-medium-expert-v2",
      "antmaze-umaze-v2",          "antmaze-umaze-diverse-v2",     "antmaze-medium-play-v2",
      "antmaze-medium-diverse-v2", "antmaze-large-play-v2",        "antmaze-large-diverse-v2"};
  for (const char* name : paper) EXPECT_TRUE(dataset_info(name).paper) << name;
  size_t paper_count = 0;
  for (const DatasetInfo& info : dataset_registry()) paper_count += info.paper;
  EXPECT_EQ(paper_count, 15u);
}

TEST(DatasetRegistry, HoldsRandomExpertAndAntmazeV0Names) {
  for (const char* name : {"hopper-random-v2", "halfcheetah-expert-v2", "walker2d-random-v2", "antmaze-umaze-v0",
                           "antmaze-large-diverse-v0"}) {
    EXPECT_NO_THROW(dataset_info(name)) << name;
  }
  EXPECT_EQ(dataset_registry().size(), 51u);  // 15 paper + 6 random/expert + 6 antmaze v0 + 24 regenerated
}

TEST(DatasetRegistry, RegeneratedSetsNeverCarryD4rlsNamesAndHaveNoUrl) {
  size_t regenerated = 0;
  for (const DatasetInfo& info : dataset_registry()) {
    if (!info.regenerated) continue;
    ++regenerated;
    EXPECT_EQ(info.name.substr(info.name.size() - kRegenSuffix.size()), kRegenSuffix) << info.name;
    EXPECT_EQ(info.name.find("-v2"), std::string::npos) << info.name;
    EXPECT_EQ(info.url, "") << info.name;
    EXPECT_FALSE(info.paper) << info.name;
  }
  EXPECT_EQ(regenerated, 24u);  // 6 per locomotion env, 6 antmaze
  EXPECT_EQ(dataset_info("walker2d-full-replay-regen").file_name, "walker2d_full_replay-regen.hdf5");
  const DatasetInfo& maze = dataset_info("antmaze-medium-diverse-regen");
  EXPECT_EQ(maze.file_name, "antmaze_medium_diverse-regen.hdf5");
  EXPECT_EQ(maze.env, "antmaze-medium");
  EXPECT_EQ(maze.suite, kAntmazeSuite);
}

TEST(DatasetRegistry, NamesAndFileNamesAreUnique) {
  std::set<std::string> names, files;
  for (const DatasetInfo& info : dataset_registry()) {
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    EXPECT_TRUE(files.insert(info.file_name).second) << info.file_name;
  }
}

TEST(DatasetRegistry, EveryEntryNamesAKnownEnvironmentAndSuite) {
  for (const DatasetInfo& info : dataset_registry()) {
    EXPECT_NO_THROW(dataset_env(info)) << info.name;
    EXPECT_TRUE(info.suite == kLocomotionSuite || info.suite == kAntmazeSuite) << info.name;
    EXPECT_EQ(info.suite == kAntmazeSuite, info.env.rfind("antmaze", 0) == 0) << info.name;
  }
  EXPECT_EQ(dataset_env(dataset_info("walker2d-medium-v2")).obs_dim, 17);
  EXPECT_EQ(dataset_env(dataset_info("antmaze-large-play-v2")).act_dim, 8);
}

TEST(DatasetRegistry, UrlsFollowTheOfficialLayout) {
  EXPECT_EQ(dataset_info("hopper-medium-replay-v2").url,
            "http://rail.eecs.berkeley.edu/datasets/offline_rl/gym_mujoco_v2/hopper_medium_replay-v2.hdf5");
  EXPECT_EQ(dataset_info("antmaze-medium-play-v2").url,
            "http://rail.eecs.berkeley.edu/datasets/offline_rl/ant_maze_v2/"
            "Ant_maze_big-maze_noisy_multistart_True_multigoal_False_sparse_fixed.hdf5");
  EXPECT_EQ(dataset_info("antmaze-umaze-v0").url,
            "http://rail.eecs.berkeley.edu/datasets/offline_rl/ant_maze_new/"
            "Ant_maze_u-maze_noisy_multistart_False_multigoal_False_sparse.hdf5");
  EXPECT_EQ(url_path(dataset_info("walker2d-expert-v2")), "gym_mujoco_v2/walker2d_expert-v2.hdf5");
}

TEST(DatasetRegistry, ChecksumsAreThePublishedOnes) {
  const DatasetInfo& hopper = dataset_info("hopper-medium-v2");
  EXPECT_EQ(hopper.bytes, 152756557u);
  EXPECT_EQ(hopper.sha256, "5bdf1bc4a713c82941de44633df669b36c89850b652a25985166796d25cf71a0");
  EXPECT_EQ(dataset_info("antmaze-large-diverse-v2").bytes, 231183710u);
  // not published: verified on first download
  EXPECT_EQ(dataset_info("antmaze-medium-play-v2").bytes, 0u);
  EXPECT_EQ(dataset_info("antmaze-medium-play-v2").sha256, "");
  size_t known = 0;
  for (const DatasetInfo& info : dataset_registry()) known += !info.sha256.empty();
  EXPECT_EQ(known, 14u);
}

TEST(DatasetRegistry, ReplayFilesAreFloat64) {
  for (const DatasetInfo& info : dataset_registry()) {
    bool replay = info.name.find("-replay") != std::string::npos;
    EXPECT_EQ(info.floats, replay ? FloatType::f64 : FloatType::f32) << info.name;
  }
}

TEST(DatasetRegistry, UnknownNameListsCloseNames) {
  std::string message = testing::error_message([] { dataset_info("hopper-medium"); });
  EXPECT_THAT(message, AllOf(HasSubstr("'hopper-medium'"), HasSubstr("hopper-medium-v2"),
                             HasSubstr("iql datasets list")));
}

TEST(DatasetRegistry, TypoSuggestsTheIntendedName) {
  EXPECT_THAT(testing::error_message([] { dataset_info("walker2d-medium-expret-v2"); }),
              HasSubstr("walker2d-medium-expert-v2"));
}

}  // namespace
}  // namespace harness
