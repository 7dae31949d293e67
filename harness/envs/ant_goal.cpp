#include "harness/envs/ant_goal.h"

#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "harness/envs/antmaze.h"
#include "harness/envs/mjcf.h"

namespace harness {
namespace {

constexpr ResetNoise kAntNoise = {0.1, ResetNoise::Velocity::kNormal, 0.1};  // gym Ant's, as AntMaze's
// Minari's weight on the velocity towards the goal: D4RL's ant (motors of gear 1, ctrlrange +-30)
// walks at well under 1 m/s, and at weight 1 (gym Ant's) SAC settled on standing still, earning the
// +1s and avoiding the control cost (returns ~450 of 500 for 120k steps, no goal ever reached)
constexpr double kVelocityWeight = 10.0;
constexpr double kHealthyReward = 1.0;
constexpr double kCtrlCostWeight = 0.5;            // on the agent's action in [-1, 1], as gym Ant's
constexpr double kHealthyZMin = 0.2, kHealthyZMax = 1.0;

// to - from rescaled to norm kAntGoalDirectionNorm, into out[0:2]
void write_goal_direction(std::array<double, 2> from, std::array<double, 2> to, std::span<float> out) {
  const double dx = to[0] - from[0], dy = to[1] - from[1];
  const double norm = std::sqrt(dx * dx + dy * dy);
  const double scale = norm > 0 ? kAntGoalDirectionNorm / norm : 0.0;
  out[0] = static_cast<float>(dx * scale);
  out[1] = static_cast<float>(dy * scale);
}

}  // namespace

std::string ant_goal_mjcf() {
  std::string xml(ant_mjcf());
  xml.erase(xml.find(kMazeWallsMarker), kMazeWallsMarker.size());
  return xml;
}

void ant_goal_observation(std::span<const double> qpos, std::span<const double> qvel,
                          std::array<double, 2> goal, std::span<float> out) {
  float* o = out.data();
  for (size_t i = 2; i < qpos.size(); ++i) *o++ = static_cast<float>(qpos[i]);
  for (double v : qvel) *o++ = static_cast<float>(v);
  write_goal_direction({qpos[0], qpos[1]}, goal, out.last(2));
}

AntGoalEnv::AntGoalEnv(const EnvSpec& spec)
    : Env(spec, load_model(ant_goal_mjcf(), spec.name + ".xml"), kAntFrameSkip, kAntNoise,
          ObservationLayout{.qpos_skip = 2,
                            .velocity_clip = std::numeric_limits<double>::infinity(),
                            .task_dims = 2}),
      chain_(kAntGoalChain) {}

std::array<double, 2> AntGoalEnv::torso_xy() const { return {data().qpos[0], data().qpos[1]}; }

void AntGoalEnv::place_goal(int index) {
  const auto [x, y] = torso_xy();
  const std::array<double, 2>& offset = chain_[static_cast<size_t>(index % kAntGoalChain)];
  goal_ = {x + offset[0], y + offset[1]};
}

// uniform on the disk: radius R sqrt(u), angle 2 pi v
void AntGoalEnv::before_reset(autodiff::Rng& rng) {
  for (std::array<double, 2>& offset : chain_) {
    const double radius = kAntGoalDisk * std::sqrt(rng.uniform(0.0, 1.0));
    const double angle = 2.0 * std::numbers::pi * rng.uniform(0.0, 1.0);
    offset = {radius * std::cos(angle), radius * std::sin(angle)};
  }
  reached_ = 0;
  place_goal(0);
}

Env::Outcome AntGoalEnv::outcome(double, std::span<const float> ctrl) const {
  const mjModel& m = model();
  const mjData& d = data();
  const auto [x, y] = torso_xy();
  const double dx = goal_[0] - x, dy = goal_[1] - y;
  const double distance = std::sqrt(dx * dx + dy * dy);
  // the free joint's qvel[0:2] is the torso's world-frame velocity
  const double towards_goal = distance > 0 ? (d.qvel[0] * dx + d.qvel[1] * dy) / distance : 0.0;
  double effort = 0.0;
  for (int i = 0; i < m.nu; ++i) {
    const double action = ctrl[static_cast<size_t>(i)] / m.actuator_ctrlrange[2 * i + 1];
    effort += action * action;
  }
  const double z = d.qpos[2];
  const bool healthy = std::isfinite(z) && kHealthyZMin <= z && z <= kHealthyZMax;
  return {.reward = kVelocityWeight * towards_goal + kHealthyReward - kCtrlCostWeight * effort,
          .terminated = !healthy,
          .goal_reached = distance <= kGoalRadius};
}

void AntGoalEnv::after_outcome(const Outcome& outcome) {
  if (!outcome.goal_reached) return;
  ++reached_;
  place_goal(reached_);
}

void AntGoalEnv::task_observation(std::span<float> out) const { write_goal_direction(torso_xy(), goal_, out); }

// goal xy, goals reached, then the chain's offsets
std::vector<double> AntGoalEnv::task_state() const {
  std::vector<double> state = {goal_[0], goal_[1], static_cast<double>(reached_)};
  for (const std::array<double, 2>& offset : chain_) state.insert(state.end(), offset.begin(), offset.end());
  return state;
}

void AntGoalEnv::set_task_state(std::span<const double> state) {
  if (state.size() != 3 + 2 * chain_.size()) {
    throw EnvError(spec().name + ": a saved state without the goal chain (" + std::to_string(state.size()) +
                   " task values, expected " + std::to_string(3 + 2 * chain_.size()) + ")");
  }
  goal_ = {state[0], state[1]};
  reached_ = static_cast<int>(state[2]);
  for (size_t i = 0; i < chain_.size(); ++i) chain_[i] = {state[3 + 2 * i], state[4 + 2 * i]};
}

std::unique_ptr<Env> make_ant_goal_env(const EnvSpec& spec) { return std::make_unique<AntGoalEnv>(spec); }

}  // namespace harness
