// Tests for harness/envs/locomotion.cpp: observation, reward, health and time limit of Hopper,
// Walker2d and HalfCheetah on constructed states, against the formulas of spec section 4.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "harness/envs/locomotion.h"
#include "test_support.h"

namespace harness {
namespace {

using test::current_qpos;
using test::current_qvel;
using test::default_qpos;

constexpr double kRewardTol = 1e-7;  // float32 rounding of the rescaled action in the control cost
constexpr double kBoundEps = 1e-6;   // "just past" a healthy bound
constexpr int kNoiseResets = 3000;

LocomotionEnv& as_locomotion(Env& env) { return dynamic_cast<LocomotionEnv&>(env); }

// sets qpos0 with some coordinates replaced, zero velocity except the given ones
void set_pose(Env& env, std::vector<std::pair<int, double>> qpos_changes,
              std::vector<std::pair<int, double>> qvel_changes = {}) {
  std::vector<double> qpos = default_qpos(env);
  std::vector<double> qvel(env.model().nv, 0.0);
  for (auto [i, v] : qpos_changes) qpos[i] = v;
  for (auto [i, v] : qvel_changes) qvel[i] = v;
  env.set_state(qpos, qvel);
}

const std::vector<float> kZero3(3, 0.0f);
const std::vector<float> kZero6(6, 0.0f);

TEST(Hopper, ObservationIsQposWithoutXThenClippedQvel) {
  std::unique_ptr<Env> env = make_env("hopper");
  const std::vector<double> qpos = {3.0, 1.2, 0.1, -0.2, -0.3, 0.4};
  const std::vector<double> qvel = {15.0, -12.0, 0.5, 9.5, -10.5, 1.0};
  env->set_state(qpos, qvel);
  const std::vector<float> expected = {1.2f, 0.1f, -0.2f, -0.3f, 0.4f,
                                       10.0f, -10.0f, 0.5f, 9.5f, -10.0f, 1.0f};
  EXPECT_EQ(env->observation(), expected);
}

TEST(Walker2d, ObservationClipsVelocityToTen) {
  std::unique_ptr<Env> env = make_env("walker2d");
  set_pose(*env, {{0, 5.0}}, {{0, 11.0}, {8, -20.0}});
  const std::vector<float> obs = env->observation();
  ASSERT_EQ(obs.size(), 17u);
  EXPECT_EQ(obs[0], 1.25f);   // qpos[1], the torso height; x is left out
  EXPECT_EQ(obs[8], 10.0f);   // qvel[0]
  EXPECT_EQ(obs[16], -10.0f); // qvel[8]
}

TEST(HalfCheetah, ObservationDoesNotClipVelocity) {
  std::unique_ptr<Env> env = make_env("halfcheetah");
  set_pose(*env, {{0, 5.0}, {1, 0.2}}, {{0, 15.0}, {8, -25.0}});
  const std::vector<float> obs = env->observation();
  ASSERT_EQ(obs.size(), 17u);
  EXPECT_EQ(obs[0], 0.2f);
  EXPECT_EQ(obs[8], 15.0f);
  EXPECT_EQ(obs[16], -25.0f);
}

// D4RL's NormalizedBoxEnv: for ctrlrange +-1 the action is clipped to [-1, 1]
TEST(Locomotion, ActionIsClippedToCtrlRange) {
  for (const char* name : {"hopper", "walker2d", "halfcheetah"}) {
    std::unique_ptr<Env> env = make_env(name);
    autodiff::Rng rng(1);
    env->reset(rng);
    std::vector<float> action(env->act_dim(), 0.25f);
    action[0] = 2.0f;
    action[1] = -3.0f;
    env->step(action);
    EXPECT_EQ(env->data().ctrl[0], 1.0) << name;
    EXPECT_EQ(env->data().ctrl[1], -1.0) << name;
    EXPECT_EQ(env->data().ctrl[2], 0.25) << name;
  }
}

TEST(Hopper, RewardIsForwardVelocityPlusHealthyMinusControlCost) {
  std::unique_ptr<Env> env = make_env("hopper");
  autodiff::Rng rng(2);
  env->reset(rng);
  const double x_before = env->data().qpos[0];
  const std::vector<float> action = {0.5f, -0.3f, 1.5f};  // the last is clipped to 1
  const double reward = env->step(action).reward;
  const double forward = (env->data().qpos[0] - x_before) / 0.008;
  EXPECT_NEAR(reward, forward + 1.0 - 1e-3 * (0.25 + 0.09 + 1.0), kRewardTol);
  EXPECT_DOUBLE_EQ(env->dt(), 0.008);
}

TEST(Walker2d, RewardIsForwardVelocityPlusHealthyMinusControlCost) {
  std::unique_ptr<Env> env = make_env("walker2d");
  autodiff::Rng rng(3);
  env->reset(rng);
  const double x_before = env->data().qpos[0];
  const std::vector<float> action = {1.0f, -1.0f, 0.5f, 0.0f, 0.0f, -0.5f};
  const double reward = env->step(action).reward;
  const double forward = (env->data().qpos[0] - x_before) / 0.008;
  EXPECT_NEAR(reward, forward + 1.0 - 1e-3 * 2.5, kRewardTol);
}

TEST(HalfCheetah, RewardIsForwardVelocityMinusControlCost) {
  std::unique_ptr<Env> env = make_env("halfcheetah");
  autodiff::Rng rng(4);
  env->reset(rng);
  const double x_before = env->data().qpos[0];
  const std::vector<float> action = {1.0f, -1.0f, 0.5f, 0.0f, 0.0f, -0.5f};
  const double reward = env->step(action).reward;
  const double forward = (env->data().qpos[0] - x_before) / 0.05;
  EXPECT_NEAR(reward, forward - 0.1 * 2.5, kRewardTol);
  EXPECT_DOUBLE_EQ(env->dt(), 0.05);
}

TEST(Hopper, HealthRuleFollowsSpecBounds) {
  std::unique_ptr<Env> env = make_env("hopper");
  LocomotionEnv& hopper = as_locomotion(*env);
  const double inf = std::numeric_limits<double>::infinity();
  auto healthy_with = [&](std::vector<std::pair<int, double>> qpos,
                          std::vector<std::pair<int, double>> qvel = {}) {
    set_pose(*env, qpos, qvel);
    return hopper.healthy();
  };
  EXPECT_TRUE(healthy_with({}));
  EXPECT_TRUE(healthy_with({{1, 0.7 + kBoundEps}}));   // z > 0.7
  EXPECT_FALSE(healthy_with({{1, 0.7}}));
  EXPECT_FALSE(healthy_with({{1, 0.7 - kBoundEps}}));
  EXPECT_TRUE(healthy_with({{1, 50.0}}));               // no upper height bound
  EXPECT_TRUE(healthy_with({{2, 0.2 - kBoundEps}}));   // |angle| < 0.2
  EXPECT_FALSE(healthy_with({{2, 0.2 + kBoundEps}}));
  EXPECT_TRUE(healthy_with({{2, -0.2 + kBoundEps}}));
  EXPECT_FALSE(healthy_with({{2, -0.2 - kBoundEps}}));
  EXPECT_TRUE(healthy_with({}, {{3, 100.0 - kBoundEps}}));  // |qvel| < 100
  EXPECT_FALSE(healthy_with({}, {{3, 100.0 + kBoundEps}}));
  EXPECT_FALSE(healthy_with({}, {{0, -100.0 - kBoundEps}}));
  EXPECT_FALSE(healthy_with({{4, -100.0 - kBoundEps}}));    // |qpos[2:]| < 100
  EXPECT_TRUE(healthy_with({{0, 1e6}}));                    // x is not bounded ...
  EXPECT_FALSE(healthy_with({{0, inf}}));                   // ... but must be finite
}

TEST(Walker2d, HealthRuleFollowsSpecBounds) {
  std::unique_ptr<Env> env = make_env("walker2d");
  LocomotionEnv& walker = as_locomotion(*env);
  auto healthy_with = [&](std::vector<std::pair<int, double>> qpos,
                          std::vector<std::pair<int, double>> qvel = {}) {
    set_pose(*env, qpos, qvel);
    return walker.healthy();
  };
  EXPECT_TRUE(healthy_with({}));
  EXPECT_TRUE(healthy_with({{1, 0.8 + kBoundEps}}));  // 0.8 < z < 2
  EXPECT_FALSE(healthy_with({{1, 0.8 - kBoundEps}}));
  EXPECT_TRUE(healthy_with({{1, 2.0 - kBoundEps}}));
  EXPECT_FALSE(healthy_with({{1, 2.0 + kBoundEps}}));
  EXPECT_TRUE(healthy_with({{2, 1.0 - kBoundEps}}));  // -1 < angle < 1
  EXPECT_FALSE(healthy_with({{2, 1.0 + kBoundEps}}));
  EXPECT_FALSE(healthy_with({{2, -1.0 - kBoundEps}}));
  EXPECT_TRUE(healthy_with({}, {{3, 1000.0}}));       // no state bound for the walker
}

// legs folded up (thigh -140 deg turns the leg above the hip), so the hopper is airborne at low z
TEST(Hopper, TerminatesWhenTorsoBelowHealthyHeight) {
  std::unique_ptr<Env> env = make_env("hopper");
  const double folded = -140.0 * std::numbers::pi / 180.0;
  for (double z : {0.7 - 0.01, 0.7 + 0.01}) {
    set_pose(*env, {{1, z}, {3, folded}});
    ASSERT_EQ(env->data().ncon, 0) << "the test needs the hopper in free flight";
    const StepResult& step = env->step(kZero3);
    EXPECT_EQ(step.terminated, z < 0.7) << "z " << z;
    EXPECT_NEAR(step.reward, 1.0, 0.01) << "healthy bonus is paid on the terminal step too";
  }
}

TEST(Hopper, TerminatesWhenTorsoTiltsPastTheAngleBound) {
  std::unique_ptr<Env> env = make_env("hopper");
  for (double angle : {0.19, 0.21, -0.19, -0.21}) {
    set_pose(*env, {{2, angle}});
    const StepResult& step = env->step(kZero3);
    EXPECT_EQ(step.terminated, std::abs(angle) > 0.2) << "angle " << angle;
  }
}

TEST(Hopper, TerminatesWhenVelocityExceedsStateBound) {
  std::unique_ptr<Env> env = make_env("hopper");
  for (double vx : {99.0, 101.0}) {  // rootx has no damping: in flight vx stays put
    set_pose(*env, {}, {{0, vx}});
    const StepResult& step = env->step(kZero3);
    EXPECT_EQ(step.terminated, vx > 100.0) << "vx " << vx;
    EXPECT_NEAR(step.reward, vx + 1.0, 0.01) << "vx " << vx;
  }
}

TEST(Walker2d, TerminatesWhenTorsoAboveMaxHeight) {
  std::unique_ptr<Env> env = make_env("walker2d");
  for (double z : {1.95, 2.05}) {
    set_pose(*env, {{1, z}});
    EXPECT_EQ(env->step(kZero6).terminated, z > 2.0) << "z " << z;
  }
}

TEST(Walker2d, TerminatesWhenTorsoTiltsPastTheAngleBound) {
  std::unique_ptr<Env> env = make_env("walker2d");
  for (double angle : {0.95, 1.05, -0.95, -1.05}) {
    set_pose(*env, {{1, 1.5}, {2, angle}});  // raised so the tilted legs stay off the floor
    EXPECT_EQ(env->step(kZero6).terminated, std::abs(angle) > 1.0) << "angle " << angle;
  }
}

TEST(HalfCheetah, NeverTerminatesEvenUpsideDown) {
  std::unique_ptr<Env> env = make_env("halfcheetah");
  set_pose(*env, {{2, std::numbers::pi}});
  EXPECT_FALSE(env->step(kZero6).terminated);
  EXPECT_TRUE(as_locomotion(*env).healthy());
}

TEST(HalfCheetah, TimeLimitTruncatesAtStep1000) {
  std::unique_ptr<Env> env = make_env("halfcheetah");
  autodiff::Rng rng(5);
  env->reset(rng);
  for (int t = 1; t < 1000; ++t) {
    const StepResult& step = env->step(kZero6);
    ASSERT_FALSE(step.truncated || step.terminated) << "step " << t;
  }
  const StepResult& last = env->step(kZero6);
  EXPECT_TRUE(last.truncated);
  EXPECT_FALSE(last.terminated);
  EXPECT_EQ(env->elapsed_steps(), 1000);
}

TEST(Hopper, TerminationIsNotReportedAsTruncation) {
  std::unique_ptr<Env> env = make_env("hopper");
  set_pose(*env, {{2, 0.5}});
  const StepResult& step = env->step(kZero3);
  EXPECT_TRUE(step.terminated);
  EXPECT_FALSE(step.truncated);
}

// collects qpos - qpos0 and qvel over many resets, one vector per coordinate
struct ResetSamples {
  std::vector<std::vector<double>> qpos;  // (nq) x (resets)
  std::vector<std::vector<double>> qvel;  // (nv) x (resets)
};

ResetSamples sample_resets(Env& env, int resets, uint64_t seed) {
  const mjModel& m = env.model();
  ResetSamples s{std::vector<std::vector<double>>(m.nq), std::vector<std::vector<double>>(m.nv)};
  autodiff::Rng rng(seed);
  for (int r = 0; r < resets; ++r) {
    env.reset(rng);
    for (int i = 0; i < m.nq; ++i) s.qpos[i].push_back(env.data().qpos[i] - m.qpos0[i]);
    for (int i = 0; i < m.nv; ++i) s.qvel[i].push_back(env.data().qvel[i]);
  }
  return s;
}

// hopper and walker2d: every qpos and qvel offset uniform in [-0.005, 0.005]
void expect_uniform_reset_noise(const std::string& name, uint64_t seed) {
  std::unique_ptr<Env> env = make_env(name);
  const ResetSamples s = sample_resets(*env, kNoiseResets, seed);
  for (size_t i = 0; i < s.qpos.size(); ++i) test::expect_uniform(s.qpos[i], 0.005, "qpos " + std::to_string(i));
  for (size_t i = 0; i < s.qvel.size(); ++i) test::expect_uniform(s.qvel[i], 0.005, "qvel " + std::to_string(i));
}

TEST(Hopper, ResetNoiseIsUniformPlusMinus0005) { expect_uniform_reset_noise("hopper", 6); }

TEST(Walker2d, ResetNoiseIsUniformPlusMinus0005) { expect_uniform_reset_noise("walker2d", 7); }

TEST(HalfCheetah, ResetNoiseIsUniformQposAndGaussianQvel) {
  std::unique_ptr<Env> env = make_env("halfcheetah");
  const ResetSamples s = sample_resets(*env, kNoiseResets, 8);
  for (size_t i = 0; i < s.qpos.size(); ++i) test::expect_uniform(s.qpos[i], 0.1, "qpos " + std::to_string(i));
  for (size_t i = 0; i < s.qvel.size(); ++i) test::expect_normal(s.qvel[i], 0.1, "qvel " + std::to_string(i));
}

TEST(Hopper, ResetObservationMatchesResetState) {
  std::unique_ptr<Env> env = make_env("hopper");
  autodiff::Rng rng(9);
  const std::vector<float> obs = env->reset(rng);
  const std::vector<double> qpos = current_qpos(*env);
  const std::vector<double> qvel = current_qvel(*env);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(obs[i], static_cast<float>(qpos[i + 1])) << i;
  for (int i = 0; i < 6; ++i) EXPECT_EQ(obs[5 + i], static_cast<float>(qvel[i])) << i;
  EXPECT_EQ(env->elapsed_steps(), 0);
}

}  // namespace
}  // namespace harness
