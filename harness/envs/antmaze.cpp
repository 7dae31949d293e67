#include "harness/envs/antmaze.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "harness/envs/mjcf.h"

namespace harness {
namespace {

// the ant's reset noise is gym Ant's: qpos + U(-0.1, 0.1) (quaternion too), qvel + 0.1 N(0, 1)
constexpr ResetNoise kAntNoise = {0.1, ResetNoise::Velocity::kNormal, 0.1};

}  // namespace

bool is_antmaze(std::string_view name) { return name.starts_with("antmaze-"); }

std::string antmaze_mjcf(const MazeLayout& layout) {
  std::string xml(ant_mjcf());
  const size_t at = xml.find(kMazeWallsMarker);
  if (at == std::string::npos) throw EnvError("ant MJCF has no maze walls marker");
  xml.replace(at, kMazeWallsMarker.size(), maze_walls_mjcf(layout));
  return xml;
}

std::array<double, 2> sample_goal(std::array<double, 2> goal_cell_center, autodiff::Rng& rng) {
  std::array<double, 2> goal = goal_cell_center;
  // maze_env: goal cell + U(0, 1) x 0.25 x scaling, then set_target adds U(0, 0.5) x 0.25 x scaling
  for (double& g : goal) g += rng.uniform(0.0, 1.0) * kGoalNoise;
  for (double& g : goal) g += rng.uniform(0.0, 0.5) * kGoalNoise;
  for (double& g : goal) g = std::max(g, 0.0);
  return goal;
}

AntMazeEnv::AntMazeEnv(const EnvSpec& spec)
    : Env(spec, load_model(antmaze_mjcf(maze_layout(spec.name)), spec.name + ".xml"),
          kAntFrameSkip, kAntNoise,
          ObservationLayout{.qpos_skip = 0,
                            .velocity_clip = std::numeric_limits<double>::infinity()}),
      layout_(maze_layout(spec.name)),
      goal_cell_center_(cell_center(layout_, find_cell(layout_, 'g'))),
      goal_(goal_cell_center_) {}

double AntMazeEnv::goal_distance() const {
  // as np.linalg.norm: sqrt of the sum of squares (not hypot, which rounds differently)
  const double dx = data().qpos[0] - goal_[0];
  const double dy = data().qpos[1] - goal_[1];
  return std::sqrt(dx * dx + dy * dy);
}

// v2 evaluation envs (v2_resets=True) redraw the goal at every reset
void AntMazeEnv::before_reset(autodiff::Rng& rng) { goal_ = sample_goal(goal_cell_center_, rng); }

void AntMazeEnv::set_task_state(std::span<const double> goal) {
  if (goal.size() != 2) throw EnvError(spec().name + ": a saved state without the goal xy");
  goal_ = {goal[0], goal[1]};
}

// sparse reward, and eval=True ends the episode at the goal; the ant's own fall check is unused
Env::Outcome AntMazeEnv::outcome(double, std::span<const float>) const {
  const bool reached = goal_distance() <= kGoalRadius;
  return {reached ? 1.0 : 0.0, reached, reached};
}

std::unique_ptr<Env> make_antmaze_env(const EnvSpec& spec) {
  return std::make_unique<AntMazeEnv>(spec);
}

}  // namespace harness
