// Collecting an AntMaze set as D4RL's generate_ant_maze_datasets.py did (spec/d4rl-generation.md,
// AntMaze): in the maze of an AntMaze env, the goal-reaching ant (envs/ant_goal.h) walks to the
// planner's waypoint (maze_planner.h) with noisy actions; episodes of 1001 rows (the timeout on the
// last) each with a new target; rewards and terminals relabelled against one evaluation goal.
#pragma once
#include <array>
#include <cstdint>
#include <string>

#include "autodiff/rng.h"
#include "harness/data/d4rl_writer.h"
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

/// A manifest recipe's starts and goals: "antmaze" (D4RL's umaze: start and goal cells fixed),
/// "antmaze-play" (multistart) or "antmaze-diverse" (multistart and multigoal), in `maze`.
/// Throws DatasetError for another name.
AntMazeRecipe antmaze_recipe(const std::string& recipe, const std::string& maze);

/// True for the recipe names antmaze_recipe() knows.
bool is_antmaze_recipe(const std::string& recipe);

/// `rows` rows of `recipe` driven by `policy`, every random draw from its own stream of `seed`: no
/// next_observations and no action log-probabilities, as D4RL's antmaze files. Throws EnvError when
/// recipe.maze has no maze layout.
D4rlFile collect_antmaze(const AntMazeRecipe& recipe, sac::TanhGaussianPolicy& policy, int64_t rows,
                         uint64_t seed, Progress* progress);

/// D4RL's multistart reset location (_get_reset_location): a random cell of `maze`'s collection map
/// other than its goal cells, its centre + U(0, 1) per axis (x, then y). Throws EnvError for a name
/// without a maze.
std::array<double, 2> multistart_location(const std::string& maze, autodiff::Rng& rng);

/// The relabelling goal of a collection with `seed`: the evaluation env's goal, drawn once.
std::array<double, 2> antmaze_eval_goal(const std::string& maze, uint64_t seed);

struct AntMazeStatistics {
  int episodes = 0;                  // the last one possibly cut at the row count
  int episodes_reaching_target = 0;  // some row's xy within kGoalRadius of the episode's infos/goal
  int64_t rewarded_rows = 0;         // rows with reward 1
};

/// What the issue asks to state per set, read from the file itself.
AntMazeStatistics antmaze_statistics(const D4rlArrays& arrays);

}  // namespace harness
