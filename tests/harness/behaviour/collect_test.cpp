// Tests for harness/behaviour/collect.cpp: D4RL's episode flags, rows that replay through the env
// (what `iql datasets check-env` checks), and the behaviours' log-probabilities.
#include <gtest/gtest.h>

#include <cmath>

#include "harness/behaviour/collect.h"
#include "harness/envs/replay_check.h"

namespace harness {
namespace {

D4rlFile random_rows(const std::string& env_name, int64_t rows, uint64_t seed) {
  std::unique_ptr<Env> env = make_env(env_name);
  autodiff::Rng actions(seed), resets(seed + 100);
  return collect_rows(*env, random_behaviour(static_cast<size_t>(env->act_dim()), actions), rows, resets, nullptr);
}

// halfcheetah never terminates: every episode is exactly the 1000-step limit, and the last one is cut
TEST(CollectRows, TimeoutsMarkTheLimitAndTheLastEpisodeIsCutWithoutAFlag) {
  const D4rlFile f = random_rows("halfcheetah", 2500, 1);
  const D4rlArrays& a = f.arrays;
  ASSERT_EQ(a.rows(), 2500u);
  for (size_t row = 0; row < a.rows(); ++row) {
    EXPECT_EQ(a.timeouts[row], row == 999 || row == 1999) << row;
    EXPECT_EQ(a.terminals[row], 0) << row;
  }
}

TEST(CollectRows, NextObservationsContinueInsideEpisodesAndRandomLogProbsAreUniform) {
  const D4rlFile f = random_rows("hopper", 3000, 2);
  const D4rlArrays& a = f.arrays;
  size_t ends = 0;
  for (size_t row = 0; row + 1 < a.rows(); ++row) {
    if (a.terminals[row] || a.timeouts[row]) {
      ++ends;
      continue;
    }
    for (size_t j = 0; j < a.observations.shape(1); ++j)
      ASSERT_EQ(f.next_observations(row, j), a.observations(row + 1, j)) << row;
  }
  EXPECT_GT(ends, 10u);  // random hopper falls within tens of steps
  EXPECT_FLOAT_EQ(f.action_log_probs(0, 0), -3.0f * std::log(2.0f));
}

// check-env's premise: each row's infos/qpos, infos/qvel and action reproduce its step, exactly: the
// state is kept in double, as MuJoCo has it
TEST(CollectRows, RowsReplayThroughTheEnvironmentAsCheckEnvDoes) {
  for (const char* name : {"hopper", "walker2d", "halfcheetah"}) {
    const D4rlFile f = random_rows(name, 1500, 3);
    std::unique_ptr<Env> env = make_env(name);
    const ReplayReport report = check_replay(*env, replay_columns(f.arrays));
    EXPECT_EQ(report.termination_mismatches, 0u) << name;
    EXPECT_LT(report.reward.value, 1e-3) << name << " row " << report.reward.row;
    for (const MaxError& e : report.next_obs) EXPECT_EQ(e.value, 0.0) << name << " row " << e.row;
  }
}

TEST(CollectRows, APolicyBehaviourReportsTheLogProbabilityOfTheActionItTook) {
  sac::SacConfig config;
  config.hidden_dim = 16;
  autodiff::Rng init(4), noise_a(5), noise_b(5);
  sac::TanhGaussianPolicy policy(11, 3, config, init);
  std::unique_ptr<Env> env = make_env("hopper");
  autodiff::Rng resets(6);
  const D4rlFile f = collect_rows(*env, policy_behaviour(policy, noise_a), 50, resets, nullptr);
  // the same draws by hand: the first row's action and log-probability
  std::vector<float> eps(3), action(3);
  for (float& e : eps) e = static_cast<float>(noise_b.normal());
  const float log_prob = policy.sample_row({&f.arrays.observations(0, 0), 11}, eps, action);
  EXPECT_EQ(f.action_log_probs(0, 0), log_prob);
  for (size_t j = 0; j < 3; ++j) EXPECT_EQ(f.arrays.actions(0, j), action[j]);
}

}  // namespace
}  // namespace harness
