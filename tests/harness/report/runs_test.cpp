// Tests for harness/report/runs.cpp: reading a RUNS_DIR written by the test itself.
#include <gtest/gtest.h>

#include <cmath>

#include "autodiff/error.h"
#include "harness/report/runs.h"
#include "tests/harness/report/fake_runs.h"

namespace harness {
namespace {

using testing::FakeRun;
using testing::TempDir;
using testing::write_fake_run;

const std::vector<CurvePoint> kCurve = {{100, 10}, {200, 40}};

TEST(CollectRuns, ReadsFinishedAndIncompleteRunsInSeedOrder) {
  TempDir dir;
  write_fake_run(dir.path(), {.seed = 10, .final_score = 1, .finished = false, .curve = kCurve});
  write_fake_run(dir.path(), {.seed = 0, .final_score = 60, .curve = kCurve});
  write_fake_run(dir.path(), {.seed = 2, .write_record = false, .curve = kCurve});
  write_fake_run(dir.path(), {.seed = 1, .final_score = 70, .curve = kCurve});
  const std::vector<RunRecord> runs = collect_runs(dir.path());
  ASSERT_EQ(runs.size(), 4u);
  std::vector<int64_t> seeds;
  for (const RunRecord& r : runs) seeds.push_back(r.seed);
  EXPECT_EQ(seeds, (std::vector<int64_t>{0, 1, 2, 10}));  // numeric, not "seed10" < "seed2"
  EXPECT_TRUE(runs[0].finished);
  EXPECT_EQ(runs[0].final_score, 60);
  EXPECT_EQ(runs[0].suite, "locomotion");
  EXPECT_FALSE(runs[2].finished);
  EXPECT_NE(runs[2].why_incomplete.find("no run.json"), std::string::npos) << runs[2].why_incomplete;
  EXPECT_FALSE(runs[3].finished);
  EXPECT_NE(runs[3].why_incomplete.find("finished = false"), std::string::npos) << runs[3].why_incomplete;
}

TEST(CollectRuns, ListsAFinishedRunWithANanScoreAsIncomplete) {
  TempDir dir;
  write_fake_run(dir.path(), {.final_score = std::nan("")});
  const std::vector<RunRecord> runs = collect_runs(dir.path());
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_FALSE(runs[0].finished);
  EXPECT_NE(runs[0].why_incomplete.find("not a number"), std::string::npos) << runs[0].why_incomplete;
}

TEST(CollectRuns, ListsADivergedRunAsSuchAndNeverAsFinished) {
  TempDir dir;
  write_fake_run(dir.path(), {.seed = 0, .final_score = 12, .finished = true, .diverged_at = 345});
  const std::vector<RunRecord> runs = collect_runs(dir.path());
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_FALSE(runs[0].finished);
  EXPECT_NE(runs[0].why_incomplete.find("diverged at update 345"), std::string::npos) << runs[0].why_incomplete;
}

TEST(CollectRuns, ReadsOnlyEvaluationLinesIntoTheCurve) {
  TempDir dir;
  write_fake_run(dir.path(), {.curve = kCurve});  // a loss-only line precedes each evaluation
  const std::vector<RunRecord> runs = collect_runs(dir.path());
  ASSERT_EQ(runs.size(), 1u);
  ASSERT_EQ(runs[0].curve.size(), 2u);
  EXPECT_EQ(runs[0].curve[1].step, 200);
  EXPECT_EQ(runs[0].curve[1].score, 40);
}

TEST(CollectRuns, SkipsDirectoriesThatAreNotRuns) {
  TempDir dir;
  write_fake_run(dir.path(), {.dataset = "antmaze-umaze-v2"});
  std::filesystem::create_directories(dir.file("report/curves"));
  std::filesystem::create_directories(dir.file("antmaze-umaze-v2/seedling"));
  std::ofstream(dir.file("notes.txt")) << "not a run\n";
  const std::vector<RunRecord> runs = collect_runs(dir.path());
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].suite, "antmaze");
}

TEST(CollectRuns, RejectsARunFiledUnderAnotherDataset) {
  TempDir dir;
  const std::string run_dir = write_fake_run(dir.path(), {.dataset = "hopper-medium-v2"});
  std::filesystem::create_directories(dir.file("walker2d-medium-v2"));
  std::filesystem::rename(run_dir, dir.file("walker2d-medium-v2/seed0"));
  try {
    collect_runs(dir.path());
    FAIL() << "no error for a misfiled run";
  } catch (const autodiff::Error& e) {
    EXPECT_NE(std::string(e.what()).find("walker2d-medium-v2/seed0/run.json"), std::string::npos) << e.what();
  }
}

TEST(CollectRuns, ReadsTheMethodOfARunStillTrainingFromItsConfigToml) {
  TempDir dir;
  write_fake_run(dir.path(), {.seed = 0, .write_record = false, .config = testing::kBcConfig});
  write_fake_run(dir.path(), {.seed = 1, .write_record = false, .config = "temperature = 3\n"});
  const std::vector<RunRecord> runs = collect_runs(dir.path());
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].method, kBcMethod);
  EXPECT_EQ(runs[1].method, kIqlMethod);
  EXPECT_FALSE(runs[0].finished);
}

// what `iql report` says about a run filed with the other method's runs: which run, and the fix
void expect_method_error(const std::string& runs_dir, const std::string& method, const std::string& run_dir,
                         const std::string& trained_as) {
  try {
    collect_method_runs(runs_dir, method);
    FAIL() << "no error for a " << trained_as << " run among the " << method << " runs";
  } catch (const autodiff::Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(run_dir + ": trained as " + trained_as), std::string::npos) << what;
    EXPECT_NE(what.find("holds the " + method + " runs"), std::string::npos) << what;
    EXPECT_NE(what.find("keep each method in its own directory"), std::string::npos) << what;
    EXPECT_NE(what.find("--bc"), std::string::npos) << what;
  }
}

