// AntMaze (D4RL locomotion/maze_env.py + goal_reaching_env.py, v2 evaluation registrations): the
// D4RL ant in a maze of wall boxes, rewarded 1 and terminated once its xy is within 0.5 of a noisy
// goal that is redrawn at every reset. The observation is qpos (15) then qvel (14); no goal in it.
#pragma once
#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "harness/envs/env.h"
#include "harness/envs/maze_layout.h"

namespace harness {

inline constexpr double kGoalRadius = 0.5;     // success when |xy - goal| <= this
inline constexpr int kAntFrameSkip = 5;        // dt = 0.02 x 5 = 0.1 s
inline constexpr double kGoalNoise = 0.25 * kMazeScaling;  // first goal noise U(0, 1) x this

/// True for the names of AntMaze environments ("antmaze-...").
bool is_antmaze(std::string_view name);

/// The full MJCF of an AntMaze env: the ant plus the walls of `layout`.
std::string antmaze_mjcf(const MazeLayout& layout);

/// D4RL's evaluation goal: the goal cell's centre + U(0,1)^2 x kGoalNoise + U(0,0.5)^2 x
/// kGoalNoise, each coordinate clamped to >= 0. Draws x then y for each of the two noises.
std::array<double, 2> sample_goal(std::array<double, 2> goal_cell_center, autodiff::Rng& rng);

class AntMazeEnv : public Env {
 public:
  explicit AntMazeEnv(const EnvSpec& spec);

  const MazeLayout& layout() const { return layout_; }
  /// The goal of the current episode (drawn by reset()).
  std::array<double, 2> goal() const { return goal_; }
  /// Distance from the torso's xy (qpos[0:2]) to the goal.
  double goal_distance() const;

 protected:
  Outcome outcome(double x_before, std::span<const float> ctrl) const override;
  void before_reset(autodiff::Rng& rng) override;
  std::vector<double> task_state() const override { return {goal_[0], goal_[1]}; }
  void set_task_state(std::span<const double> goal) override;

 private:
  const MazeLayout& layout_;
  std::array<double, 2> goal_cell_center_;
  std::array<double, 2> goal_;
};

/// The AntMaze environment of `spec`; throws EnvError when it has no maze layout.
std::unique_ptr<Env> make_antmaze_env(const EnvSpec& spec);

}  // namespace harness
