// Tests for harness/grid/pipeline_plan.cpp: what `iql reproduce` plans from what is on disk: the
// datasets to make or fetch, the runs seed by seed (IQL, then BC's twins), and the compute left,
// from this machine's measured rate once a run has logged one.
#include <gtest/gtest.h>

#include <filesystem>

#include "harness/behaviour/regen_manifest.h"
#include "harness/data/d4rl_fixture.h"
#include "harness/data/registry.h"
#include "harness/grid/pipeline_plan.h"
#include "harness/grid/pipeline_run.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {
namespace fs = std::filesystem;

class PipelinePlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const DatasetInfo& cached = dataset_info("hopper-medium-v2");
    write_fixture(dir_.file(cached.file_name), cached, FixtureShape{300, 0}, 7);
    testing::write_bytes(dir_.file("grid.toml"),
                         "[defaults]\nseeds = [0, 1]\n"
                         "[dataset.hopper-medium-v2]\n[dataset.hopper-medium-regen]\n[dataset.walker2d-medium-v2]\n");
    RegenEntry e;
    e.name = "hopper-medium-regen", e.env = "hopper", e.recipe = "random", e.rows = 500;
    write_manifest(dir_.file("manifest.toml"), {e});
    options_.grid = dir_.file("grid.toml");
    options_.out = dir_.file("out");
    options_.manifest = dir_.file("manifest.toml");
    options_.steps = 2000;
  }

  testing::TempDir dir_;
  testing::ScopedEnv cache_{"D4RL_DATASET_DIR", dir_.path()};
  PipelineOptions options_;
};

TEST_F(PipelinePlanTest, MakesWhatIsMissingAndKeepsWhatIsCached) {
  const PipelinePlan plan = plan_pipeline(options_, "/bin/iql");
  ASSERT_EQ(plan.datasets.size(), 3u);
  EXPECT_EQ(plan.datasets[0].action, DatasetAction::cached);
  EXPECT_TRUE(plan.datasets[0].argv.empty());
  EXPECT_EQ(plan.datasets[1].action, DatasetAction::generate);
  EXPECT_EQ(plan.datasets[1].argv, (std::vector<std::string>{"/bin/iql", "datasets", "generate", "hopper-medium-regen",
                                                               "--manifest", options_.manifest}));
  EXPECT_EQ(plan.datasets[1].how, "random, 500 rows collected");
  EXPECT_EQ(plan.datasets[2].action, DatasetAction::fetch);
  EXPECT_EQ(plan.datasets[2].argv, (std::vector<std::string>{"/bin/iql", "datasets", "fetch", "walker2d-medium-v2"}));
}

TEST_F(PipelinePlanTest, RunsEveryIqlCellOfASeedThenItsBcTwinsThenTheNextSeed) {
  const PipelinePlan plan = plan_pipeline(options_, "/bin/iql");
  std::vector<std::string> order;
  for (const PlannedRun& r : plan.runs) order.push_back(r.algorithm + " " + r.cell.dataset + " " + std::to_string(r.cell.seed));
  EXPECT_EQ(order, (std::vector<std::string>{
                       "iql hopper-medium-v2 0", "iql hopper-medium-regen 0", "iql walker2d-medium-v2 0",
                       "bc hopper-medium-v2 0", "bc hopper-medium-regen 0", "bc walker2d-medium-v2 0",
                       "iql hopper-medium-v2 1", "iql hopper-medium-regen 1", "iql walker2d-medium-v2 1",
                       "bc hopper-medium-v2 1", "bc hopper-medium-regen 1", "bc walker2d-medium-v2 1"}));
  const PlannedRun& bc = plan.runs[3];
  EXPECT_EQ(bc.cell.run_dir, options_.out + "/runs-bc/hopper-medium-v2/seed0");
  EXPECT_NE(bc.cell.config_toml.find("temperature = 0"), std::string::npos) << bc.cell.config_toml;
  EXPECT_EQ(plan.runs[0].cell.run_dir, options_.out + "/runs/hopper-medium-v2/seed0");
  EXPECT_EQ(plan.runs[0].budget, 2000);
}

TEST_F(PipelinePlanTest, NoBcLeavesTheTwinsOut) {
  options_.bc = false;
  for (const PlannedRun& r : plan_pipeline(options_, "/bin/iql").runs) EXPECT_EQ(r.algorithm, "iql");
}