TEST(CollectMethodRuns, RefusesABcRunAmongIqlRunsAndTheOtherWayRound) {
  TempDir dir;
  write_fake_run(dir.file("iql"), {.seed = 0});
  const std::string bc_in_iql = write_fake_run(dir.file("iql"), {.seed = 1, .config = testing::kBcConfig});
  expect_method_error(dir.file("iql"), kIqlMethod, bc_in_iql, kBcMethod);
  write_fake_run(dir.file("bc"), {.seed = 0, .config = testing::kBcConfig});
  const std::string iql_in_bc = write_fake_run(dir.file("bc"), {.seed = 1, .config = "temperature = 3\n"});
  expect_method_error(dir.file("bc"), kBcMethod, iql_in_bc, kIqlMethod);
}

TEST(CollectMethodRuns, RefusesABcRunStillTrainingAmongIqlRuns) {
  TempDir dir;
  const std::string training = write_fake_run(dir.path(), {.write_record = false, .config = testing::kBcConfig});
  expect_method_error(dir.path(), kIqlMethod, training, kBcMethod);
}

TEST(CollectMethodRuns, ReadsADirectoryOfOneMethod) {
  TempDir dir;
  write_fake_run(dir.path(), {.seed = 0, .config = testing::kBcConfig});
  write_fake_run(dir.path(), {.seed = 1, .write_record = false, .config = testing::kBcConfig});
  EXPECT_EQ(collect_method_runs(dir.path(), kBcMethod).size(), 2u);
}

TEST(CollectRuns, MissingDirectoryNamesIt) {
  try {
    collect_runs("/nonexistent/runs");
    FAIL() << "no error";
  } catch (const autodiff::Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/runs"), std::string::npos);
  }
}

TEST(GroupByDataset, SplitsFinishedFromIncomplete) {
  TempDir dir;
  write_fake_run(dir.path(), {.dataset = "a-v2", .seed = 0, .final_score = 1});
  write_fake_run(dir.path(), {.dataset = "a-v2", .seed = 1, .finished = false});
  write_fake_run(dir.path(), {.dataset = "b-v2", .seed = 0, .final_score = 3});
  const std::vector<RunRecord> runs = collect_runs(dir.path());
  const std::vector<DatasetRuns> groups = group_by_dataset(runs);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].dataset, "a-v2");
  EXPECT_EQ(groups[0].finished.size(), 1u);
  EXPECT_EQ(groups[0].incomplete.size(), 1u);
  EXPECT_EQ(final_scores(groups[1]), (std::vector<double>{3}));
}

TEST(OfMethod, KeepsTheRunsOfOneMethodFinishedOrNot) {
  TempDir dir;
  write_fake_run(dir.path(), {.seed = 0, .final_score = 1});
  write_fake_run(dir.path(), {.seed = 1, .final_score = 2, .config = testing::kBcConfig});
  write_fake_run(dir.path(), {.seed = 2, .finished = false, .config = testing::kBcConfig});
  const std::vector<RunRecord> runs = collect_runs(dir.path());
  const DatasetRuns bc = of_method(group_by_dataset(runs)[0], kBcMethod);
  EXPECT_EQ(bc.dataset, "hopper-medium-v2");
  EXPECT_EQ(final_scores(bc), (std::vector<double>{2}));
  ASSERT_EQ(bc.incomplete.size(), 1u);
  EXPECT_EQ(bc.incomplete[0]->seed, 2);
  EXPECT_EQ(final_scores(of_method(group_by_dataset(runs)[0], kIqlMethod)), (std::vector<double>{1}));
}

TEST(JoinRuns, GroupsTwoDirectoriesRunsByDataset) {
  TempDir dir;
  write_fake_run(dir.file("iql"), {.dataset = "a-v2", .final_score = 1});
  write_fake_run(dir.file("iql"), {.dataset = "b-v2", .final_score = 2});
  write_fake_run(dir.file("bc"), {.dataset = "a-v2", .final_score = 3, .config = testing::kBcConfig});
  const std::vector<RunRecord> runs = join_runs(collect_runs(dir.file("iql")), collect_runs(dir.file("bc")));
  const std::vector<DatasetRuns> groups = group_by_dataset(runs);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(final_scores(groups[0]), (std::vector<double>{1, 3}));
  EXPECT_EQ(final_scores(groups[1]), (std::vector<double>{2}));
}

TEST(CurveBand, AveragesOverSeedsOnSharedSteps) {
  TempDir dir;
  write_fake_run(dir.path(), {.seed = 0, .curve = {{100, 10}, {200, 30}, {300, 50}}});
  write_fake_run(dir.path(), {.seed = 1, .curve = {{100, 20}, {200, 50}}});  // never evaluated at 300
  const std::vector<RunRecord> runs = collect_runs(dir.path());
  const CurveBand band = curve_band(group_by_dataset(runs)[0]);
  EXPECT_EQ(band.runs, 2);
  EXPECT_EQ(band.steps, (std::vector<double>{100, 200}));
  EXPECT_EQ(band.mean, (std::vector<double>{15, 40}));
  EXPECT_EQ(band.lo, (std::vector<double>{10, 30}));
  EXPECT_EQ(band.hi, (std::vector<double>{20, 50}));
}

TEST(SuiteOf, AntmazeByPrefix) {
  EXPECT_EQ(suite_of("antmaze-large-play-v2"), "antmaze");
  EXPECT_EQ(suite_of("walker2d-medium-v2"), "locomotion");
}

}  // namespace
}  // namespace harness
