// End-to-end checks of `iql report` (harness/cli/report.cpp) through the real binary: --bc brings
// BC's runs into the tables, runs filed under the other method's directory are one error line, and a
// recorded exact golden names the builds of the runs it holds.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/harness/cli/iql_binary.h"
#include "tests/harness/data/test_support.h"
#include "tests/harness/report/fake_runs.h"

namespace harness {
namespace {

using testing::read_bytes;
using testing::TempDir;
using testing::write_fake_run;

class ReportCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_fake_run(dir.file("runs"), {.seed = 0, .final_score = 62, .curve = {{100, 30}, {200, 62}}});
    write_fake_run(dir.file("runs"), {.seed = 1, .final_score = 68, .curve = {{100, 40}, {200, 68}}});
    write_fake_run(dir.file("runs-bc"), {.seed = 0, .final_score = 50, .curve = {{100, 20}, {200, 50}},
                                         .config = testing::kBcConfig});
  }

  // runs `iql report IQL_RUNS --bc BC_RUNS [extra...]`; returns its exit code, its output in dir/iql.log
  int report(const std::string& iql_runs, const std::string& bc_runs, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"report", dir.file(iql_runs), "--bc", dir.file(bc_runs), "--out", dir.file("report"),
                                     "--golden", std::string(IQL_SOURCE_DIR) + "/golden/paper.csv"};
    args.insert(args.end(), extra.begin(), extra.end());
    return testing::run_iql(args, dir.file("iql.log")).exit_code;
  }

  TempDir dir;
};

TEST_F(ReportCommandTest, BcRunsJoinTheTableBesideIqlsAndTheGoldenCheckStaysIqls) {
  ASSERT_EQ(report("runs", "runs-bc"), 0) << read_bytes(dir.file("iql.log"));
  const std::string log = read_bytes(dir.file("iql.log"));
  EXPECT_NE(log.find("| hopper-medium-v2 | 65.0 ± 4.2 | 2 | 50.0 ± – | 1 | 66.3 ± 5.7 |"), std::string::npos) << log;
  EXPECT_NE(log.find("PASS  hopper-medium-v2: ours 65.0 (2 seeds)"), std::string::npos) << log;
  EXPECT_NE(read_bytes(dir.file("report/report.md")).find("| BC (ours): mean ± std over 1 seed | BC seeds |"),
            std::string::npos);
}

TEST_F(ReportCommandTest, SwappedDirectoriesAreOneErrorLineNamingTheRunAndTheFix) {
  ASSERT_NE(report("runs-bc", "runs"), 0);
  const std::string log = read_bytes(dir.file("iql.log"));
  EXPECT_EQ(log.rfind("error: ", 0), 0u) << log;
  EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 1) << log;
  EXPECT_NE(log.find(dir.file("runs-bc/hopper-medium-v2/seed0") + ": trained as BC"), std::string::npos) << log;
  EXPECT_NE(log.find("keep each method in its own directory"), std::string::npos) << log;
}

// a run still training has no build on record: the golden names only the builds of the runs it holds
TEST_F(ReportCommandTest, ARecordedGoldenNamesTheBuildsOfItsFinishedRunsOnly) {
  write_fake_run(dir.file("runs"), {.dataset = "walker2d-medium-v2", .seed = 0, .write_record = false,
                                    .curve = {{100, 10}}});
  ASSERT_EQ(report("runs", "runs-bc", {"--record-exact-golden", dir.file("golden.csv")}), 0)
      << read_bytes(dir.file("iql.log"));
  const std::string golden = read_bytes(dir.file("golden.csv"));
  size_t builds = 0;
  for (size_t at = golden.find("# runs made by: "); at != std::string::npos; at = golden.find("# runs made by: ", at + 1))
    ++builds;
  EXPECT_EQ(builds, 1u) << golden;
  EXPECT_NE(golden.find("# runs made by: iql fakecommit, GCC, OpenBLAS Haswell\n"), std::string::npos) << golden;
  EXPECT_EQ(golden.find("walker2d-medium-v2"), std::string::npos) << golden;
}

}  // namespace
}  // namespace harness
