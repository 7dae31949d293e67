// Tests for harness/envs/ant_goal.cpp: the 29-d observation with the goal direction of norm 10, the
// reward's sign, the goal chain moving on when a goal is reached, health termination, goals on the
// disk, and a saved state continuing bit for bit.
#include <gtest/gtest.h>

#include <cmath>

#include "harness/envs/ant_goal.h"
#include "harness/envs/antmaze.h"
#include "harness/envs/evaluate.h"
#include "test_support.h"

namespace harness {
namespace {

using test::current_qpos;
using test::current_qvel;

AntGoalEnv& as_ant_goal(Env& env) { return dynamic_cast<AntGoalEnv&>(env); }

const std::vector<float> kZero8(8, 0.0f);

// the reset state with the torso moved to (x, y) and its xy velocity set
void place_torso(Env& env, double x, double y, double vx = 0, double vy = 0) {
  std::vector<double> qpos = current_qpos(env), qvel = current_qvel(env);
  qpos[0] = x, qpos[1] = y;
  qvel[0] = vx, qvel[1] = vy;
  env.set_state(qpos, qvel);
}

TEST(AntGoal, ObservationIsTheStateWithoutXyThenTheGoalDirectionOfNormTen) {
  std::unique_ptr<Env> env = make_env(kAntGoalEnv);
  autodiff::Rng rng(3);
  env->reset(rng);
  place_torso(*env, 1.0, -2.0);
  const std::vector<float> obs = env->observation();
  ASSERT_EQ(obs.size(), 29u);
  const std::vector<double> qpos = current_qpos(*env), qvel = current_qvel(*env);
  for (int i = 0; i < 13; ++i) EXPECT_EQ(obs[i], static_cast<float>(qpos[2 + i])) << i;
  for (int i = 0; i < 14; ++i) EXPECT_EQ(obs[13 + i], static_cast<float>(qvel[i])) << i;
  const auto goal = as_ant_goal(*env).goal();
  const double dx = goal[0] - 1.0, dy = goal[1] + 2.0, norm = std::hypot(dx, dy);
  EXPECT_NEAR(obs[27], 10.0 * dx / norm, 1e-5);
  EXPECT_NEAR(obs[28], 10.0 * dy / norm, 1e-5);
  EXPECT_NEAR(std::hypot(obs[27], obs[28]), kAntGoalDirectionNorm, 1e-5);
}

TEST(AntGoal, ThePolicyInputFromAStateIsTheEnvsObservation) {
  std::unique_ptr<Env> env = make_env(kAntGoalEnv);
  autodiff::Rng rng(4);
  env->reset(rng);
  for (int i = 0; i < 5; ++i) env->step(kZero8);
  std::vector<float> built(29);
  ant_goal_observation(current_qpos(*env), current_qvel(*env), as_ant_goal(*env).goal(), built);
  EXPECT_EQ(built, env->observation());
}

TEST(AntGoal, GoalsLieOnTheDiskAroundTheStartAndSpreadOverIt) {
  std::unique_ptr<Env> env = make_env(kAntGoalEnv);
  autodiff::Rng rng(5);
  int outer_half = 0;
  const int resets = 500;
  for (int i = 0; i < resets; ++i) {
    env->reset(rng);
    const auto goal = as_ant_goal(*env).goal();
    const double r = std::hypot(goal[0], goal[1]);  // the chain starts from qpos0's xy, (0, 0)
    EXPECT_LE(r, kAntGoalDisk);
    outer_half += r > kAntGoalDisk / std::sqrt(2.0) ? 1 : 0;  // uniform on the disk: half the area
  }
  EXPECT_NEAR(outer_half / double(resets), 0.5, 0.08);
}

TEST(AntGoal, RewardIsTenTimesTheVelocityTowardsTheGoalPlusOneMinusTheControlCost) {
  std::unique_ptr<Env> env = make_env(kAntGoalEnv);
  autodiff::Rng rng(7);
  env->reset(rng);
  const auto goal = as_ant_goal(*env).goal();
  const double norm = std::hypot(goal[0], goal[1]);
  auto reward_moving = [&](double speed, const std::vector<float>& action) {
    rng = autodiff::Rng(7);  // the same goal each time
    env->reset(rng);
    place_torso(*env, 0, 0, speed * goal[0] / norm, speed * goal[1] / norm);
    return env->step(action).reward;
  };
  EXPECT_GT(reward_moving(2.0, kZero8), reward_moving(0.0, kZero8) + 10.0);
  EXPECT_LT(reward_moving(-2.0, kZero8), reward_moving(0.0, kZero8) - 10.0);
  const std::vector<float> full(8, 1.0f);
  EXPECT_NEAR(reward_moving(0.0, kZero8) - reward_moving(0.0, full), 0.5 * 8, 0.5);
}

TEST(AntGoal, ReachingAGoalPlacesTheNextOneFromTheChainWithoutEndingTheEpisode) {
  std::unique_ptr<Env> env = make_env(kAntGoalEnv);
  autodiff::Rng rng(9);
  env->reset(rng);
  const auto first = as_ant_goal(*env).goal();
  place_torso(*env, first[0], first[1]);
  const StepResult& step = env->step(kZero8);
  EXPECT_TRUE(step.goal_reached);
  EXPECT_FALSE(step.terminated);
  EXPECT_EQ(as_ant_goal(*env).goals_reached(), 1);
  const auto next = as_ant_goal(*env).goal();
  EXPECT_NE(next, first);
  const std::vector<double> qpos = current_qpos(*env);
  EXPECT_LE(std::hypot(next[0] - qpos[0], next[1] - qpos[1]), kAntGoalDisk);  // drawn from where it stands
}

TEST(AntGoal, TerminatesWhenTheTorsoLeavesTheHealthyHeights) {
  std::unique_ptr<Env> env = make_env(kAntGoalEnv);
  autodiff::Rng rng(11);
  env->reset(rng);
  std::vector<double> qpos = current_qpos(*env);
  qpos[2] = 1.5;  // thrown up: above z = 1 after one step
  env->set_state(qpos, current_qvel(*env));
  EXPECT_TRUE(env->step(kZero8).terminated);
  env->reset(rng);
  EXPECT_FALSE(env->step(kZero8).terminated);
}

TEST(AntGoal, ASavedStateContinuesTheEpisodeAndItsGoalChainBitForBit) {
  std::unique_ptr<Env> a = make_env(kAntGoalEnv), b = make_env(kAntGoalEnv);
  autodiff::Rng rng(13);
  a->reset(rng);
  std::vector<float> action(8);
  for (int i = 0; i < 20; ++i) {
    for (int k = 0; k < 8; ++k) action[k] = static_cast<float>(std::sin(0.7 * i + k));
    a->step(action);
  }
  const auto goal = as_ant_goal(*a).goal();
  place_torso(*a, goal[0], goal[1]);  // the next step moves the chain on: the restored env must too
  b->restore_state(a->save_state());
  for (int i = 0; i < 30; ++i) {
    for (int k = 0; k < 8; ++k) action[k] = static_cast<float>(std::cos(0.3 * i + k));
    const StepResult ra = a->step(action), rb = b->step(action);
    ASSERT_EQ(ra.observation, rb.observation) << "step " << i;
    ASSERT_EQ(ra.reward, rb.reward) << "step " << i;
  }
  EXPECT_GE(as_ant_goal(*b).goals_reached(), 1);
  EXPECT_EQ(as_ant_goal(*a).goal(), as_ant_goal(*b).goal());
}

TEST(AntGoal, EvaluationCountsTheGoalsEachEpisodeReached) {
  std::unique_ptr<Env> env = make_env(kAntGoalEnv);
  autodiff::Rng rng(17);
  // a policy that stands still reaches only goals drawn within reach of the start
  const EvalResult still = evaluate(*env, [](std::span<const float>, std::span<float> a) { std::fill(a.begin(), a.end(), 0.0f); }, 3, rng);
  ASSERT_EQ(still.goals_reached.size(), 3u);
  EXPECT_EQ(success_rate(still), 0.0);
  EXPECT_EQ(still.lengths[0], env->max_steps());
}

}  // namespace
}  // namespace harness
