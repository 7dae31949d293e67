// End-to-end test of `iql reproduce` (harness/cli/reproduce.cpp), the pipeline behind
// `make reproduce SUITE=regen`, at test size: golden/reproduce-ci/'s manifest (a policy set, a replay
// set whose SAC run is rerun from its command line, an AntMaze set) and grid (two seeds of IQL and BC,
// tiny networks), from an empty cache to the report, every dataset's digest and every run's score
// checked exactly; run again, it has nothing left to do.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/harness/cli/iql_binary.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {
namespace fs = std::filesystem;

const std::string kGolden = std::string(IQL_SOURCE_DIR) + "/golden/reproduce-ci/";

size_t count_of(const std::string& text, const std::string& word) {
  size_t n = 0;
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++n;
  return n;
}

class ReproduceCommandTest : public ::testing::Test {
 protected:
  // `iql reproduce` on the test-size grid into OUT, with an empty dataset cache; returns its output
  std::string reproduce(const std::string& log_name) {
    const std::string log = dir_.file(log_name);
    const JobOutcome j = testing::run_iql(
        {"reproduce", "--grid", kGolden + "grid.toml", "--manifest", kGolden + "manifest.toml", "--out",
         dir_.file("out"), "--steps", "20", "--jobs", "2", "--exact-golden", kGolden + "exact.csv"},
        log, {{"D4RL_DATASET_DIR", dir_.file("cache")}});
    EXPECT_EQ(j.exit_code, 0) << testing::read_bytes(log);
    return testing::read_bytes(log);
  }

  testing::TempDir dir_;
};

TEST_F(ReproduceCommandTest, MakesEveryDatasetTrainsIqlAndBcSeedBySeedAndMatchesTheExactGolden) {
  const std::string first = reproduce("first.log");
  EXPECT_NE(first.find("datasets (3): 0 cached, 3 to make"), std::string::npos) << first;
  EXPECT_NE(first.find("runs (12, in " + dir_.file("out") + "/runs and runs-bc): 12 to start"), std::string::npos) << first;
  EXPECT_NE(first.find("estimated compute:"), std::string::npos) << first;
  EXPECT_NE(first.find("ETA"), std::string::npos) << first;
  // a line as each job ends (in the order they end: the start order is pipeline_plan_test's)
  EXPECT_EQ(count_of(first, "] dataset "), 3u) << first;
  EXPECT_EQ(count_of(first, "] iql "), 6u) << first;
  EXPECT_EQ(count_of(first, "] bc "), 6u) << first;
  // the replay set's SAC run was rerun here, and every digest matched the manifest
  const std::string replay_log = testing::read_bytes(dir_.file("out/datasets/hopper-medium-replay-regen.log"));
  EXPECT_NE(replay_log.find("rerunning `iql sac --env hopper --seed 0"), std::string::npos) << replay_log;
  for (const char* name : {"hopper-medium-regen", "hopper-medium-replay-regen", "antmaze-umaze-regen"}) {
    const std::string log = testing::read_bytes(dir_.file("out/datasets/" + std::string(name) + ".log"));
    EXPECT_NE(log.find("matches the manifest"), std::string::npos) << name << ":\n" << log;
  }
  EXPECT_EQ(count_of(first, "SAME"), 12u) << first;
  EXPECT_EQ(count_of(first, "DIFFERS"), 0u) << first;
  EXPECT_TRUE(fs::exists(dir_.file("out/report.md")));
}

TEST_F(ReproduceCommandTest, RunAgainItFindsEverythingMadeAndFinished) {
  reproduce("first.log");
  const std::string again = reproduce("again.log");
  EXPECT_NE(again.find("datasets (3): 3 cached, 0 to make"), std::string::npos) << again;
  EXPECT_NE(again.find("0 to start, 0 to resume, 12 finished"), std::string::npos) << again;
  EXPECT_EQ(count_of(again, "SAME"), 12u) << again;
}

}  // namespace
}  // namespace harness
