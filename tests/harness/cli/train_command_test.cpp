// End-to-end checks of `iql train`'s command line (harness/cli/train.cpp) through the real binary.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "tests/harness/cli/iql_binary.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

namespace fs = std::filesystem;

TEST(TrainCommand, OfflineWithAMirrorIsRefusedBeforeAnyWork) {
  testing::TempDir dir;
  const std::string iql = testing::iql_binary();
  ASSERT_TRUE(fs::exists(iql)) << iql << " is missing: build the iql target (iql_cli) too";
  const JobOutcome outcome = testing::run_iql({"train", "--dataset", "hopper-medium-v2", "--offline", "--mirror",
                                               "http://127.0.0.1:9/", "--out", dir.file("run")},
                                              dir.file("train.log"), {{"D4RL_DATASET_DIR", dir.path()}});
  const std::string log = testing::read_bytes(dir.file("train.log"));
  EXPECT_NE(outcome.exit_code, 0) << log;
  // CLI11 names the pair in either order
  const bool names_both = log.find("--offline excludes --mirror") != std::string::npos ||
                          log.find("--mirror excludes --offline") != std::string::npos;
  EXPECT_TRUE(names_both) << log;
  EXPECT_FALSE(fs::exists(dir.file("run"))) << "the run started";
}

// the log of `iql ARGS` run in `dir`, its exit code first
std::pair<int, std::string> run_in(const testing::TempDir& dir, const std::vector<std::string>& args) {
  const JobOutcome outcome = testing::run_iql(args, dir.file("iql.log"), {{"D4RL_DATASET_DIR", dir.path()}});
  return {outcome.exit_code, testing::read_bytes(dir.file("iql.log"))};
}

TEST(TrainCommand, AFileWithoutDatasetOrEnvIsAskedWhatItHolds) {
  testing::TempDir dir;
  ASSERT_EQ(run_in(dir, {"datasets", "fixture", "hopper-medium-v2", "--out", dir.file("h.hdf5"), "--rows", "300"}).first, 0);
  const auto [code, log] = run_in(dir, {"train", "--file", dir.file("h.hdf5"), "--out", dir.file("run")});
  EXPECT_NE(code, 0) << log;
  EXPECT_NE(log.find("--file: say what the file holds: --dataset NAME"), std::string::npos) << log;
}

// before, it exited 130 saying "run the same command with --resume", which did the same again
TEST(TrainCommand, AResumeWhoseCheckpointIsPastStopAtSaysSoAndEndsWell) {
  testing::TempDir dir;
  ASSERT_EQ(run_in(dir, {"datasets", "fixture", "hopper-medium-v2", "--out", dir.file("h.hdf5"), "--rows", "3000"}).first, 0);
  const std::vector<std::string> run = {"train", "--file", dir.file("h.hdf5"), "--dataset", "hopper-medium-v2",
                                        "--hidden-dim", "16", "--batch-size", "16", "--steps", "40", "--eval-interval",
                                        "20", "--eval-episodes", "1", "--threads", "1", "--out", dir.file("run")};
  std::vector<std::string> first = run, again = run;
  first.insert(first.end(), {"--stop-at", "30"});
  again.insert(again.end(), {"--resume", "--stop-at", "10"});
  ASSERT_EQ(run_in(dir, first).first, 0);
  const auto [code, log] = run_in(dir, again);
  EXPECT_EQ(code, 0) << log;
  EXPECT_NE(log.find("is at step 30, past --stop-at 10: nothing to do"), std::string::npos) << log;
}

}  // namespace
}  // namespace harness
