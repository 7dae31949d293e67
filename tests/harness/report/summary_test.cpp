// Tests for harness/report/summary.cpp: per-dataset and per-suite numbers and golden checks, IQL's
// apart from BC's, and which behaviour score a dataset gets.
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
  EXPECT_EQ(hopper.iql.seeds, 2);
  EXPECT_EQ(hopper.iql.incomplete, 1);
  EXPECT_DOUBLE_EQ(hopper.iql.mean, 65.0);
  EXPECT_DOUBLE_EQ(hopper.iql.std, std::sqrt(50.0));
  EXPECT_EQ(hopper.bc.seeds, 0);
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

// BC runs are summarised beside IQL's and never counted in IQL's means, totals, IQM or check
TEST_F(SummaryTest, BcRunsNeverCountInIqlsNumbers) {
  write_fake_run(dir.path(), {.dataset = "hopper-medium-v2", .seed = 7, .final_score = 20, .config = testing::kBcConfig});
  write_fake_run(dir.path(), {.dataset = "hopper-medium-v2", .seed = 8, .final_score = 30, .config = testing::kBcConfig});
  write_fake_run(dir.path(), {.dataset = "walker2d-medium-v2", .final_score = 40, .config = testing::kBcConfig});
  runs = collect_runs(dir.path());
  summary = summarize(runs, two_row_golden(), ToleranceRule{}, BootstrapOptions{});
  const DatasetSummary& hopper = dataset("hopper-medium-v2");
  EXPECT_EQ(hopper.iql.seeds, 2);
  EXPECT_DOUBLE_EQ(hopper.iql.mean, 65.0);
  EXPECT_EQ(hopper.bc.seeds, 2);
  EXPECT_DOUBLE_EQ(hopper.bc.mean, 25.0);
  EXPECT_DOUBLE_EQ(hopper.bc.std, std::sqrt(50.0));
  EXPECT_EQ(hopper.check.status, CheckStatus::pass);
  EXPECT_DOUBLE_EQ(hopper.check.ours, 65.0);
  const DatasetSummary& walker = dataset("walker2d-medium-v2");
  EXPECT_EQ(walker.bc.seeds, 1);
  EXPECT_EQ(walker.check.status, CheckStatus::no_runs) << "BC alone is not checked against IQL's paper numbers";
  const SuiteSummary& locomotion = summary.suites[0];
  EXPECT_EQ(locomotion.runs, 3);
  EXPECT_DOUBLE_EQ(locomotion.total, 65.0);
  EXPECT_DOUBLE_EQ(*locomotion.iqm, 163.0 / 3);
}

RegenEntry entry(const std::string& name, double score, int episodes = 100) {
  RegenEntry e;
  e.name = name;
  e.behaviour_score = score;
  e.behaviour_score_std = 5;
  e.behaviour_episodes = episodes;
  return e;
}

TEST_F(SummaryTest, TakesTheBehaviourScoreFromTheManifest) {
  summary = summarize(runs, two_row_golden(), ToleranceRule{}, BootstrapOptions{}, {entry("custom-v2", 12.5, 100)});
  ASSERT_TRUE(dataset("custom-v2").behaviour.has_value());
  EXPECT_DOUBLE_EQ(dataset("custom-v2").behaviour->mean, 12.5);
  EXPECT_DOUBLE_EQ(dataset("custom-v2").behaviour->std, 5);
  EXPECT_EQ(dataset("custom-v2").behaviour->episodes, 100);
  EXPECT_FALSE(dataset("hopper-medium-v2").behaviour.has_value());
}

TEST(BehaviourOf, MatchesTheEntryOrTheLongestOneTheNameExtends) {
  const std::vector<RegenEntry> manifest = {entry("hopper-medium-regen", 57.8), entry("hopper-medium-replay-regen", 20),
                                            entry("hopper-medium-expert-regen", 80)};
  EXPECT_EQ(behaviour_of(manifest, "hopper-medium-regen")->behaviour_score, 57.8);
  EXPECT_EQ(behaviour_of(manifest, "hopper-medium-regen-demo")->behaviour_score, 57.8);
  EXPECT_EQ(behaviour_of(manifest, "hopper-medium-expert-regen")->behaviour_score, 80);
  EXPECT_EQ(behaviour_of(manifest, "hopper-medium-v2"), nullptr);
  EXPECT_EQ(behaviour_of(manifest, "hopper-medium-regenerated"), nullptr) << "only a '-' extends a name";
}

// a replay or medium-expert entry records 0 episodes: its 0 is no score, and no shorter name stands in
TEST(BehaviourOf, AnEntryWithoutBehaviourEpisodesHasNoScore) {
  const std::vector<RegenEntry> manifest = {entry("hopper-medium-regen", 57.8), entry("hopper-medium-regen-x", 0, 0)};
  EXPECT_EQ(behaviour_of(manifest, "hopper-medium-regen-x"), nullptr);
  EXPECT_EQ(behaviour_of(manifest, "hopper-medium-regen-x-demo"), nullptr);
}

}  // namespace
}  // namespace harness
