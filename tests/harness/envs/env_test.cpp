// Tests for harness/envs/env.cpp: determinism, replay through set_state, argument checks and the
// handling of MuJoCo instability, across all six environments.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "harness/envs/env.h"
#include "test_support.h"

namespace harness {
namespace {

constexpr int kDeterminismSteps = 150;
constexpr double kReplayTol = 1e-9;  // set_state re-runs mj_forward, which changes the warm start

// a random-action episode from `seed`: every observation's bits and reward, reset on done
std::vector<float> run_trace(Env& env, uint64_t seed) {
  autodiff::Rng reset_rng = autodiff::Rng::stream(seed, "reset");
  autodiff::Rng action_rng = autodiff::Rng::stream(seed, "actions");
  std::vector<float> trace = env.reset(reset_rng);
  std::vector<float> action(env.act_dim());
  for (int t = 0; t < kDeterminismSteps; ++t) {
    for (float& a : action) a = static_cast<float>(action_rng.uniform(-1.0, 1.0));
    const StepResult& step = env.step(action);
    trace.insert(trace.end(), step.observation.begin(), step.observation.end());
    trace.push_back(static_cast<float>(step.reward));
    if (step.terminated || step.truncated) {
      const std::vector<float> obs = env.reset(reset_rng);
      trace.insert(trace.end(), obs.begin(), obs.end());
    }
  }
  return trace;
}

class EnvAll : public testing::TestWithParam<std::string> {};

TEST_P(EnvAll, SameSeedAndActionsGiveIdenticalObservationBits) {
  std::unique_ptr<Env> fresh = make_env(GetParam());
  std::unique_ptr<Env> used = make_env(GetParam());
  run_trace(*used, 99);  // leaves warm start, time and counters behind; reset must clear them
  const std::vector<float> a = run_trace(*fresh, 7);
  const std::vector<float> b = run_trace(*used, 7);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)), 0);
}

TEST_P(EnvAll, DifferentSeedsGiveDifferentStarts) {
  std::unique_ptr<Env> env = make_env(GetParam());
  autodiff::Rng rng_a(1), rng_b(2);
  EXPECT_NE(env->reset(rng_a), env->reset(rng_b));
}

// the dataset fidelity check's premise: set_state(qpos_t, qvel_t) + step(a_t) reproduces step t
TEST_P(EnvAll, StepFromSetStateReproducesTheOriginalStep) {
  std::unique_ptr<Env> env = make_env(GetParam());
  autodiff::Rng rng(3), action_rng(4);
  env->reset(rng);
  std::vector<float> action(env->act_dim());
  for (int t = 0; t < 20; ++t) {
    for (float& a : action) a = static_cast<float>(action_rng.uniform(-1.0, 1.0));
    const std::vector<double> qpos = test::current_qpos(*env);
    const std::vector<double> qvel = test::current_qvel(*env);
    const StepResult original = env->step(action);
    env->set_state(qpos, qvel);
    const StepResult& replayed = env->step(action);
    for (size_t i = 0; i < original.observation.size(); ++i) {
      ASSERT_NEAR(replayed.observation[i], original.observation[i], kReplayTol) << "t " << t << " dim " << i;
    }
    ASSERT_NEAR(replayed.reward, original.reward, kReplayTol) << "t " << t;
    if (original.terminated) break;
  }
}

