// Collecting an AntMaze set as D4RL's generate_ant_maze_datasets.py did (spec/d4rl-generation.md,
// AntMaze): in the maze of an AntMaze env, the goal-reaching ant (envs/ant_goal.h) walks to the
// planner's waypoint (maze_planner.h) with noisy actions; episodes of 1001 rows (the timeout on the
// last) each with a new target; rewards and terminals relabelled against one evaluation goal.
#pragma once
#include <array>
#include <cstdint>
#include <string>

#include "harness/data/fixture_writer.h"
#include "harness/run/progress.h"
#include "sac/networks.h"

namespace harness {

inline constexpr int kAntMazeEpisodeSteps = 1000;     // the timeout row is the one where ts reaches this
inline constexpr double kAntMazeActionNoise = 0.2;    // std of the Gaussian added to the policy's action

struct AntMazeRecipe {
  std::string maze;         // the AntMaze env whose walls and goal cell are used, e.g. "antmaze-medium"
  bool multistart = false;  // episodes start in a random free cell, else in the start cell
  bool multigoal = false;   // targets lie in a random free cell, else in the goal cell
};

struct AntMazeCollection {
  D4rlFile file;                     // no next_observations, no action log-probabilities
  int episodes = 0;                  // started, the last one possibly cut at the row count
  int episodes_reaching_target = 0;  // came within kGoalRadius of their own target
  std::array<double, 2> eval_goal{};  // the relabelling goal: the evaluation env's, drawn once
};

/// `rows` rows of `recipe` driven by `policy`, every random draw from its own stream of `seed`.
/// Throws EnvError when recipe.maze has no maze layout.
AntMazeCollection collect_antmaze(const AntMazeRecipe& recipe, sac::TanhGaussianPolicy& policy, int64_t rows,
                                  uint64_t seed, Progress* progress);

}  // namespace harness
