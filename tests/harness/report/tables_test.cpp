// Tests for harness/report/tables.cpp: the markdown and CSV a summary turns into.
#include <gtest/gtest.h>

#include "harness/report/tables.h"
#include "tests/harness/report/fake_runs.h"

namespace harness {
namespace {

using testing::TempDir;
using testing::write_fake_run;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class TablesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_fake_run(dir.path(), {.seed = 0, .final_score = 60});
    write_fake_run(dir.path(), {.seed = 1, .final_score = 70});
    write_fake_run(dir.path(), {.seed = 2, .finished = false});
    runs = collect_runs(dir.path());
    const std::vector<GoldenRow> golden = {{"hopper-medium-v2", "locomotion", 66.3, 5.7, 67.53, 80.46},
                                           {"antmaze-umaze-v2", "antmaze", 87.5, 2.6, 77.0, 84.0}};
    summary = summarize(runs, golden, ToleranceRule{}, BootstrapOptions{});
  }

  TempDir dir;
  std::vector<RunRecord> runs;
  Summary summary;
};

TEST_F(TablesTest, MarkdownHeaderSaysWhichNumberItShows) {
  const std::string table = markdown_scores_table(summary);
  EXPECT_TRUE(contains(table, "| ours: final score, D4RL-normalised x100, mean ± std over 2 seeds |")) << table;
}

TEST_F(TablesTest, MarkdownRowsSitBesideThePublishedNumbers) {
  const std::string table = markdown_scores_table(summary);
  EXPECT_TRUE(contains(table, "| hopper-medium-v2 | 65.0 ± 7.1 | 2 | 66.3 ± 5.7 | 67.53 | 80.46 | pass |\n")) << table;
}

TEST_F(TablesTest, PaperDatasetsWithoutRunsAreOneLineNotRows) {
  EXPECT_FALSE(contains(markdown_scores_table(summary), "antmaze-umaze-v2")) << markdown_scores_table(summary);
  EXPECT_EQ(not_run_text(summary), "not run: 1 of the 2 paper datasets (antmaze-umaze-v2)");
}

TEST_F(TablesTest, NotRunTextIsEmptyWhenEveryPaperDatasetRan) {
  const Summary all = summarize(runs, {{"hopper-medium-v2", "locomotion", 66.3, 5.7, 67.53, 80.46}}, ToleranceRule{},
                                BootstrapOptions{});
  EXPECT_EQ(not_run_text(all), "");
}

TEST_F(TablesTest, DatasetWithOnlyUnfinishedRunsIsARow) {
  write_fake_run(dir.path(), {.dataset = "antmaze-umaze-v2", .finished = false});
  runs = collect_runs(dir.path());
  summary = summarize(runs, {{"antmaze-umaze-v2", "antmaze", 87.5, 2.6, 77.0, 84.0}}, ToleranceRule{},
                      BootstrapOptions{});
  EXPECT_TRUE(contains(markdown_scores_table(summary), "| antmaze-umaze-v2 | no finished runs | 0 | 87.5 ± 2.6 |"))
      << markdown_scores_table(summary);
  EXPECT_EQ(not_run_text(summary), "");
}

TEST_F(TablesTest, SuitesTableShowsTotalsAndIqmOfSuitesWithRuns) {
  const std::string table = markdown_suites_table(summary);
  EXPECT_TRUE(contains(table, "| locomotion | 1 of 1 paper | 2 | 65.0 | 66.3 | 65.0 [")) << table;
  EXPECT_FALSE(contains(table, "| antmaze |")) << table;
}

// runs on none of the paper's datasets (regenerated ones): no totals to set beside the paper's
TEST_F(TablesTest, SuitesTableWithoutRunsOnPaperDatasetsHasNoTotals) {
  write_fake_run(dir.path(), {.dataset = "hopper-random-demo", .final_score = 5});
  runs = collect_runs(dir.path());
  summary = summarize(runs, {{"walker2d-medium-v2", "locomotion", 78.3, 8.7, 80.91, 87.58}}, ToleranceRule{},
                      BootstrapOptions{});
  const std::string table = markdown_suites_table(summary);
  EXPECT_TRUE(contains(table, "| suite | datasets with runs | runs | IQM of all runs [95% CI] |\n")) << table;
  EXPECT_TRUE(contains(table, "| locomotion | 2 | 3 | ")) << table;
  EXPECT_FALSE(runs_on_paper_datasets(summary));
  EXPECT_EQ(not_run_text(summary), "");
  EXPECT_TRUE(contains(golden_check_text(summary), "Nothing to check against the paper")) << golden_check_text(summary);
}

