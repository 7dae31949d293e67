// The four examples of issue 32, through the real binary: each gives one clear line naming what
// the user typed and what to do, and exits 1..125.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "tests/harness/cli/bad_values.h"
#include "tests/harness/cli/iql_binary.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

// runs iql with an empty dataset cache; returns its one line of output (a test failure if more)
std::string one_line(const testing::TempDir& dir, const std::vector<std::string>& args) {
  const JobOutcome outcome = testing::run_iql(args, dir.file("iql.log"), {{"D4RL_DATASET_DIR", dir.file("cache")}});
  const std::string log = testing::read_bytes(dir.file("iql.log"));
  EXPECT_GE(outcome.exit_code, 1) << log;
  EXPECT_LE(outcome.exit_code, 125) << log;
  EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 1) << log;
  EXPECT_EQ(testing::library_text_in(log), "") << log;
  return log;
}

TEST(IssueExamples, SacStepsZeroNamesTheFlagAndAWholeNumber) {
  testing::TempDir dir;
  const std::string log = one_line(dir, {"sac", "--env", "hopper", "--steps", "0"});
  EXPECT_NE(log.find("--steps: '0' is not a whole number >= 1"), std::string::npos) << log;
}

TEST(IssueExamples, SacOutOnAFileSaysItIsAFile) {
  testing::TempDir dir;
  testing::write_bytes(dir.file("X"), "x");
  const std::string log = one_line(dir, {"sac", "--env", "hopper", "--out", dir.file("X")});
  EXPECT_NE(log.find("--out: '" + dir.file("X") + "' is a file, not a directory"), std::string::npos) << log;
}

TEST(IssueExamples, EvalOfASacSnapshotAsACheckpointSaysWhatItIs) {
  testing::TempDir dir;
  const std::string snapshot = IQL_SOURCE_DIR "/golden/regen/policies/halfcheetah-sac-seed1-step0150000.h5";
  const std::string log = one_line(dir, {"eval", "--checkpoint", snapshot});
  EXPECT_NE(log.find("this is a SAC policy snapshot, not an IQL run's checkpoint; iql eval --snapshot takes it"),
            std::string::npos) << log;
}

TEST(IssueExamples, TrainOnAMissingReplaySetGivesAdviceThatWorks) {
  testing::TempDir dir;
  const std::string log = one_line(dir, {"train", "--dataset", "hopper-medium-replay-regen", "--offline"});
  EXPECT_NE(log.find("run `iql datasets generate hopper-medium-replay-regen`: it reruns the SAC run"), std::string::npos) << log;
}

}  // namespace
}  // namespace harness
