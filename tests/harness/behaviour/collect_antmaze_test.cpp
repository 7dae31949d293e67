// Tests for harness/behaviour/collect_antmaze.cpp with an untrained goal-reaching policy: D4RL's
// 1001-row episodes, one target per episode, starts in the start cell or spread over the maze,
// rewards relabelled against the evaluation goal from the next row's position, the same bits twice.
#include <gtest/gtest.h>

#include <algorithm>

#include <cmath>
#include <set>

#include "harness/behaviour/collect_antmaze.h"
#include "harness/behaviour/maze_planner.h"
#include "harness/data/registry.h"
#include "harness/envs/antmaze.h"

namespace harness {
namespace {

D4rlFile collect(const AntMazeRecipe& recipe, int64_t rows, uint64_t seed = 0) {
  sac::SacConfig config;
  config.hidden_dim = 32;  // untrained either way; small keeps the test quick
  autodiff::Rng init(42);
  sac::TanhGaussianPolicy policy(29, 8, config, init);
  return collect_antmaze(recipe, policy, rows, seed, nullptr);
}

double distance(double x, double y, std::array<double, 2> to) { return std::hypot(x - to[0], y - to[1]); }

TEST(CollectAntMaze, EpisodesAre1001RowsWithTheTimeoutOnTheLastAndOneTargetEach) {
  const D4rlFile f = collect({"antmaze-umaze"}, 2500);
  const D4rlArrays& a = f.arrays;
  ASSERT_EQ(a.rows(), 2500u);
  EXPECT_EQ(antmaze_statistics(a).episodes, 3);
  EXPECT_EQ(f.next_observations.size(), 0u);  // antmaze files have none
  for (size_t row = 0; row < a.rows(); ++row) {
    EXPECT_EQ(a.timeouts[row], row == 1000 || row == 2001) << row;
    const bool same_episode = row > 0 && !a.timeouts[row - 1];
    if (same_episode) {
      EXPECT_EQ(a.goal(row, 0), a.goal(row - 1, 0)) << row;
    }
  }
  EXPECT_NE(a.goal(1000, 0), a.goal(1001, 0));
  // not multistart: each episode starts at the start cell (the origin) with gym's noise
  for (size_t start : {0u, 1001u, 2002u}) EXPECT_LT(std::hypot(a.qpos(start, 0), a.qpos(start, 1)), 0.2) << start;
  // not multigoal: the targets sit in the goal cell
  const MazeLayout& layout = maze_layout("antmaze-umaze");
  for (size_t start : {0u, 1001u, 2002u})
    EXPECT_EQ(cell_at(layout, {a.goal(start, 0), a.goal(start, 1)}), find_cell(layout, 'g')) << start;
}

// D4RL's multistart: a cell of the collection map other than its goal cells, its centre + U(0, 1) per axis
TEST(CollectAntMaze, MultistartAndMultigoalSpreadOverTheFreeCells) {
  const D4rlArrays a = collect({"antmaze-medium", true, true}, 1001 * 8).arrays;
  const MazeLayout& layout = maze_layout("antmaze-medium");
  const std::vector<MazeCell> start_choices = start_cells(collection_layout("antmaze-medium"));
  std::set<std::pair<int, int>> starts, targets;
  for (size_t start = 0; start < a.rows(); start += 1001) {
    const MazeCell s = cell_at(layout, {a.qpos(start, 0), a.qpos(start, 1)});
    const MazeCell t = cell_at(layout, {a.goal(start, 0), a.goal(start, 1)});
    EXPECT_NE(std::find(start_choices.begin(), start_choices.end(), s), start_choices.end()) << s.row << "," << s.col;
    const auto [cx, cy] = cell_center(layout, s);
    EXPECT_LE(a.qpos(start, 0) - cx, 1.0);
    EXPECT_LE(a.qpos(start, 1) - cy, 1.0);
    EXPECT_NE(layout.rows[t.row][t.col], '#');
    starts.insert({s.row, s.col});
    targets.insert({t.row, t.col});
  }
  EXPECT_GE(starts.size(), 4u);
  EXPECT_GE(targets.size(), 4u);
}

// D4RL's _get_reset_location: every start cell but no goal cell, at its centre + [0, 1) per axis
TEST(CollectAntMaze, MultistartLocationsCoverTheStartCellsAndNeverAGoalCell) {
  const MazeLayout& collection = collection_layout("antmaze-medium");
  const std::vector<MazeCell> starts = start_cells(collection);
  autodiff::Rng rng(3);
  std::set<std::pair<int, int>> seen;
  for (int i = 0; i < 2000; ++i) {
    const auto [x, y] = multistart_location("antmaze-medium", rng);
    const MazeCell c = cell_at(collection, {x, y});
    ASSERT_NE(std::find(starts.begin(), starts.end(), c), starts.end()) << c.row << "," << c.col;
    const auto [cx, cy] = cell_center(collection, c);
    EXPECT_TRUE(x - cx >= 0.0 && x - cx < 1.0 && y - cy >= 0.0 && y - cy < 1.0) << x << " " << y;
    seen.insert({c.row, c.col});
  }
  EXPECT_EQ(seen.size(), starts.size());
}

// play (multistart, not multigoal): D4RL's targets were its hand-picked goal cells, never the evaluation goal
TEST(CollectAntMaze, PlayTargetsAreTheCollectionMapsGoalCellsNotTheEvaluationGoal) {
  const D4rlArrays a = collect({"antmaze-medium", true, false}, 1001 * 8).arrays;
  const MazeLayout& layout = maze_layout("antmaze-medium");
  const std::vector<MazeCell> goals = goal_cells(collection_layout("antmaze-medium"));
  std::set<std::pair<int, int>> targets;
  for (size_t start = 0; start < a.rows(); start += 1001) {
    const MazeCell t = cell_at(layout, {a.goal(start, 0), a.goal(start, 1)});
    EXPECT_NE(std::find(goals.begin(), goals.end(), t), goals.end()) << t.row << "," << t.col;
    EXPECT_NE(t, find_cell(layout, 'g')) << start;
    targets.insert({t.row, t.col});
  }
  EXPECT_GE(targets.size(), 2u);
}

TEST(CollectAntMaze, RewardsAndTerminalsAreTheNextPositionWithinReachOfTheEvaluationGoal) {
  const D4rlArrays a = collect({"antmaze-umaze", true, false}, 3003, 2).arrays;
  const MazeLayout& layout = maze_layout("antmaze-umaze");
  const std::array<double, 2> eval_goal = antmaze_eval_goal("antmaze-umaze", 2);
  EXPECT_EQ(cell_at(layout, eval_goal), find_cell(layout, 'g'));
  int rewarded = 0;
  for (size_t row = 0; row + 1 < a.rows(); ++row) {
    if (a.timeouts[row]) continue;  // the next row starts another episode
    const bool near = distance(a.qpos(row + 1, 0), a.qpos(row + 1, 1), eval_goal) <= kGoalRadius;
    EXPECT_EQ(a.rewards(row, 0), near ? 1.0f : 0.0f) << row;
    EXPECT_EQ(a.terminals[row], near) << row;
    rewarded += near;
  }
  EXPECT_LT(rewarded, 100);  // an untrained ant wanders; a wrong test would reward every row
  EXPECT_EQ(antmaze_statistics(a).rewarded_rows, rewarded);
}

// rows 0-2 one episode reaching its target at row 1, rows 3-4 another that never does (cut at the end)
TEST(CollectAntMaze, StatisticsCountEpisodesReachingTheirTargetAndRewardedRows) {
  D4rlArrays a;
  a.observations = Tensor({5, 29}, 0.0f);
  a.qpos = StateMatrix({5, 15}, 0.0);
  a.goal = Tensor({5, 2}, 3.0f);
  a.rewards = Tensor({5, 1}, 0.0f);
  a.timeouts = {0, 0, 1, 0, 0};
  a.qpos(1, 0) = 3.2, a.qpos(1, 1) = 2.9;
  a.rewards(4, 0) = 1.0f;
  const AntMazeStatistics s = antmaze_statistics(a);
  EXPECT_EQ(s.episodes, 2);
  EXPECT_EQ(s.episodes_reaching_target, 1);
  EXPECT_EQ(s.rewarded_rows, 1);
}

TEST(CollectAntMaze, RecipeNamesGiveD4rlsStartsAndGoals) {
  const AntMazeRecipe play = antmaze_recipe("antmaze-play", "antmaze-large");
  EXPECT_TRUE(play.multistart && !play.multigoal);
  EXPECT_EQ(play.maze, "antmaze-large");
  EXPECT_TRUE(antmaze_recipe("antmaze-diverse", "antmaze-umaze").multigoal);
  EXPECT_FALSE(antmaze_recipe("antmaze", "antmaze-umaze").multistart);
  EXPECT_THROW(antmaze_recipe("antmaze-random", "antmaze-umaze"), DatasetError);
}

TEST(CollectAntMaze, TheSameSeedGivesTheSameRowsAndAnotherSeedOthers) {
  const D4rlFile a = collect({"antmaze-umaze", true, true}, 1200, 5);
  const D4rlFile b = collect({"antmaze-umaze", true, true}, 1200, 5);
  const D4rlFile other = collect({"antmaze-umaze", true, true}, 1200, 6);
  EXPECT_EQ(a.arrays.actions, b.arrays.actions);
  EXPECT_EQ(a.arrays.qpos, b.arrays.qpos);
  EXPECT_NE(a.arrays.actions, other.arrays.actions);
}

}  // namespace
}  // namespace harness
