#include "harness/behaviour/collect_antmaze.h"

#include <algorithm>
#include <cmath>

#include "harness/behaviour/maze_planner.h"
#include "harness/data/registry.h"
#include "harness/envs/ant_goal.h"
#include "harness/envs/antmaze.h"

namespace harness {
namespace {

using autodiff::Rng;

constexpr double kStartNoise = 0.25 * kMazeScaling;  // maze_env._get_reset_location: U(0, 0.5) x 0.5 x scaling

double distance(std::array<double, 2> a, std::array<double, 2> b) {
  return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]));
}

// one collection run: the env, the streams and the episode in progress
class AntMazeCollector {
 public:
  AntMazeCollector(const AntMazeRecipe& recipe, sac::TanhGaussianPolicy& policy, uint64_t seed)
      : recipe_(recipe),
        policy_(policy),
        env_(make_env(recipe.maze)),
        layout_(maze_layout(recipe.maze)),
        free_(free_cells(layout_)),
        goals_(goal_cells(collection_layout(recipe.maze))),
        resets_(Rng::stream(seed, "resets")),
        exploration_(Rng::stream(seed, "exploration")),
        action_noise_(Rng::stream(seed, "action-noise")),
        waypoints_(Rng::stream(seed, "waypoints")),
        eval_goal_(antmaze_eval_goal(recipe.maze, seed)),
        input_(policy.obs_dim()),
        eps_(policy.act_dim()) {}

  D4rlFile collect(int64_t rows, Progress* progress);

 private:
  void start_episode();
  MazeCell random_free_cell() { return free_[resets_.below(free_.size())]; }
  // one of the collection map's goal cells, drawn only when there are several: umaze's sets keep their bits
  MazeCell random_goal_cell() { return goals_.size() == 1 ? goals_[0] : goals_[resets_.below(goals_.size())]; }
  void collect_row(size_t row);

  const AntMazeRecipe& recipe_;
  sac::TanhGaussianPolicy& policy_;
  std::unique_ptr<Env> env_;
  const MazeLayout& layout_;
  const std::vector<MazeCell> free_;
  const std::vector<MazeCell> goals_;  // targets without multigoal: the collection map's goal cells
  Rng resets_, exploration_, action_noise_, waypoints_;
  const std::array<double, 2> eval_goal_;
  std::vector<float> input_, eps_;
  std::array<double, 2> target_{};
  std::unique_ptr<MazePlanner> planner_;
  int steps_ = 0;  // D4RL's ts: steps taken in this episode
  D4rlFile file_;
};

// D4RL's reset: the ant at the start cell with gym's noise, or (multistart) with its xy replaced by
// another start; then a new target
void AntMazeCollector::start_episode() {
  env_->reset(resets_);
  if (recipe_.multistart) {
    const std::array<double, 2> start = multistart_location(recipe_.maze, resets_);
    const mjData& d = env_->data();
    std::vector<double> qpos(d.qpos, d.qpos + env_->model().nq), qvel(d.qvel, d.qvel + env_->model().nv);
    qpos[0] = start[0], qpos[1] = start[1];
    env_->set_state(qpos, qvel);
  }
  const MazeCell target_cell = recipe_.multigoal ? random_free_cell() : random_goal_cell();
  target_ = sample_goal(cell_center(layout_, target_cell), resets_);
  planner_ = std::make_unique<MazePlanner>(layout_, target_);
  steps_ = 0;
}

