// Tests for harness/envs/evaluate.cpp: per-episode returns, lengths and normalised scores of a
// deterministic policy, compared with a hand-run rollout from the same seed.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "harness/envs/evaluate.h"

namespace harness {
namespace {

// a fixed linear policy: deterministic, and different from zero so the hopper moves
void linear_policy(std::span<const float> obs, std::span<float> action) {
  for (size_t i = 0; i < action.size(); ++i) action[i] = std::tanh(0.5f * obs[i] - 0.2f);
}

TEST(Evaluate, MatchesAHandRunRolloutFromTheSameSeed) {
  std::unique_ptr<Env> env = make_env("hopper");
  autodiff::Rng eval_rng(11);
  const EvalResult result = evaluate(*env, linear_policy, 3, eval_rng);

  autodiff::Rng rng(11);
  for (int episode = 0; episode < 3; ++episode) {
    std::vector<float> obs = env->reset(rng);
    std::vector<float> action(3);
    double episode_return = 0.0;
    int length = 0;
    for (bool done = false; !done; ++length) {
      linear_policy(obs, action);
      const StepResult& step = env->step(action);
      obs = step.observation;
      episode_return += step.reward;
      done = step.terminated || step.truncated;
    }
    EXPECT_EQ(result.returns[episode], episode_return) << "episode " << episode;
    EXPECT_EQ(result.lengths[episode], length) << "episode " << episode;
    EXPECT_DOUBLE_EQ(result.normalized_scores[episode],
                     100.0 * (episode_return + 20.272305) / (3234.3 + 20.272305));
  }
  EXPECT_EQ(result.physics_warnings, 0);
}

TEST(Evaluate, MeanAndStdAreOverEpisodeScores) {
  std::unique_ptr<Env> env = make_env("walker2d");
  autodiff::Rng rng(12);
  const EvalResult result = evaluate(*env, linear_policy, 4, rng);
  ASSERT_EQ(result.normalized_scores.size(), 4u);
  double mean = 0.0;
  for (double s : result.normalized_scores) mean += s / 4;
  double var = 0.0;
  for (double s : result.normalized_scores) var += (s - mean) * (s - mean) / 4;
  EXPECT_NEAR(result.normalized_mean, mean, 1e-12);
  EXPECT_NEAR(result.normalized_std, std::sqrt(var), 1e-12);
  EXPECT_GT(result.normalized_std, 0.0) << "episodes differ by their reset noise";
}

TEST(Evaluate, SameSeedGivesSameScores) {
  std::unique_ptr<Env> env = make_env("hopper");
  autodiff::Rng a(13), b(13);
  EXPECT_EQ(evaluate(*env, linear_policy, 2, a).returns, evaluate(*env, linear_policy, 2, b).returns);
}

TEST(Evaluate, AntMazeZeroPolicyScoresZeroOverTheFullLimit) {
  std::unique_ptr<Env> env = make_env("antmaze-umaze");
  autodiff::Rng rng(14);
  const auto zero = [](std::span<const float>, std::span<float> a) { std::fill(a.begin(), a.end(), 0.0f); };
  const EvalResult result = evaluate(*env, zero, 1, rng);
  EXPECT_EQ(result.lengths[0], 700);
  EXPECT_EQ(result.returns[0], 0.0);
  EXPECT_EQ(result.normalized_mean, 0.0);
}

TEST(Evaluate, CountsEpisodesCutByPhysicsWarnings) {
  std::unique_ptr<Env> env = make_env("halfcheetah");
  autodiff::Rng rng(15);
  const auto diverged = [](std::span<const float>, std::span<float> a) {
    std::fill(a.begin(), a.end(), std::numeric_limits<float>::quiet_NaN());
  };
  const EvalResult result = evaluate(*env, diverged, 2, rng);
  EXPECT_EQ(result.physics_warnings, 2);
  EXPECT_EQ(result.lengths, (std::vector<int>{1, 1}));
}

TEST(Evaluate, RejectsZeroEpisodes) {
  std::unique_ptr<Env> env = make_env("hopper");
  autodiff::Rng rng(16);
  EXPECT_THROW(evaluate(*env, linear_policy, 0, rng), EnvError);
}

}  // namespace
}  // namespace harness
