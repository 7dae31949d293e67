// Tests for harness/envs/evaluate.cpp and evaluate_parallel.cpp: per-episode returns, lengths and
// normalised scores of a deterministic policy, compared with a hand-run rollout from the same seed;
// the parallel episodes give the same bits on any number of threads.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <limits>

#include "autodiff/thread_pool.h"
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

// the episodes on 1-4 threads: evaluate()'s returns, lengths and goals, and its rng afterwards; on
// hopper and walker2d (short episodes: the linear policy falls) and on an AntMaze, whose reset also
// draws the goal (a NaN policy ends its episodes at the first step, the physics flagging the state)
TEST(EvaluateParallel, EveryThreadCountGivesEvaluatesBits) {
  const auto nan_policy = [](std::span<const float>, std::span<float> a) {
    std::fill(a.begin(), a.end(), std::numeric_limits<float>::quiet_NaN());
  };
  const std::pair<const char*, Policy> cases[] = {
      {"hopper", linear_policy}, {"walker2d", linear_policy}, {"antmaze-umaze", nan_policy}};
  for (const auto& [name, policy] : cases) {
    std::unique_ptr<Env> env = make_env(name);
    autodiff::Rng serial_rng(17);
    const EvalResult serial = evaluate(*env, policy, 5, serial_rng);
    for (size_t threads : {1, 2, 3, 4}) {
      autodiff::set_thread_count(threads);
      autodiff::Rng rng(17);
      const EvalResult r = evaluate_parallel(*env, [&policy] { return policy; }, 5, rng, threads);
      if (name != std::string("antmaze-umaze")) {  // NaN rewards there: no two compare equal
        EXPECT_EQ(r.returns, serial.returns) << name << ", " << threads << " threads";
      }
      EXPECT_EQ(r.lengths, serial.lengths) << name << ", " << threads << " threads";
      EXPECT_EQ(r.goals_reached, serial.goals_reached) << name << ", " << threads << " threads";
      EXPECT_EQ(r.physics_warnings, serial.physics_warnings) << name << ", " << threads << " threads";
      EXPECT_EQ(rng.state(), serial_rng.state()) << name << ", " << threads << " threads";
    }
  }
  autodiff::set_thread_count(1);
}

TEST(EvaluateParallel, RunsOnAsManyThreadsAsItMay) {
  autodiff::set_thread_count(3);
  std::unique_ptr<Env> env = make_env("hopper");
  std::atomic<int> made{0};
  const PolicyFactory counted = [&] { ++made; return Policy(linear_policy); };
  autodiff::Rng rng(18);
  evaluate_parallel(*env, counted, 2, rng, 4);  // two episodes: two threads, not four
  EXPECT_EQ(made, 2);
  autodiff::set_thread_count(1);
  EXPECT_THROW(evaluate_parallel(*env, counted, 0, rng, 2), EnvError);
}

TEST(Evaluate, RejectsZeroEpisodes) {
  std::unique_ptr<Env> env = make_env("hopper");
  autodiff::Rng rng(16);
  EXPECT_THROW(evaluate(*env, linear_policy, 0, rng), EnvError);
}

}  // namespace
}  // namespace harness
