// The goal-reaching ant that steers through the regenerated AntMaze sets (spec/d4rl-generation.md,
// AntMaze): the D4RL ant on open ground, trained by SAC to walk to relative goals drawn on a disk of
// radius 10. Its observation is the ant's 27-d state (qpos[2:15], qvel) and the direction to the goal
// as a vector of norm 10 (D4RL feeds its low-level policy the waypoint rescaled so), 29 in all.
//
// Training reward (ours; D4RL's policy came from elsewhere and the spec leaves the reward free):
// gym Ant's shape with "forward" turned towards the goal, that is 10 x the torso's velocity along the
// unit vector to the goal (Minari's weight), + 1 while healthy, - 0.5 |action|^2; the episode ends
// when the torso leaves z in [0.2, 1] (gym Ant's health rule). Reaching the goal (within kGoalRadius) does not end
// the episode: the next goal of a chain drawn at reset is placed relative to where the ant stands, as
// a planner moves its waypoint on. Ending there would teach the ant to avoid goals for its +1s.
#pragma once
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/envs/env.h"

namespace harness {

inline constexpr std::string_view kAntGoalEnv = "ant-goal";  // its EnvSpec name
inline constexpr double kAntGoalDisk = 10.0;      // goals are drawn uniformly on a disk of this radius
inline constexpr double kAntGoalDirectionNorm = 10.0;  // the observed direction's length
inline constexpr int kAntGoalChain = 64;          // goals drawn per episode; the chain wraps around

/// The D4RL ant on open ground: ant_mjcf() without walls.
std::string ant_goal_mjcf();

/// The goal-reaching policy's input for an ant in state (qpos, qvel) heading for `goal`: qpos[2:15],
/// qvel, then goal - xy rescaled to norm 10 (zeros at the goal), into `out` (29). The AntMaze
/// collection builds it from a maze env's state with the planner's waypoint as the goal.
void ant_goal_observation(std::span<const double> qpos, std::span<const double> qvel,
                          std::array<double, 2> goal, std::span<float> out);

class AntGoalEnv : public Env {
 public:
  explicit AntGoalEnv(const EnvSpec& spec);

  /// The goal the ant walks to now.
  std::array<double, 2> goal() const { return goal_; }
  /// Goals reached since the last reset.
  int goals_reached() const { return reached_; }

 protected:
  Outcome outcome(double x_before, std::span<const float> ctrl) const override;
  void after_outcome(const Outcome& outcome) override;
  void before_reset(autodiff::Rng& rng) override;
  void task_observation(std::span<float> out) const override;
  std::vector<double> task_state() const override;
  void set_task_state(std::span<const double> state) override;

 private:
  std::array<double, 2> torso_xy() const;
  void place_goal(int index);

  std::vector<std::array<double, 2>> chain_;  // (kAntGoalChain) offsets from where each goal is set
  std::array<double, 2> goal_{};
  int reached_ = 0;
};

std::unique_ptr<Env> make_ant_goal_env(const EnvSpec& spec);

}  // namespace harness
