#include "harness/run/rollout_dataset.h"

#include <algorithm>
#include <cmath>

#include "harness/data/fixture_writer.h"
#include "harness/envs/env.h"

namespace harness {
namespace {

// the arrays of a D4RL file, filled row by row
struct Columns {
  D4rlFile file;

  Columns(size_t rows, const Env& env) {
    const size_t obs = static_cast<size_t>(env.obs_dim()), act = static_cast<size_t>(env.act_dim());
    D4rlArrays& a = file.arrays;
    a.observations.resize({rows, obs});
    a.actions.resize({rows, act});
    a.rewards.resize({rows, 1});
    a.terminals.assign(rows, 0);
    a.timeouts.assign(rows, 0);
    a.qpos.resize({rows, static_cast<size_t>(env.model().nq)});
    a.qvel.resize({rows, static_cast<size_t>(env.model().nv)});
    file.next_observations.resize({rows, obs});
    // uniform actions on [-1, 1]^A have density 2^-A everywhere
    file.action_log_probs = Tensor(std::array<size_t, 2>{rows, 1}, static_cast<float>(-double(act) * std::log(2.0)));
  }

  // the state before the step: observation, qpos, qvel
  void record_state(size_t row, const Env& env, std::span<const float> observation) {
    D4rlArrays& a = file.arrays;
    std::copy(observation.begin(), observation.end(), &a.observations(row, 0));
    for (int i = 0; i < env.model().nq; ++i) a.qpos(row, static_cast<size_t>(i)) = static_cast<float>(env.data().qpos[i]);
    for (int i = 0; i < env.model().nv; ++i) a.qvel(row, static_cast<size_t>(i)) = static_cast<float>(env.data().qvel[i]);
  }
};

}  // namespace

double write_random_rollouts(const std::string& path, const std::string& env_name, size_t rows, uint64_t seed) {
  std::unique_ptr<Env> env = make_env(env_name);
  autodiff::Rng resets = autodiff::Rng::stream(seed, "rollout-resets");
  autodiff::Rng actions = autodiff::Rng::stream(seed, "rollout-actions");
  Columns c(rows, *env);
  std::vector<float> observation = env->reset(resets);
  std::vector<float> action(static_cast<size_t>(env->act_dim()));
  double episode_return = 0, score_sum = 0;
  int episodes = 0;
  for (size_t row = 0; row < rows; ++row) {
    c.record_state(row, *env, observation);
    for (float& a : action) a = static_cast<float>(actions.uniform(-1.0, 1.0));
    std::copy(action.begin(), action.end(), &c.file.arrays.actions(row, 0));
    const StepResult& step = env->step(action);
    c.file.arrays.rewards(row, 0) = static_cast<float>(step.reward);
    std::copy(step.observation.begin(), step.observation.end(), &c.file.next_observations(row, 0));
    c.file.arrays.terminals[row] = step.terminated;
    c.file.arrays.timeouts[row] = step.truncated;
    episode_return += step.reward;
    if (step.terminated || step.truncated) {
      score_sum += normalized_score(env->spec(), episode_return);
      ++episodes;
      episode_return = 0;
    }
    observation = (step.terminated || step.truncated) ? env->reset(resets) : step.observation;
  }
  write_d4rl(path, c.file);
  return episodes > 0 ? score_sum / episodes : 0.0;
}

}  // namespace harness