TEST_F(TablesTest, CsvHasOneRowPerDatasetWithEmptyFieldsForMissingNumbers) {
  const std::string csv = scores_csv(summary);
  EXPECT_EQ(csv,
            "dataset,suite,seeds,incomplete,mean,std,paper_mean,paper_std,corl_last,corl_best,tolerance,check,"
            "bc_seeds,bc_mean,bc_std,behaviour_mean,behaviour_std\n"
            "hopper-medium-v2,locomotion,2,1,65.000,7.071,66.300,5.700,67.530,80.460,11.400,pass,0,,,,\n"
            "antmaze-umaze-v2,antmaze,0,0,,,87.500,2.600,77.000,84.000,5.200,no runs,0,,,,\n");
}

TEST_F(TablesTest, WithoutBcRunsOrBehaviourScoresThereAreNoComparisonColumnsOrNote) {
  const std::string table = markdown_scores_table(summary);
  EXPECT_FALSE(contains(table, "BC")) << table;
  EXPECT_FALSE(contains(table, "behaviour")) << table;
  EXPECT_EQ(methods_note(summary), "");
}

RegenEntry behaviour_entry(const std::string& name, double mean, double std) {
  RegenEntry e;
  e.name = name;
  e.behaviour_score = mean;
  e.behaviour_score_std = std;
  e.behaviour_episodes = 100;
  return e;
}

// IQL, BC and the behaviour policy side by side: BC runs from another directory, joined by dataset
class ComparisonTablesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_fake_run(dir.file("iql"), {.seed = 0, .final_score = 60});
    write_fake_run(dir.file("iql"), {.seed = 1, .final_score = 70});
    write_fake_run(dir.file("iql"), {.dataset = "hopper-medium-regen", .final_score = 55});
    write_fake_run(dir.file("bc"), {.seed = 0, .final_score = 50, .config = testing::kBcConfig});
    write_fake_run(dir.file("bc"), {.seed = 1, .final_score = 54, .config = testing::kBcConfig});
    write_fake_run(dir.file("bc"), {.dataset = "walker2d-medium-v2", .final_score = 70, .config = testing::kBcConfig});
    runs = join_runs(collect_method_runs(dir.file("iql"), kIqlMethod), collect_method_runs(dir.file("bc"), kBcMethod));
    const std::vector<GoldenRow> golden = {{"hopper-medium-v2", "locomotion", 66.3, 5.7, 67.53, 80.46},
                                           {"walker2d-medium-v2", "locomotion", 78.3, 8.7, 80.91, 87.58}};
    summary = summarize(runs, golden, ToleranceRule{}, BootstrapOptions{},
                        {behaviour_entry("hopper-medium-regen", 57.79, 14.8)});
  }

  TempDir dir;
  std::vector<RunRecord> runs;
  Summary summary;
};

TEST_F(ComparisonTablesTest, MarkdownSetsIqlBcAndTheBehaviourPolicyBesideThePublishedNumbers) {
  EXPECT_EQ(markdown_scores_table(summary),
            "| dataset | IQL (ours): final score, D4RL-normalised x100, mean ± std over N seeds (column IQL seeds) "
            "| IQL seeds | BC (ours): mean ± std over N seeds (column BC seeds) | BC seeds "
            "| behaviour policy: mean ± std over 100 episodes | paper (IQL Table 1) | CORL last | CORL best | check |\n"
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
            "| hopper-medium-v2 | 65.0 ± 7.1 | 2 | 52.0 ± 2.8 | 2 | – | 66.3 ± 5.7 | 67.53 | 80.46 | pass |\n"
            "| walker2d-medium-v2 | – | 0 | 70.0 ± – | 1 | – | 78.3 ± 8.7 | 80.91 | 87.58 | no runs |\n"
            "| hopper-medium-regen | 55.0 ± – | 1 | – | 0 | 57.8 ± 14.8 | – | – | – | no golden |\n");
  EXPECT_TRUE(contains(methods_note(summary), "temperature 0")) << methods_note(summary);
}

