// End-to-end checks of `iql train`'s command line (harness/cli/train.cpp) through the real binary.
#include <gtest/gtest.h>

#include <filesystem>

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

}  // namespace
}  // namespace harness
