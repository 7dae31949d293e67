// Env: one D4RL evaluation environment on MuJoCo, with gym's step/reset semantics as D4RL uses them
// (spec/environments.md sections 1 and 4). Physics is double; observations are float because the
// datasets store float32.
//
// S = observation dim, A = agent action dim, nq / nv = MuJoCo position / velocity dims
#pragma once
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "autodiff/rng.h"
#include "harness/envs/env_spec.h"
#include "harness/envs/mujoco_model.h"

namespace harness {

struct StepResult {
  std::vector<float> observation;  // (S) after the step
  double reward = 0.0;             // the env's reward on the clipped, rescaled action
  bool terminated = false;         // the env's own done (unhealthy, goal reached)
  bool truncated = false;          // time limit reached without termination, or physics blow-up
  bool physics_warning = false;    // MuJoCo flagged bad qpos/qvel/qacc/ctrl; the episode is over
  bool goal_reached = false;       // goal-directed envs: the step ended within reach of the goal
};

/// gym reset_model noise: qpos = qpos0 + U(-w, w); qvel = U(-s, s) or s * N(0, 1).
struct ResetNoise {
  enum class Velocity { kUniform, kNormal };
  double qpos_half_width;  // w
  Velocity velocity;
  double qvel_scale;       // s
};

/// Which state goes into the observation: qpos[qpos_skip:], qvel clipped to +-velocity_clip, then
/// task_dims values of the task's own (the goal-reaching ant's direction to its goal).
struct ObservationLayout {
  int qpos_skip;         // leading qpos entries left out (1: the x position of the locomotion tasks)
  double velocity_clip;  // infinity: no clip
  int task_dims = 0;
};

/// What the next steps of an episode depend on, for checkpoints: restoring it continues the episode
/// bit for bit (MuJoCo's solver also starts from the last step's accelerations, qacc_warmstart).
struct EnvState {
  std::vector<double> qpos, qvel, act, qacc_warmstart, ctrl;
  double time = 0.0;
  int elapsed_steps = 0;
  std::vector<double> task;  // the task's own state (AntMaze: the goal xy)
};

/// An EnvState as one vector of numbers (time, steps, then each part with its length before it), for
/// files; unflatten() reads it back and throws EnvError when it is not such a vector.
std::vector<double> flatten(const EnvState& state);
EnvState unflatten(std::span<const double> values);

class Env {
 public:
  virtual ~Env() = default;
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;

  const EnvSpec& spec() const { return spec_; }
  int obs_dim() const { return spec_.obs_dim; }
  int act_dim() const { return spec_.act_dim; }
  int max_steps() const { return spec_.max_steps; }
  int frame_skip() const { return frame_skip_; }
  /// Seconds of simulated time per step: timestep x frame skip.
  double dt() const { return model_->opt.timestep * frame_skip_; }
  /// Steps since the last reset (set_state does not change it).
  int elapsed_steps() const { return elapsed_steps_; }

  /// Starts an episode: MuJoCo's default state plus reset noise drawn from `rng`; returns (S).
  std::vector<float> reset(autodiff::Rng& rng);

  /// Applies one agent action (A) in [-1, 1] for frame_skip physics steps. The result lives in
  /// the env and is overwritten by the next step (no allocation per step). Throws EnvError for a
  /// wrong action length or a step before the first reset/set_state.
  const StepResult& step(std::span<const float> action);

  /// Sets qpos (nq) and qvel (nv) and recomputes the derived quantities (gym's set_state), for
  /// replaying datasets. Time and the step count are kept. Throws EnvError on wrong lengths.
  void set_state(std::span<const double> qpos, std::span<const double> qvel);

  /// The episode's full state, after reset() or step(); restore_state() takes it back.
  EnvState save_state() const;
  /// Continues from a saved state of an env of this name. Throws EnvError on wrong lengths.
  void restore_state(const EnvState& state);

  /// The observation (S) of the current state.
  std::vector<float> observation() const;
  void observation(std::span<float> out) const;

  /// The agent action mapped to MuJoCo controls as D4RL's NormalizedBoxEnv does, in float32:
  /// ctrl = lo + (a + 1) / 2 * (hi - lo), clipped to [lo, hi] (for ctrlrange +-1 this is a clip).
  void action_to_ctrl(std::span<const float> action, std::span<float> ctrl) const;

  const mjModel& model() const { return *model_; }
  const mjData& data() const { return *data_; }
  const ResetNoise& reset_noise() const { return noise_; }

 protected:
  struct Outcome {
    double reward;
    bool terminated;
    bool goal_reached = false;
  };

  Env(const EnvSpec& spec, ModelPtr model, int frame_skip, ResetNoise noise,
      ObservationLayout layout);

  /// Reward and termination of the step just taken; x_before is qpos[0] before it and ctrl the
  /// clipped controls (A) it applied.
  virtual Outcome outcome(double x_before, std::span<const float> ctrl) const = 0;

  /// Called after outcome() of each stable step, before the observation is taken: a task that moves
  /// its goal on does so here.
  virtual void after_outcome(const Outcome&) {}

  /// Called at the start of reset(), before the state noise is drawn (AntMaze draws its goal).
  virtual void before_reset(autodiff::Rng&) {}

  /// Writes the layout's task_dims values at the end of the observation.
  virtual void task_observation(std::span<float>) const {}

  /// The task's own state beyond MuJoCo's, for save_state() / restore_state().
  virtual std::vector<double> task_state() const { return {}; }
  virtual void set_task_state(std::span<const double>) {}

 private:
  void check_dims() const;
  int instability_warnings() const;

  const EnvSpec& spec_;
  ModelPtr model_;
  DataPtr data_;
  int frame_skip_;
  ResetNoise noise_;
  ObservationLayout layout_;
  int elapsed_steps_ = 0;
  bool started_ = false;        // reset or set_state has been called
  std::vector<float> ctrl_;     // (A) controls of the current step
  StepResult result_;
};

/// The environment called `name` (see env_specs()); throws EnvError for an unknown name.
std::unique_ptr<Env> make_env(std::string_view name);

}  // namespace harness