TEST_F(ComparisonTablesTest, CsvGivesBcAndTheBehaviourPolicyTheirOwnColumns) {
  EXPECT_EQ(scores_csv(summary),
            "dataset,suite,seeds,incomplete,mean,std,paper_mean,paper_std,corl_last,corl_best,tolerance,check,"
            "bc_seeds,bc_mean,bc_std,behaviour_mean,behaviour_std\n"
            "hopper-medium-v2,locomotion,2,0,65.000,7.071,66.300,5.700,67.530,80.460,11.400,pass,2,52.000,2.828,,\n"
            "walker2d-medium-v2,locomotion,0,0,,,78.300,8.700,80.910,87.580,17.400,no runs,1,70.000,,,\n"
            "hopper-medium-regen,locomotion,1,0,55.000,,,,,,,no golden,0,,,57.790,14.800\n");
}

TEST_F(ComparisonTablesTest, SuitesTableAndGoldenCheckAreIqlsAlone) {
  EXPECT_TRUE(contains(markdown_suites_table(summary), "| locomotion | 1 of 2 paper, 1 other | 3 | 65.0 | 66.3 |"))
      << markdown_suites_table(summary);
  EXPECT_TRUE(contains(golden_check_text(summary), "PASS  hopper-medium-v2: ours 65.0 (2 seeds)"))
      << golden_check_text(summary);
  EXPECT_EQ(count_failures(summary), 0);
}

// make run's table: a regenerated set with its behaviour score and no BC runs gets no BC columns
TEST(BehaviourOnlyTable, ShowsTheBehaviourPolicyBesideIqlWithoutEmptyBcColumns) {
  TempDir dir;
  write_fake_run(dir.file("iql"), {.dataset = "hopper-medium-regen", .final_score = 55});
  const std::vector<RunRecord> runs = collect_method_runs(dir.file("iql"), kIqlMethod);
  const Summary summary = summarize(runs, {}, ToleranceRule{}, BootstrapOptions{},
                                    {behaviour_entry("hopper-medium-regen", 57.79, 14.8)});
  EXPECT_EQ(markdown_scores_table(summary),
            "| dataset | IQL (ours): final score, D4RL-normalised x100, mean ± std over 1 seed | IQL seeds "
            "| behaviour policy: mean ± std over 100 episodes |\n"
            "|---|---:|---:|---:|\n"
            "| hopper-medium-regen | 55.0 ± – | 1 | 57.8 ± 14.8 |\n");
  EXPECT_FALSE(contains(methods_note(summary), "BC")) << methods_note(summary);
  EXPECT_TRUE(contains(methods_note(summary), "collected the regenerated dataset")) << methods_note(summary);
}

TEST_F(TablesTest, SuitesCsvLeavesTotalsAndIqmEmptyWithoutRuns) {
  const std::string csv = suites_csv(summary);
  EXPECT_TRUE(contains(csv, "suite,datasets,runs,total,paper_total,iqm,iqm_ci_lo,iqm_ci_hi\n"));
  EXPECT_TRUE(contains(csv, "\nlocomotion,1,2,65.000,66.300,65.000,")) << csv;
  EXPECT_TRUE(contains(csv, "\nantmaze,0,0,,,,,\n")) << csv;
}

TEST_F(TablesTest, GoldenCheckStatesTheRuleAndOneLinePerDataset) {
  const std::string text = golden_check_text(summary);
  EXPECT_TRUE(contains(text, "pass when |ours - paper| <= max(2.0 x paper std, 5.0) points")) << text;
  EXPECT_TRUE(contains(text, "PASS  hopper-medium-v2: ours 65.0 (2 seeds) vs paper 66.3: |diff| 1.3 <= 11.4\n")) << text;
  EXPECT_TRUE(contains(text, "\n    ----  not run: 1 of the 2 paper datasets (antmaze-umaze-v2)\n")) << text;
  EXPECT_FALSE(contains(text, "antmaze-umaze-v2: ")) << "a dataset without runs has no check line:\n" << text;
}

TEST_F(TablesTest, IncompleteRunsAreListedWithTheReason) {
  const std::string text = incomplete_runs_text(summary);
  EXPECT_TRUE(contains(text, "hopper-medium-v2/seed2: finished = false")) << text;
}

}  // namespace
}  // namespace harness