TEST_F(PipelinePlanTest, TheComputeLeftUsesTheRateARunHasLoggedHere) {
  const PipelinePlan fresh = plan_pipeline(options_, "/bin/iql");
  EXPECT_NE(fresh.rates_source.find("iql 3.20 ms/update assumed"), std::string::npos) << fresh.rates_source;
  const std::string run = options_.out + "/runs/hopper-medium-v2/seed0";
  fs::create_directories(run);
  testing::write_bytes(run + "/metrics.jsonl", "{\"step\": 500, \"train_seconds\": 1}\n{\"step\": 1000, \"train_seconds\": 5}\n");
  const PipelinePlan plan = plan_pipeline(options_, "/bin/iql");
  EXPECT_NE(plan.rates_source.find("iql 5.00 ms/update measured here"), std::string::npos) << plan.rates_source;
  EXPECT_DOUBLE_EQ(plan.runs[0].cost_seconds, 1000 * 0.005);  // 1000 of its 2000 updates left
  EXPECT_DOUBLE_EQ(plan.runs[1].cost_seconds, 2000 * 0.005);
  EXPECT_NEAR(remaining_cost(plan), plan.datasets[1].cost_seconds + plan.datasets[2].cost_seconds +
                                        5 * 2000 * 0.005 + 1000 * 0.005 + 6 * 2000 * 0.0012, 1e-9);
}

// the test-size pipeline's hopper-medium-regen in the cache the real pipeline uses: refused, not trained on
TEST_F(PipelinePlanTest, ACachedRegeneratedSetOfAnotherRecipesRowCountIsRefused) {
  const DatasetInfo& info = dataset_info("hopper-medium-regen");
  write_fixture(dir_.file(info.file_name), info, FixtureShape{300, 0}, 7);
  std::string message;
  try {
    plan_pipeline(options_, "/bin/iql");
  } catch (const DatasetError& e) {
    message = e.what();
  }
  EXPECT_NE(message.find(dir_.file(info.file_name) + " has 300 rows, but " + options_.manifest + " makes it with 500"),
            std::string::npos) << message;
  EXPECT_NE(message.find("D4RL_DATASET_DIR"), std::string::npos) << message;
}

// a resumed pipeline's progress counts the work of earlier invocations as done
TEST_F(PipelinePlanTest, TheWholeCostCountsFinishedWorkSoProgressIsTheWholePipelines) {
  const std::string run = options_.out + "/runs/hopper-medium-v2/seed0";
  fs::create_directories(run);
  testing::write_bytes(run + "/metrics.jsonl", "{\"step\": 500, \"train_seconds\": 1}\n{\"step\": 1000, \"train_seconds\": 5}\n");
  const PipelinePlan plan = plan_pipeline(options_, "/bin/iql");
  const double whole = whole_cost(plan);
  EXPECT_NEAR(whole, plan.datasets[1].cost_seconds + plan.datasets[2].cost_seconds + 6 * 2000 * 0.005 +
                         6 * 2000 * 0.0012, 1e-9);
  EXPECT_NEAR(whole - remaining_cost(plan), 1000 * 0.005, 1e-9);  // the half-done run's first half
  EXPECT_EQ(pipeline_progress_text(3600 * 21.3, 3600 * 21.3 / 0.63, 30, 90, 2),
            "pipeline 37% done (30 of 90 runs finished), 21.3 core-hours left, ETA 10h39m on 2 workers");
}

// a run stopped (SIGSTOP) for an hour between two lines: the hour is a pause, not compute
TEST_F(PipelinePlanTest, APauseInARunsLogDoesNotCountAsComputeTime) {
  const std::string run = options_.out + "/runs/hopper-medium-v2/seed0";
  fs::create_directories(run);
  testing::write_bytes(run + "/metrics.jsonl",
                       "{\"step\": 250, \"train_seconds\": 1}\n{\"step\": 500, \"train_seconds\": 2}\n"
                       "{\"step\": 750, \"train_seconds\": 3602}\n{\"step\": 1000, \"train_seconds\": 3603}\n{\"step\": 10");
  double seconds = 0, steps = 0;
  ASSERT_TRUE(timed_so_far(run, seconds, steps));
  EXPECT_DOUBLE_EQ(steps, 1000);
  EXPECT_DOUBLE_EQ(seconds, 4);  // the paused interval at the run's median 4 ms an update
  EXPECT_NE(plan_pipeline(options_, "/bin/iql").rates_source.find("iql 4.00 ms/update measured here"), std::string::npos);
}

TEST_F(PipelinePlanTest, AReplaySetsCostLeftFollowsItsSacRerunsLog) {
  RegenEntry e;
  e.name = "hopper-medium-regen", e.env = "hopper", e.recipe = "replay", e.rows = 300;
  e.sac_run = "iql sac --env hopper --seed 4";
  write_manifest(options_.manifest, {e});
  const PlannedDataset d = plan_pipeline(options_, "/bin/iql").datasets[1];
  EXPECT_EQ(d.sac_run_dir, dir_.path() + "/sac-runs/hopper/seed4");
  EXPECT_DOUBLE_EQ(dataset_cost_left(d), d.cost_seconds);  // nothing logged yet
  fs::create_directories(d.sac_run_dir);
  testing::write_bytes(d.sac_run_dir + "/metrics.jsonl", "{\"step\": 100, \"train_seconds\": 1}\n");
  EXPECT_DOUBLE_EQ(dataset_cost_left(d), d.cost_seconds * 200 / 300);
}

}  // namespace
}  // namespace harness