// checkpoints of online runs: a saved mid-episode state continues bit for bit in another env object
TEST_P(EnvAll, RestoredStateContinuesTheEpisodeBitForBit) {
  std::unique_ptr<Env> env = make_env(GetParam());
  autodiff::Rng rng(5), action_rng(6);
  env->reset(rng);
  std::vector<float> action(env->act_dim());
  auto step_trace = [&](Env& e, autodiff::Rng actions, int steps) {
    std::vector<float> trace;
    for (int t = 0; t < steps; ++t) {
      for (float& a : action) a = static_cast<float>(actions.uniform(-1.0, 1.0));
      const StepResult& step = e.step(action);
      trace.insert(trace.end(), step.observation.begin(), step.observation.end());
      trace.push_back(static_cast<float>(step.reward));
      trace.push_back(static_cast<float>(e.elapsed_steps()));
      if (step.terminated || step.truncated) break;
    }
    return trace;
  };
  step_trace(*env, autodiff::Rng(8), 30);
  const EnvState saved = env->save_state();
  const std::vector<float> original = step_trace(*env, action_rng, 40);
  std::unique_ptr<Env> restored = make_env(GetParam());
  restored->restore_state(saved);
  EXPECT_EQ(restored->save_state().qpos, saved.qpos);  // every bit, quaternions included
  const std::vector<float> resumed = step_trace(*restored, action_rng, 40);
  ASSERT_EQ(original.size(), resumed.size());
  EXPECT_EQ(std::memcmp(original.data(), resumed.data(), original.size() * sizeof(float)), 0);
  EXPECT_EQ(flatten(restored->save_state()), flatten(env->save_state()));  // the doubles, not only the floats
}

INSTANTIATE_TEST_SUITE_P(Envs, EnvAll, testing::ValuesIn(test::all_env_names()), test::env_param_name);

TEST(Env, MakeEnvRejectsUnknownNameAndListsKnownOnes) {
  try {
    make_env("hoper");
    FAIL() << "expected EnvError";
  } catch (const EnvError& e) {
    EXPECT_NE(std::string(e.what()).find("hopper"), std::string::npos) << e.what();
  }
}

TEST(Env, StepRejectsWrongActionLength) {
  std::unique_ptr<Env> env = make_env("hopper");
  autodiff::Rng rng(0);
  env->reset(rng);
  const std::vector<float> action(4, 0.0f);
  EXPECT_THROW(env->step(action), EnvError);
}

TEST(Env, StepBeforeResetThrows) {
  std::unique_ptr<Env> env = make_env("walker2d");
  EXPECT_THROW(env->step(std::vector<float>(6, 0.0f)), EnvError);
}

TEST(Env, SetStateRejectsWrongLengths) {
  std::unique_ptr<Env> env = make_env("halfcheetah");
  EXPECT_THROW(env->set_state(std::vector<double>(8), std::vector<double>(9)), EnvError);
  EXPECT_THROW(env->set_state(std::vector<double>(9), std::vector<double>(10)), EnvError);
}

TEST(Env, PhysicsBlowUpEndsTheEpisodeAsTruncated) {
  std::unique_ptr<Env> env = make_env("hopper");
  std::vector<double> qvel(6, 1e9);  // finite (so not BADQVEL), but the accelerations overflow
  env->set_state(test::default_qpos(*env), qvel);
  const StepResult& step = env->step(std::vector<float>(3, 0.0f));
  EXPECT_TRUE(step.physics_warning);
  EXPECT_TRUE(step.truncated);
  EXPECT_FALSE(step.terminated);
  EXPECT_EQ(step.reward, 0.0);
}

TEST(Env, NonFiniteActionIsAPhysicsWarning) {
  std::unique_ptr<Env> env = make_env("halfcheetah");
  autodiff::Rng rng(0);
  env->reset(rng);
  std::vector<float> action(6, 0.0f);
  action[2] = std::numeric_limits<float>::quiet_NaN();
  const StepResult& step = env->step(action);
  EXPECT_TRUE(step.physics_warning);
  EXPECT_TRUE(step.truncated);
}

TEST(Env, StepResultIsReusedWithoutReallocation) {
  std::unique_ptr<Env> env = make_env("hopper");
  autodiff::Rng rng(0);
  env->reset(rng);
  const std::vector<float> action(3, 0.0f);
  const float* first = env->step(action).observation.data();
  EXPECT_EQ(env->step(action).observation.data(), first);
}

}  // namespace
}  // namespace harness
