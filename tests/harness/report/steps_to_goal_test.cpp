// Tests for harness/report/steps_to_goal.cpp: AntMaze reports plot the final evaluation's steps to
// the goal and link the plot; locomotion reports do not.
#include "harness/report/steps_to_goal.h"

#include <gtest/gtest.h>

#include "harness/report/report.h"
#include "harness/run/final_episodes.h"
#include "tests/harness/report/fake_runs.h"

namespace harness {
namespace {

// a finished run of `dataset` whose final evaluation took `steps` per episode
void write_run_with_episodes(const std::string& runs_dir, const std::string& dataset, int seed,
                             const std::vector<int>& steps) {
  const std::string dir = testing::write_fake_run(runs_dir, {.dataset = dataset, .seed = seed, .curve = {{300, 50}}});
  EvalResult result;
  result.lengths = steps;
  result.returns.assign(steps.size(), 1.0);
  result.normalized_scores.assign(steps.size(), 100.0);
  write_final_episodes(dir + "/" + kFinalEpisodesFile, result);
}

TEST(StepsToGoalPlot, AntMazeReportDrawsAndLinksIt) {
  testing::TempDir dir;
  write_run_with_episodes(dir.file("runs"), "antmaze-umaze-v2", 0, {120, 700, 300});
  write_run_with_episodes(dir.file("runs"), "antmaze-umaze-v2", 1, {90, 700});
  ReportOptions options;
  options.runs_dir = dir.file("runs");
  options.golden = std::string(IQL_SOURCE_DIR) + "/golden/paper.csv";
  options.out = dir.file("report");
  write_report(options);
  const std::string file = "curves/antmaze-umaze-v2-steps-to-goal.png";
  EXPECT_EQ(testing::read_bytes(dir.file("report/" + file)).substr(1, 3), "PNG");
  EXPECT_NE(testing::read_bytes(dir.file("report/report.md")).find("](" + file + ")"), std::string::npos);
}

TEST(StepsToGoalPlot, LocomotionHasNone) {
  testing::TempDir dir;
  write_run_with_episodes(dir.file("runs"), "hopper-medium-v2", 0, {1000, 1000});
  const std::vector<RunRecord> runs = collect_runs(dir.file("runs"));
  EXPECT_TRUE(write_steps_to_goal_plot(group_by_dataset(runs).at(0), dir.file("report")).empty());
}

TEST(StepsToGoalPlot, RunsWithoutFinalEpisodesHaveNone) {
  testing::TempDir dir;
  testing::write_fake_run(dir.file("runs"), {.dataset = "antmaze-umaze-v2", .curve = {{300, 50}}});
  const std::vector<RunRecord> runs = collect_runs(dir.file("runs"));
  EXPECT_TRUE(write_steps_to_goal_plot(group_by_dataset(runs).at(0), dir.file("report")).empty());
}

}  // namespace
}  // namespace harness
