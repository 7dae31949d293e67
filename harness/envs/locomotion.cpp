// Numbers from gym's hopper.py / walker2d.py / half_cheetah.py (v2) and their v3 parameter names.
#include "harness/envs/locomotion.h"

#include <cmath>
#include <limits>
#include <string>

#include "harness/envs/mjcf.h"

namespace harness {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kVelocityClip = 10.0;  // Hopper/Walker observe clip(qvel, -10, 10)

const LocomotionTask kTasks[] = {
    {.name = "hopper",
     .mjcf = hopper_mjcf,
     .frame_skip = 4,
     .noise = {0.005, ResetNoise::Velocity::kUniform, 0.005},
     .velocity_clip = kVelocityClip,
     .ctrl_cost_weight = 1e-3,
     .healthy_reward = 1.0,
     .health = HealthRule{{0.7, kInf}, {-0.2, 0.2}, 100.0}},
    {.name = "walker2d",
     .mjcf = walker2d_mjcf,
     .frame_skip = 4,
     .noise = {0.005, ResetNoise::Velocity::kUniform, 0.005},
     .velocity_clip = kVelocityClip,
     .ctrl_cost_weight = 1e-3,
     .healthy_reward = 1.0,
     .health = HealthRule{{0.8, 2.0}, {-1.0, 1.0}, kInf}},
    {.name = "halfcheetah",
     .mjcf = half_cheetah_mjcf,
     .frame_skip = 5,
     .noise = {0.1, ResetNoise::Velocity::kNormal, 0.1},
     .velocity_clip = kInf,
     .ctrl_cost_weight = 0.1,
     .healthy_reward = 0.0,
     .health = std::nullopt},
};

// numpy's np.square(a).sum() on a float32 action: float32 squares summed in order
double squared_norm(std::span<const float> a) {
  float sum = 0.0f;
  for (float v : a) sum += v * v;
  return sum;
}

}  // namespace

const LocomotionTask& locomotion_task(std::string_view name) {
  for (const LocomotionTask& task : kTasks) {
    if (task.name == name) return task;
  }
  throw EnvError("'" + std::string(name) + "' is not a locomotion task (hopper, walker2d, halfcheetah)");
}

bool is_healthy(const HealthRule& rule, std::span<const double> qpos, std::span<const double> qvel) {
  if (std::isfinite(rule.state_bound)) {
    for (double q : qpos) {
      if (!std::isfinite(q)) return false;
    }
    for (double v : qvel) {
      if (!std::isfinite(v) || !(std::abs(v) < rule.state_bound)) return false;
    }
    for (size_t i = 2; i < qpos.size(); ++i) {
      if (!(std::abs(qpos[i]) < rule.state_bound)) return false;
    }
  }
  return rule.height.contains(qpos[1]) && rule.angle.contains(qpos[2]);
}

LocomotionEnv::LocomotionEnv(const EnvSpec& spec, const LocomotionTask& task)
    : Env(spec, load_model(task.mjcf(), std::string(task.name) + ".xml"), task.frame_skip,
          task.noise, ObservationLayout{.qpos_skip = 1, .velocity_clip = task.velocity_clip}),
      task_(task) {}

bool LocomotionEnv::healthy() const {
  if (!task_.health) return true;
  const mjModel& m = model();
  const mjData& d = data();
  return is_healthy(*task_.health, {d.qpos, static_cast<size_t>(m.nq)},
                    {d.qvel, static_cast<size_t>(m.nv)});
}

// reward = forward velocity of rootx + healthy reward - control cost; done = not healthy
Env::Outcome LocomotionEnv::outcome(double x_before, std::span<const float> ctrl) const {
  const double forward_velocity = (data().qpos[0] - x_before) / dt();
  const double reward =
      forward_velocity + task_.healthy_reward - task_.ctrl_cost_weight * squared_norm(ctrl);
  return {reward, !healthy()};
}

std::unique_ptr<Env> make_locomotion_env(const EnvSpec& spec) {
  return std::make_unique<LocomotionEnv>(spec, locomotion_task(spec.name));
}

}  // namespace harness
