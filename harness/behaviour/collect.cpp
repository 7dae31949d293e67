#include "harness/behaviour/collect.h"

#include <cmath>

namespace harness {

Behaviour random_behaviour(size_t act_dim, autodiff::Rng& rng) {
  const float log_prob = -static_cast<float>(act_dim) * std::log(2.0f);  // the density of U(-1, 1)^A
  return [&rng, log_prob](std::span<const float>, std::span<float> action) {
    for (float& a : action) a = static_cast<float>(rng.uniform(-1.0, 1.0));
    return log_prob;
  };
}

Behaviour policy_behaviour(sac::TanhGaussianPolicy& policy, autodiff::Rng& rng) {
  return [&policy, &rng, eps = std::vector<float>(policy.act_dim())](std::span<const float> observation,
                                                                    std::span<float> action) mutable {
    for (float& e : eps) e = static_cast<float>(rng.normal());
    return policy.sample_row(observation, eps, action);
  };
}

D4rlFile collect_rows(Env& env, const Behaviour& behaviour, int64_t rows, autodiff::Rng& resets, Progress* progress) {
  const size_t n = static_cast<size_t>(rows), s = static_cast<size_t>(env.obs_dim()), a = static_cast<size_t>(env.act_dim());
  const size_t nq = static_cast<size_t>(env.model().nq), nv = static_cast<size_t>(env.model().nv);
  D4rlFile file;
  D4rlArrays& out = file.arrays;
  out.observations.resize({n, s});
  out.actions.resize({n, a});
  out.rewards.resize({n, 1});
  out.terminals.assign(n, 0);
  out.timeouts.assign(n, 0);
  out.qpos.resize({n, nq});
  out.qvel.resize({n, nv});
  file.next_observations.resize({n, s});
  file.action_log_probs.resize({n, 1});
  std::vector<float> observation = env.reset(resets);
  for (size_t row = 0; row < n; ++row) {
    const mjData& d = env.data();
    std::copy_n(d.qpos, nq, &out.qpos(row, 0));
    std::copy_n(d.qvel, nv, &out.qvel(row, 0));
    std::copy(observation.begin(), observation.end(), &out.observations(row, 0));
    std::span<float> action(&out.actions(row, 0), a);
    file.action_log_probs(row, 0) = behaviour(observation, action);
    const StepResult& step = env.step(action);
    out.rewards(row, 0) = static_cast<float>(step.reward);
    out.terminals[row] = step.terminated;
    out.timeouts[row] = step.truncated;
    std::copy(step.observation.begin(), step.observation.end(), &file.next_observations(row, 0));
    observation = step.terminated || step.truncated ? env.reset(resets) : step.observation;
    if (progress) progress->tick(static_cast<int64_t>(row) + 1);
  }
  return file;
}

}  // namespace harness
