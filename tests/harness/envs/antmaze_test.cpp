// Tests for harness/envs/antmaze.cpp: the v2 evaluation goal, sparse success, the time limit,
// the 29-d observation, ctrl = 30 x action and the maze walls (spec sections 3.4 and 4).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "harness/envs/antmaze.h"
#include "test_support.h"

namespace harness {
namespace {

using test::default_qpos;

constexpr int kGoalResets = 2000;
constexpr double kVarianceRelTol = 0.1;  // about 4.5 standard errors at 2000 samples
constexpr double kGoalNoiseRange = 1.5;  // U(0, 1) + U(0, 0.5), in metres
constexpr double kDriftTol = 0.01;       // torso xy drift allowed during one zero-action step
constexpr double kAboveWalls = 3.0;      // torso z clear of the 2 m walls, legs included

AntMazeEnv& as_antmaze(Env& env) { return dynamic_cast<AntMazeEnv&>(env); }

const std::vector<float> kZero8(8, 0.0f);

TEST(AntMaze, ObservationIsFullQposThenQvel) {
  std::unique_ptr<Env> env = make_env("antmaze-umaze");
  std::vector<double> qpos(15), qvel(14);
  for (int i = 0; i < 15; ++i) qpos[i] = 0.01 * (i + 1);
  qpos[2] = 0.8;
  qpos[3] = 1.0, qpos[4] = qpos[5] = qpos[6] = 0.0;  // a unit quaternion (MuJoCo normalises it)
  for (int i = 0; i < 14; ++i) qvel[i] = -20.0 + 3.0 * i;  // no clip: some beyond +-10
  env->set_state(qpos, qvel);
  const std::vector<float> obs = env->observation();
  ASSERT_EQ(obs.size(), 29u);
  for (int i = 0; i < 15; ++i) EXPECT_EQ(obs[i], static_cast<float>(qpos[i])) << i;
  for (int i = 0; i < 14; ++i) EXPECT_EQ(obs[15 + i], static_cast<float>(qvel[i])) << i;
}

TEST(AntMaze, ControlIsThirtyTimesTheClippedAction) {
  std::unique_ptr<Env> env = make_env("antmaze-umaze");
  autodiff::Rng rng(1);
  env->reset(rng);
  const std::vector<float> action = {0.5f, -1.0f, 1.0f, 2.0f, -2.0f, 0.0f, 0.1f, -0.1f};
  const std::vector<double> expected = {15, -30, 30, 30, -30, 0, 3, -3};
  env->step(action);
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(env->data().ctrl[i], expected[i], 1e-5) << i;
  EXPECT_DOUBLE_EQ(env->dt(), 0.1);
}

TEST(AntMaze, GoalSamplesStayInTheDocumentedBox) {
  const std::vector<std::pair<const char*, std::array<double, 2>>> cells = {
      {"antmaze-umaze", {0, 8}}, {"antmaze-medium", {20, 20}}, {"antmaze-large", {32, 24}}};
  for (const auto& [name, cell] : cells) {
    std::unique_ptr<Env> env = make_env(name);
    autodiff::Rng rng(2);
    std::array<std::vector<double>, 2> offsets;  // goal - cell centre, per axis
    for (int r = 0; r < kGoalResets; ++r) {
      env->reset(rng);
      for (int axis = 0; axis < 2; ++axis) offsets[axis].push_back(as_antmaze(*env).goal()[axis] - cell[axis]);
    }
    for (int axis = 0; axis < 2; ++axis) {
      const auto [lo, hi] = std::minmax_element(offsets[axis].begin(), offsets[axis].end());
      EXPECT_GE(*lo, 0.0) << name << " axis " << axis;
      EXPECT_LE(*hi, kGoalNoiseRange) << name << " axis " << axis;
      EXPECT_LT(*lo, 0.1) << name << ": the box's low corner is reached";
      EXPECT_GT(*hi, 1.4) << name << ": the box's high corner is reached";
      // mean 0.75, variance 1/12 + 0.25/12 (sum of two independent uniforms)
      const test::Moments m = test::moments(offsets[axis]);
      const double variance = 1.25 / 12.0;
      EXPECT_NEAR(m.mean, 0.75, test::kSigmas * std::sqrt(variance / kGoalResets)) << name;
      EXPECT_NEAR(m.variance, variance, kVarianceRelTol * variance) << name;
    }
  }
}

TEST(AntMaze, GoalIsRedrawnAtEveryReset) {
  std::unique_ptr<Env> env = make_env("antmaze-medium");
  autodiff::Rng rng(3);
  env->reset(rng);
  const std::array<double, 2> first = as_antmaze(*env).goal();
  env->reset(rng);
  EXPECT_NE(as_antmaze(*env).goal(), first);
}

// puts the ant (default pose, at rest) at goal - offset, above the walls' tops so no wall touches
// it wherever the goal is, and takes one zero-action step
const StepResult& step_near_goal(Env& env, double dx, double dy) {
  std::vector<double> qpos = default_qpos(env);
  const std::array<double, 2> goal = as_antmaze(env).goal();
  qpos[0] = goal[0] - dx;
  qpos[1] = goal[1] - dy;
  qpos[2] = kAboveWalls;
  env.set_state(qpos, std::vector<double>(env.model().nv, 0.0));
  const StepResult& step = env.step(kZero8);
  EXPECT_NEAR(env.data().qpos[0], qpos[0], kDriftTol) << "the ant should barely move";
  EXPECT_NEAR(env.data().qpos[1], qpos[1], kDriftTol) << "the ant should barely move";
  return step;
}

TEST(AntMaze, SucceedsWithinHalfAMetreOfTheGoal) {
  std::unique_ptr<Env> env = make_env("antmaze-umaze");
  autodiff::Rng rng(4);
  env->reset(rng);
  const StepResult& inside = step_near_goal(*env, 0.0, 0.45);
  EXPECT_EQ(inside.reward, 1.0);
  EXPECT_TRUE(inside.terminated);
  EXPECT_FALSE(inside.truncated);
  EXPECT_LE(as_antmaze(*env).goal_distance(), kGoalRadius);
}

TEST(AntMaze, NoRewardJustOutsideHalfAMetre) {
  std::unique_ptr<Env> env = make_env("antmaze-umaze");
  autodiff::Rng rng(4);
  env->reset(rng);
  const StepResult& outside = step_near_goal(*env, 0.55, 0.0);
  EXPECT_EQ(outside.reward, 0.0);
  EXPECT_FALSE(outside.terminated);
  EXPECT_GT(as_antmaze(*env).goal_distance(), kGoalRadius);
}

TEST(AntMaze, UmazeTruncatesAt700Steps) {
  std::unique_ptr<Env> env = make_env("antmaze-umaze");
  autodiff::Rng rng(5);
  env->reset(rng);
  for (int t = 1; t < 700; ++t) {
    const StepResult& step = env->step(kZero8);
    ASSERT_FALSE(step.truncated || step.terminated) << "step " << t;
    ASSERT_EQ(step.reward, 0.0);
  }
  const StepResult& last = env->step(kZero8);
  EXPECT_TRUE(last.truncated);
  EXPECT_FALSE(last.terminated);
}

TEST(AntMaze, StepLimitsAre700And1000) {
  EXPECT_EQ(make_env("antmaze-umaze")->max_steps(), 700);
  EXPECT_EQ(make_env("antmaze-medium")->max_steps(), 1000);
  EXPECT_EQ(make_env("antmaze-large")->max_steps(), 1000);
}

TEST(AntMaze, WallsAreBuiltFromTheLayout) {
  const std::vector<std::pair<const char*, int>> geoms = {
      {"antmaze-umaze", 32}, {"antmaze-medium", 52}, {"antmaze-large", 76}};
  for (const auto& [name, ngeom] : geoms) {
    std::unique_ptr<Env> env = make_env(name);
    const mjModel& m = env->model();
    EXPECT_EQ(m.ngeom, ngeom) << name;
    for (MazeCell wall : wall_cells(maze_layout(name))) {
      const std::string block = "block_" + std::to_string(wall.row) + "_" + std::to_string(wall.col);
      const int id = mj_name2id(&m, mjOBJ_GEOM, block.c_str());
      ASSERT_GE(id, 0) << name << " " << block;
      const std::array<double, 2> xy = cell_center(maze_layout(name), wall);
      EXPECT_EQ(m.geom_type[id], mjGEOM_BOX);
      EXPECT_EQ(m.geom_pos[3 * id], xy[0]) << block;
      EXPECT_EQ(m.geom_pos[3 * id + 1], xy[1]) << block;
      EXPECT_EQ(m.geom_pos[3 * id + 2], 1.0) << block;
      EXPECT_EQ(m.geom_size[3 * id], 2.0) << block;
      EXPECT_EQ(m.geom_size[3 * id + 2], 1.0) << block;
      EXPECT_EQ(m.geom_contype[id], 1);
      EXPECT_EQ(m.geom_conaffinity[id], 1);
    }
  }
}

TEST(AntMaze, WallsStopTheAnt) {
  std::unique_ptr<Env> env = make_env("antmaze-umaze");
  std::vector<double> qpos = default_qpos(*env);
  std::vector<double> qvel(env->model().nv, 0.0);
  qpos[2] = 0.5;
  qvel[0] = -10.0;  // thrown at the wall cell (1, 0), whose face is at x = -2
  env->set_state(qpos, qvel);
  for (int t = 0; t < 10; ++t) env->step(kZero8);
  EXPECT_GT(env->data().qpos[0], -2.0);
}

TEST(AntMaze, ResetNoiseIsUniformQposAndGaussianQvel) {
  std::unique_ptr<Env> env = make_env("antmaze-umaze");
  const mjModel& m = env->model();
  std::vector<std::vector<double>> qpos(m.nq), qvel(m.nv);
  autodiff::Rng rng(6);
  constexpr int kQuatBegin = 3, kQuatEnd = 7;  // qpos[3:7], the free joint's quaternion
  for (int r = 0; r < kGoalResets; ++r) {
    env->reset(rng);
    const mjData& d = env->data();
    for (int i = 0; i < m.nq; ++i) qpos[i].push_back(d.qpos[i] - m.qpos0[i]);
    for (int i = 0; i < m.nv; ++i) qvel[i].push_back(d.qvel[i]);
    // MuJoCo 2.2.2 normalises the noisy quaternion in place during mj_forward (spec section 8)
    double norm2 = 0.0;
    for (int i = kQuatBegin; i < kQuatEnd; ++i) norm2 += d.qpos[i] * d.qpos[i];
    ASSERT_NEAR(norm2, 1.0, 1e-12);
  }
  for (int i = 0; i < m.nq; ++i) {
    if (i >= kQuatBegin && i < kQuatEnd) continue;
    test::expect_uniform(qpos[i], 0.1, "qpos " + std::to_string(i));
  }
  for (int i = 0; i < m.nv; ++i) test::expect_normal(qvel[i], 0.1, "qvel " + std::to_string(i));
}

TEST(AntMaze, SampleGoalClampsNegativeCoordinatesToZero) {
  autodiff::Rng rng(7);
  for (int r = 0; r < 100; ++r) {
    const std::array<double, 2> goal = sample_goal({-10.0, -0.5}, rng);
    EXPECT_EQ(goal[0], 0.0);
    EXPECT_GE(goal[1], 0.0);
  }
}

}  // namespace
}  // namespace harness