void AntMazeCollector::collect_row(size_t row) {
  D4rlArrays& out = file_.arrays;
  const mjData& d = env_->data();
  const size_t nq = static_cast<size_t>(env_->model().nq), nv = static_cast<size_t>(env_->model().nv);
  std::copy_n(d.qpos, nq, &out.qpos(row, 0));
  std::copy_n(d.qvel, nv, &out.qvel(row, 0));
  env_->observation({&out.observations(row, 0), static_cast<size_t>(env_->obs_dim())});
  out.goal(row, 0) = static_cast<float>(target_[0]);
  out.goal(row, 1) = static_cast<float>(target_[1]);

  // the policy heads for the waypoint; its sampled action gets N(0, 0.2^2) on top, clipped
  const std::array<double, 2> waypoint = planner_->waypoint({d.qpos[0], d.qpos[1]}, waypoints_);
  ant_goal_observation({d.qpos, nq}, {d.qvel, nv}, waypoint, input_);
  for (float& e : eps_) e = static_cast<float>(exploration_.normal());
  std::span<float> action(&out.actions(row, 0), policy_.act_dim());
  policy_.sample_row(input_, eps_, action);
  for (float& a : action) a = std::clamp(a + static_cast<float>(kAntMazeActionNoise * action_noise_.normal()), -1.0f, 1.0f);

  // the maze env's own goal, rewards and time limit play no part: the episode is D4RL's 1001 rows
  env_->step(action);
  const std::array<double, 2> next_xy = {d.qpos[0], d.qpos[1]};
  const bool at_eval_goal = distance(next_xy, eval_goal_) <= kGoalRadius;
  out.rewards(row, 0) = at_eval_goal ? 1.0f : 0.0f;
  out.terminals[row] = at_eval_goal;
  out.timeouts[row] = steps_ >= kAntMazeEpisodeSteps;
  ++steps_;
}

D4rlFile AntMazeCollector::collect(int64_t rows, Progress* progress) {
  const size_t n = static_cast<size_t>(rows);
  D4rlArrays& out = file_.arrays;
  out.observations.resize({n, static_cast<size_t>(env_->obs_dim())});
  out.actions.resize({n, policy_.act_dim()});
  out.rewards.resize({n, 1});
  out.terminals.assign(n, 0);
  out.timeouts.assign(n, 0);
  out.qpos.resize({n, static_cast<size_t>(env_->model().nq)});
  out.qvel.resize({n, static_cast<size_t>(env_->model().nv)});
  out.goal.resize({n, 2});
  start_episode();
  for (size_t row = 0; row < n; ++row) {
    collect_row(row);
    if (out.timeouts[row] && row + 1 < n) start_episode();
    if (progress) progress->tick(static_cast<int64_t>(row) + 1);
  }
  return std::move(file_);
}

}  // namespace

AntMazeRecipe antmaze_recipe(const std::string& recipe, const std::string& maze) {
  if (recipe == "antmaze") return {maze, false, false};
  if (recipe == "antmaze-play") return {maze, true, false};
  if (recipe == "antmaze-diverse") return {maze, true, true};
  throw DatasetError("'" + recipe + "' is not an AntMaze recipe (antmaze, antmaze-play, antmaze-diverse)");
}

bool is_antmaze_recipe(const std::string& recipe) {
  return recipe == "antmaze" || recipe == "antmaze-play" || recipe == "antmaze-diverse";
}

D4rlFile collect_antmaze(const AntMazeRecipe& recipe, sac::TanhGaussianPolicy& policy, int64_t rows, uint64_t seed,
                         Progress* progress) {
  return AntMazeCollector(recipe, policy, seed).collect(rows, progress);
}

std::array<double, 2> multistart_location(const std::string& maze, Rng& rng) {
  const MazeLayout& collection = collection_layout(maze);
  const std::vector<MazeCell> starts = start_cells(collection);
  std::array<double, 2> xy = cell_center(collection, starts[rng.below(starts.size())]);
  for (double& v : xy) v += rng.uniform(0.0, kStartNoise);
  return xy;
}

std::array<double, 2> antmaze_eval_goal(const std::string& maze, uint64_t seed) {
  const MazeLayout& layout = maze_layout(maze);
  Rng rng = Rng::stream(seed, "eval-goal");
  return sample_goal(cell_center(layout, find_cell(layout, 'g')), rng);
}

AntMazeStatistics antmaze_statistics(const D4rlArrays& a) {
  AntMazeStatistics stats;
  bool reached = false;
  for (size_t row = 0; row < a.rows(); ++row) {
    reached = reached || distance({a.qpos(row, 0), a.qpos(row, 1)}, {a.goal(row, 0), a.goal(row, 1)}) <= kGoalRadius;
    stats.rewarded_rows += a.rewards(row, 0) == 1.0f;
    if (a.timeouts[row] || row + 1 == a.rows()) {
      ++stats.episodes;
      stats.episodes_reaching_target += reached;
      reached = false;
    }
  }
  return stats;
}

}  // namespace harness
