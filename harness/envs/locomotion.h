// Hopper, Walker2d and HalfCheetah: one environment class parameterised by a small task table,
// with the gym -v2 semantics D4RL evaluates in (spec/environments.md section 4).
#pragma once
#include <memory>
#include <optional>
#include <string_view>

#include "harness/envs/env.h"

namespace harness {

/// Open interval lo < value < hi.
struct OpenRange {
  double lo;
  double hi;
  bool contains(double value) const { return lo < value && value < hi; }
};

/// gym's "healthy" test; the episode terminates on the first step that fails it.
struct HealthRule {
  OpenRange height;    // qpos[1]: torso z
  OpenRange angle;     // qpos[2]: torso pitch
  double state_bound;  // all finite and |qpos[2:]|, |qvel| below this; infinity: not checked
};

struct LocomotionTask {
  std::string_view name;                 // EnvSpec name
  std::string_view (*mjcf)();            // the model text
  int frame_skip;
  ResetNoise noise;
  double velocity_clip;                  // on the observed qvel; infinity: no clip
  double ctrl_cost_weight;               // reward -= weight * |ctrl|^2
  double healthy_reward;                 // reward += this on every step, the terminal one too
  std::optional<HealthRule> health;      // none: never terminates
};

/// The task table entry for `name`; throws EnvError when `name` is not a locomotion task.
const LocomotionTask& locomotion_task(std::string_view name);

/// True when the (qpos, qvel) state passes `rule` (gym's is_healthy / not done).
bool is_healthy(const HealthRule& rule, std::span<const double> qpos, std::span<const double> qvel);

class LocomotionEnv : public Env {
 public:
  LocomotionEnv(const EnvSpec& spec, const LocomotionTask& task);

  /// Whether the current state passes the task's health rule (always true for HalfCheetah).
  bool healthy() const;

 protected:
  Outcome outcome(double x_before, std::span<const float> ctrl) const override;

 private:
  const LocomotionTask& task_;
};

/// The locomotion environment of `spec`; throws EnvError when it is not a locomotion task.
std::unique_ptr<Env> make_locomotion_env(const EnvSpec& spec);

}  // namespace harness
