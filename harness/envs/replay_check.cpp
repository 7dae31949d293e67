#include "harness/envs/replay_check.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "harness/envs/antmaze.h"

namespace harness {
namespace {

void check_column(const std::string& env, const char* column, size_t size, size_t rows, int width) {
  if (size != rows * static_cast<size_t>(width)) {
    throw EnvError(env + ": column '" + column + "' has " + std::to_string(size) + " values, expected " +
                   std::to_string(rows) + " rows x " + std::to_string(width) +
                   (size == 0 ? " (the file has no such column: check-env needs infos/qpos and infos/qvel)" : ""));
  }
}

// the row's next observation belongs to the same episode
bool continues(const ReplayColumns& c, size_t t, size_t rows) {
  return t + 1 < rows && c.terminals[t] == 0 && c.timeouts[t] == 0;
}

// AntMaze's goal is the task's own state, beside MuJoCo's: the rows' set_state() never moves it
void set_goal(Env& env, std::array<double, 2> goal) {
  EnvState state = env.save_state();
  state.task = {goal[0], goal[1]};
  env.restore_state(state);
}

}  // namespace

ReplayColumns replay_columns(const D4rlArrays& arrays) {
  return {.observations = {arrays.observations.data(), arrays.observations.size()},
          .actions = {arrays.actions.data(), arrays.actions.size()},
          .rewards = {arrays.rewards.data(), arrays.rewards.size()},
          .terminals = arrays.terminals,
          .timeouts = arrays.timeouts,
          .qpos = {arrays.qpos.data(), arrays.qpos.size()},
          .qvel = {arrays.qvel.data(), arrays.qvel.size()}};
}

ReplayReport check_replay(Env& env, const ReplayColumns& c, size_t max_rows,
                          std::optional<std::array<double, 2>> antmaze_goal) {
  const EnvSpec& spec = env.spec();
  const size_t rows = c.rewards.size();
  check_column(spec.name, "observations", c.observations.size(), rows, spec.obs_dim);
  check_column(spec.name, "actions", c.actions.size(), rows, spec.act_dim);
  check_column(spec.name, "terminals", c.terminals.size(), rows, 1);
  check_column(spec.name, "timeouts", c.timeouts.size(), rows, 1);
  check_column(spec.name, "infos/qpos", c.qpos.size(), rows, spec.nq);
  check_column(spec.name, "infos/qvel", c.qvel.size(), rows, spec.nv);

  const size_t obs_dim = spec.obs_dim, act_dim = spec.act_dim;
  ReplayReport report;
  report.state_obs.resize(obs_dim);
  report.next_obs.resize(obs_dim);
  report.rewards_checked = !is_antmaze(spec.name) || antmaze_goal.has_value();
  std::vector<double> qpos(spec.nq), qvel(spec.nv);
  std::vector<float> obs(obs_dim);
  const size_t end = max_rows == 0 ? rows : std::min(rows, max_rows);

  for (size_t t = 0; t < end; ++t) {
    // the recorded state must give the recorded observation
    for (int i = 0; i < spec.nq; ++i) qpos[i] = c.qpos[t * spec.nq + i];
    for (int i = 0; i < spec.nv; ++i) qvel[i] = c.qvel[t * spec.nv + i];
    env.set_state(qpos, qvel);
    if (t == 0 && antmaze_goal) set_goal(env, *antmaze_goal);
    env.observation(obs);
    for (size_t i = 0; i < obs_dim; ++i) {
      report.state_obs[i].update(std::abs(double(obs[i]) - double(c.observations[t * obs_dim + i])), t);
    }
    ++report.rows;

    // the recorded action from there must give the recorded reward, done and next observation
    const StepResult& step = env.step(c.actions.subspan(t * act_dim, act_dim));
    if (step.physics_warning) {
      ++report.physics_warnings;
      continue;
    }
    if (report.rewards_checked) {
      report.reward.update(std::abs(step.reward - double(c.rewards[t])), t);
      report.termination_mismatches += step.terminated != (c.terminals[t] != 0);
    }
    if (!continues(c, t, rows)) continue;
    ++report.transitions;
    for (size_t i = 0; i < obs_dim; ++i) {
      report.next_obs[i].update(
          std::abs(double(step.observation[i]) - double(c.observations[(t + 1) * obs_dim + i])), t);
    }
  }
  return report;
}

}  // namespace harness
