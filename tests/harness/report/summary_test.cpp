// Tests for harness/report/summary.cpp: per-dataset and per-suite numbers and golden checks.
#include <gtest/gtest.h>

#include <cmath>

#include "harness/report/summary.h"
#include "tests/harness/report/fake_runs.h"

namespace harness {
namespace {

using testing::FakeRun;
using testing::TempDir;
using testing::write_fake_run;

std::vector<GoldenRow> two_row_golden() {
  return {{"hopper-medium-v2", "locomotion", 66.3, 5.7, 67.53, 80.46},
          {"walker2d-medium-v2", "locomotion", 78.3, 8.7, 80.91, 87.58},
          {"antmaze-umaze-v2", "antmaze", 87.5, 2.6, 77.0, 84.0}};
}

class SummaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_fake_run(dir.path(), {.dataset = "hopper-medium-v2", .seed = 0, .final_score = 60});
    write_fake_run(dir.path(), {.dataset = "hopper-medium-v2", .seed = 1, .final_score = 70});
    write_fake_run(dir.path(), {.dataset = "hopper-medium-v2", .seed = 2, .finished = false});
    write_fake_run(dir.path(), {.dataset = "antmaze-umaze-v2", .seed = 0, .final_score = 10});
    write_fake_run(dir.path(), {.dataset = "custom-v2", .seed = 0, .final_score = 33});
    runs = collect_runs(dir.path());
    summary = summarize(runs, two_row_golden(), ToleranceRule{}, BootstrapOptions{});
  }
  const DatasetSummary& dataset(const std::string& name) {
    for (const DatasetSummary& d : summary.datasets) {
      if (d.dataset == name) return d;
    }
    throw std::runtime_error("no row " + name);
  }

  TempDir dir;
  std::vector<RunRecord> runs;
  Summary summary;
};

TEST_F(SummaryTest, AveragesFinishedSeedsOnly) {
  const DatasetSummary& hopper = dataset("hopper-medium-v2");
  EXPECT_EQ(hopper.seeds, 2);
  EXPECT_EQ(hopper.incomplete, 1);
  EXPECT_DOUBLE_EQ(hopper.mean, 65.0);
  EXPECT_DOUBLE_EQ(hopper.std, std::sqrt(50.0));
  ASSERT_EQ(summary.incomplete.size(), 1u);
  EXPECT_EQ(summary.incomplete[0]->seed, 2);
}

TEST_F(SummaryTest, ListsGoldenOrderThenDatasetsOnlyWeRan) {
  std::vector<std::string> names;
  for (const DatasetSummary& d : summary.datasets) names.push_back(d.dataset);
  EXPECT_EQ(names, (std::vector<std::string>{"hopper-medium-v2", "walker2d-medium-v2", "antmaze-umaze-v2", "custom-v2"}));
}

TEST_F(SummaryTest, ChecksEachDatasetAgainstThePaper) {
  EXPECT_EQ(dataset("hopper-medium-v2").check.status, CheckStatus::pass);  // |65 - 66.3| <= 11.4
  EXPECT_DOUBLE_EQ(dataset("hopper-medium-v2").check.tolerance, 11.4);
  EXPECT_EQ(dataset("walker2d-medium-v2").check.status, CheckStatus::no_runs);
  EXPECT_EQ(dataset("antmaze-umaze-v2").check.status, CheckStatus::fail);  // |10 - 87.5| > 5.2
  EXPECT_EQ(dataset("custom-v2").check.status, CheckStatus::no_golden);
  EXPECT_EQ(count_failures(summary), 1);
}

TEST_F(SummaryTest, SuiteTotalsCoverThePaperDatasetsWithRuns) {
  ASSERT_GE(summary.suites.size(), 2u);
  const SuiteSummary& locomotion = summary.suites[0];
  EXPECT_EQ(locomotion.suite, "locomotion");
  EXPECT_EQ(locomotion.datasets_with_runs, 2);  // hopper and custom
  EXPECT_EQ(locomotion.datasets_in_golden, 2);  // hopper and walker2d
  EXPECT_EQ(locomotion.runs, 3);
  EXPECT_DOUBLE_EQ(locomotion.total, 65.0);        // custom has no paper mean to set beside it
  EXPECT_DOUBLE_EQ(locomotion.paper_total, 66.3);  // only hopper has both
  ASSERT_TRUE(locomotion.iqm.has_value());
  EXPECT_DOUBLE_EQ(*locomotion.iqm, 163.0 / 3);  // {33, 60, 70}: n = 3 trims nothing
  EXPECT_LE(locomotion.iqm_ci.lo, *locomotion.iqm);
  EXPECT_GE(locomotion.iqm_ci.hi, *locomotion.iqm);
}

TEST_F(SummaryTest, OneRunSuiteHasAPointInterval) {
  const SuiteSummary& antmaze = summary.suites[1];
  EXPECT_EQ(antmaze.suite, "antmaze");
  EXPECT_EQ(*antmaze.iqm, 10.0);
  EXPECT_EQ(antmaze.iqm_ci.lo, 10.0);
  EXPECT_EQ(antmaze.iqm_ci.hi, 10.0);
}

}  // namespace
}  // namespace harness
