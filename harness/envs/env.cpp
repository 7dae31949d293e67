#include "harness/envs/env.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "harness/envs/ant_goal.h"
#include "harness/envs/antmaze.h"
#include "harness/envs/locomotion.h"

namespace harness {

Env::Env(const EnvSpec& spec, ModelPtr model, int frame_skip, ResetNoise noise,
         ObservationLayout layout)
    : spec_(spec),
      model_(std::move(model)),
      data_(make_data(*model_)),
      frame_skip_(frame_skip),
      noise_(noise),
      layout_(layout),
      ctrl_(spec.act_dim) {
  check_dims();
  result_.observation.resize(spec.obs_dim);
}

// the model and the spec table are written separately; a mismatch is a bug in one of them
void Env::check_dims() const {
  const mjModel& m = *model_;
  const int obs_dim = m.nq - layout_.qpos_skip + m.nv + layout_.task_dims;
  if (m.nq != spec_.nq || m.nv != spec_.nv || m.nu != spec_.act_dim || obs_dim != spec_.obs_dim) {
    throw EnvError(spec_.name + ": model has nq " + std::to_string(m.nq) + ", nv " +
                   std::to_string(m.nv) + ", nu " + std::to_string(m.nu) + ", obs " +
                   std::to_string(obs_dim) + " but the spec says " + std::to_string(spec_.nq) +
                   ", " + std::to_string(spec_.nv) + ", " + std::to_string(spec_.act_dim) + ", " +
                   std::to_string(spec_.obs_dim));
  }
}

std::vector<float> Env::reset(autodiff::Rng& rng) {
  const mjModel& m = *model_;
  mjData& d = *data_;
  mj_resetData(&m, &d);
  before_reset(rng);

  // gym's reset_model: qpos noise for every coordinate first, then qvel noise
  for (int i = 0; i < m.nq; ++i) {
    d.qpos[i] = m.qpos0[i] + rng.uniform(-noise_.qpos_half_width, noise_.qpos_half_width);
  }
  for (int i = 0; i < m.nv; ++i) {
    d.qvel[i] = noise_.velocity == ResetNoise::Velocity::kUniform
                    ? rng.uniform(-noise_.qvel_scale, noise_.qvel_scale)
                    : noise_.qvel_scale * rng.normal();
  }
  mj_forward(&m, &d);

  elapsed_steps_ = 0;
  started_ = true;
  return observation();
}

void Env::action_to_ctrl(std::span<const float> action, std::span<float> ctrl) const {
  for (int i = 0; i < model_->nu; ++i) {
    const float lo = static_cast<float>(model_->actuator_ctrlrange[2 * i]);
    const float hi = static_cast<float>(model_->actuator_ctrlrange[2 * i + 1]);
    const float scaled = lo + (action[i] + 1.0f) * 0.5f * (hi - lo);
    ctrl[i] = std::clamp(scaled, lo, hi);
  }
}

// MuJoCo answers a non-finite or huge qpos/qvel/qacc by resetting mjData, and a non-finite ctrl
// (a diverged policy) by ignoring it; each is counted in mjData::warning
int Env::instability_warnings() const {
  const mjData& d = *data_;
  return d.warning[mjWARN_BADQPOS].number + d.warning[mjWARN_BADQVEL].number +
         d.warning[mjWARN_BADQACC].number + d.warning[mjWARN_BADCTRL].number;
}

const StepResult& Env::step(std::span<const float> action) {
  if (!started_) throw EnvError(spec_.name + ": step() called before reset() or set_state()");
  if (static_cast<int>(action.size()) != spec_.act_dim) {
    throw EnvError(spec_.name + ": action has " + std::to_string(action.size()) +
                   " values, expected " + std::to_string(spec_.act_dim));
  }
  const mjModel& m = *model_;
  mjData& d = *data_;
  action_to_ctrl(action, ctrl_);
  const double x_before = d.qpos[0];
  const int warnings_before = instability_warnings();

  // gym do_simulation: hold the controls for frame_skip physics steps
  std::copy(ctrl_.begin(), ctrl_.end(), d.ctrl);
  bool unstable = false;
  for (int i = 0; i < frame_skip_ && !unstable; ++i) {
    mj_step(&m, &d);
    unstable = instability_warnings() != warnings_before;
  }
  ++elapsed_steps_;

  result_.physics_warning = unstable;
  if (unstable) {
    // the state was reset (or the controls dropped) by MuJoCo: no meaningful reward, end here
    result_.reward = 0.0;
    result_.terminated = false;
    result_.truncated = true;
    result_.goal_reached = false;
  } else {
    const Outcome out = outcome(x_before, ctrl_);
    after_outcome(out);
    result_.reward = out.reward;
    result_.terminated = out.terminated;
    result_.goal_reached = out.goal_reached;
    // gym TimeLimit: truncated only when the env did not end the episode itself
    result_.truncated = !out.terminated && elapsed_steps_ >= spec_.max_steps;
  }
  observation(result_.observation);
  return result_;
}

void Env::set_state(std::span<const double> qpos, std::span<const double> qvel) {
  const mjModel& m = *model_;
  if (static_cast<int>(qpos.size()) != m.nq || static_cast<int>(qvel.size()) != m.nv) {
    throw EnvError(spec_.name + ": set_state got qpos of " + std::to_string(qpos.size()) +
                   " and qvel of " + std::to_string(qvel.size()) + " values, expected " +
                   std::to_string(m.nq) + " and " + std::to_string(m.nv));
  }
  mjData& d = *data_;
  std::copy(qpos.begin(), qpos.end(), d.qpos);
  std::copy(qvel.begin(), qvel.end(), d.qvel);
  mj_forward(&m, &d);
  started_ = true;
}

namespace {

// the variable-length parts of an EnvState, in the order flatten() writes them
std::vector<std::vector<double>*> parts(EnvState& s) { return {&s.qpos, &s.qvel, &s.act, &s.qacc_warmstart, &s.ctrl, &s.task}; }

}  // namespace

std::vector<double> flatten(const EnvState& state) {
  EnvState copy = state;
  std::vector<double> out = {copy.time, static_cast<double>(copy.elapsed_steps)};
  for (const std::vector<double>* part : parts(copy)) {
    out.push_back(static_cast<double>(part->size()));
    out.insert(out.end(), part->begin(), part->end());
  }
  return out;
}

EnvState unflatten(std::span<const double> values) {
  EnvState s;
  size_t at = 2;
  auto fail = [] { return EnvError("a saved environment state is damaged (its lengths do not add up)"); };
  if (values.size() < at) throw fail();
  s.time = values[0];
  s.elapsed_steps = static_cast<int>(values[1]);
  for (std::vector<double>* part : parts(s)) {
    if (at >= values.size()) throw fail();
    const size_t n = static_cast<size_t>(values[at++]);
    if (n > values.size() - at) throw fail();
    part->assign(values.begin() + static_cast<std::ptrdiff_t>(at), values.begin() + static_cast<std::ptrdiff_t>(at + n));
    at += n;
  }
  if (at != values.size()) throw fail();
  return s;
}

EnvState Env::save_state() const {
  if (!started_) throw EnvError(spec_.name + ": save_state() called before reset() or set_state()");
  const mjModel& m = *model_;
  const mjData& d = *data_;
  EnvState s;
  s.qpos.assign(d.qpos, d.qpos + m.nq);
  s.qvel.assign(d.qvel, d.qvel + m.nv);
  s.act.assign(d.act, d.act + m.na);
  s.qacc_warmstart.assign(d.qacc_warmstart, d.qacc_warmstart + m.nv);
  s.ctrl.assign(d.ctrl, d.ctrl + m.nu);
  s.time = d.time;
  s.elapsed_steps = elapsed_steps_;
  s.task = task_state();
  return s;
}

void Env::restore_state(const EnvState& s) {
  const mjModel& m = *model_;
  if (s.act.size() != static_cast<size_t>(m.na) || s.qacc_warmstart.size() != static_cast<size_t>(m.nv) ||
      s.ctrl.size() != static_cast<size_t>(m.nu)) {
    throw EnvError(spec_.name + ": a saved state of another model (act, qacc_warmstart or ctrl of the wrong length)");
  }
  set_state(s.qpos, s.qvel);  // checks qpos and qvel, runs mj_forward for the derived quantities
  mjData& d = *data_;
  // mj_forward normalises quaternions in qpos in place, which can move their last bits: the next step
  // must start from the saved qpos itself, as the episode that was saved would have
  std::copy(s.qpos.begin(), s.qpos.end(), d.qpos);
  std::copy(s.act.begin(), s.act.end(), d.act);
  std::copy(s.qacc_warmstart.begin(), s.qacc_warmstart.end(), d.qacc_warmstart);
  std::copy(s.ctrl.begin(), s.ctrl.end(), d.ctrl);
  d.time = s.time;
  elapsed_steps_ = s.elapsed_steps;
  set_task_state(s.task);
}

std::vector<float> Env::observation() const {
  std::vector<float> out(spec_.obs_dim);
  observation(out);
  return out;
}

void Env::observation(std::span<float> out) const {
  if (static_cast<int>(out.size()) != spec_.obs_dim) {
    throw EnvError(spec_.name + ": observation buffer has " + std::to_string(out.size()) +
                   " values, expected " + std::to_string(spec_.obs_dim));
  }
  const mjModel& m = *model_;
  const mjData& d = *data_;
  const double clip = layout_.velocity_clip;
  float* o = out.data();
  for (int i = layout_.qpos_skip; i < m.nq; ++i) *o++ = static_cast<float>(d.qpos[i]);
  for (int i = 0; i < m.nv; ++i) *o++ = static_cast<float>(std::clamp(d.qvel[i], -clip, clip));
  task_observation(out.last(static_cast<size_t>(layout_.task_dims)));
}

std::unique_ptr<Env> make_env(std::string_view name) {
  const EnvSpec& spec = env_spec(name);  // throws for unknown names
  if (is_antmaze(spec.name)) return make_antmaze_env(spec);
  if (spec.name == kAntGoalEnv) return make_ant_goal_env(spec);
  return make_locomotion_env(spec);
}

}  // namespace harness
