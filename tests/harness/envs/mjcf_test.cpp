// Tests for harness/envs/mjcf_*.cpp and mujoco_model.cpp: each of our MJCF models compiles in
// MuJoCo 2.2.2 to the numbers spec/environments.md section 2-3 reports for the reference XML.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "harness/envs/env.h"
#include "harness/envs/mjcf.h"
#include "harness/envs/mujoco_model.h"

namespace harness {
namespace {

constexpr double kMassTol = 5e-5;  // the spec prints masses to 4-5 significant digits

struct ModelFacts {
  std::string env;
  int nq, nv, nu;
  double timestep;
  int integrator;
  int frame_skip;
  double total_mass;
  std::vector<double> qpos0;
  std::vector<std::string> actuated_joints;  // in actuator order
  std::vector<double> gears;                 // in actuator order
  double ctrl_limit;                         // ctrlrange is [-limit, limit]

  friend void PrintTo(const ModelFacts& f, std::ostream* os) { *os << f.env; }
};

const std::vector<ModelFacts>& facts() {
  static const std::vector<ModelFacts> table = {
      {"hopper", 6, 6, 3, 0.002, mjINT_RK4, 4, 15.8200, {0, 1.25, 0, 0, 0, 0},
       {"thigh_joint", "leg_joint", "foot_joint"}, {200, 200, 200}, 1.0},
      {"walker2d", 9, 9, 6, 0.002, mjINT_RK4, 4, 23.6771, {0, 1.25, 0, 0, 0, 0, 0, 0, 0},
       {"thigh_joint", "leg_joint", "foot_joint", "thigh_left_joint", "leg_left_joint", "foot_left_joint"},
       {100, 100, 100, 100, 100, 100}, 1.0},
      {"halfcheetah", 9, 9, 6, 0.01, mjINT_EULER, 5, 14.0000, {0, 0, 0, 0, 0, 0, 0, 0, 0},
       {"bthigh", "bshin", "bfoot", "fthigh", "fshin", "ffoot"}, {120, 90, 60, 120, 60, 30}, 1.0},
      {"antmaze-umaze", 15, 14, 8, 0.02, mjINT_RK4, 5, 0.91088,
       {0, 0, 0.75, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
       {"hip_4", "ankle_4", "hip_1", "ankle_1", "hip_2", "ankle_2", "hip_3", "ankle_3"},
       {1, 1, 1, 1, 1, 1, 1, 1}, 30.0},
  };
  return table;
}

class ModelFactsTest : public testing::TestWithParam<ModelFacts> {};

TEST_P(ModelFactsTest, MatchesSpec) {
  const ModelFacts& f = GetParam();
  std::unique_ptr<Env> env = make_env(f.env);
  const mjModel& m = env->model();
  EXPECT_EQ(m.nq, f.nq);
  EXPECT_EQ(m.nv, f.nv);
  EXPECT_EQ(m.nu, f.nu);
  EXPECT_DOUBLE_EQ(m.opt.timestep, f.timestep);
  EXPECT_EQ(m.opt.integrator, f.integrator);
  EXPECT_EQ(env->frame_skip(), f.frame_skip);
  EXPECT_NEAR(mj_getTotalmass(&m), f.total_mass, kMassTol);
  ASSERT_EQ(static_cast<int>(f.qpos0.size()), m.nq);
  for (int i = 0; i < m.nq; ++i) EXPECT_DOUBLE_EQ(m.qpos0[i], f.qpos0[i]) << "qpos0[" << i << "]";
  for (int i = 0; i < m.nu; ++i) {
    const int joint = m.actuator_trnid[2 * i];
    EXPECT_EQ(mj_id2name(&m, mjOBJ_JOINT, joint), f.actuated_joints[i]) << "actuator " << i;
    EXPECT_DOUBLE_EQ(m.actuator_gear[6 * i], f.gears[i]) << "actuator " << i;
    EXPECT_TRUE(m.actuator_ctrllimited[i]) << "actuator " << i;
    EXPECT_DOUBLE_EQ(m.actuator_ctrlrange[2 * i], -f.ctrl_limit) << "actuator " << i;
    EXPECT_DOUBLE_EQ(m.actuator_ctrlrange[2 * i + 1], f.ctrl_limit) << "actuator " << i;
  }
}

TEST_P(ModelFactsTest, DimsMatchEnvSpec) {
  const ModelFacts& f = GetParam();
  std::unique_ptr<Env> env = make_env(f.env);
  autodiff::Rng rng(0);
  EXPECT_EQ(static_cast<int>(env->reset(rng).size()), env->spec().obs_dim);
  EXPECT_EQ(env->act_dim(), f.nu);
  EXPECT_EQ(env->spec().nq, f.nq);
  EXPECT_EQ(env->spec().nv, f.nv);
}

INSTANTIATE_TEST_SUITE_P(Envs, ModelFactsTest, testing::ValuesIn(facts()),
                         [](const auto& info) {
                           std::string name = info.param.env;
                           std::erase(name, '-');
                           return name;
                         });

// per-body masses after inertiafromgeom (and settotalmass for the cheetah), spec section 3
TEST(Mjcf, BodyMassesMatchSpec) {
  const std::vector<std::pair<std::string, std::vector<double>>> expected = {
      {"hopper", {3.6652, 4.0579, 2.7814, 5.3156}},
      {"walker2d", {3.6652, 4.0579, 2.7814, 3.1667, 4.0579, 2.7814, 3.1667}},
      {"halfcheetah", {6.2502, 1.5435, 1.5874, 1.0954, 1.4381, 1.2008, 0.8845}},
      {"antmaze-umaze", {0.32725, 0.039158, 0.039158, 0.067592, 0.039158, 0.039158, 0.067592,
                         0.039158, 0.039158, 0.067592, 0.039158, 0.039158, 0.067592}},
  };
  for (const auto& [name, masses] : expected) {
    std::unique_ptr<Env> env = make_env(name);
    const mjModel& m = env->model();
    ASSERT_EQ(m.nbody - 1, static_cast<int>(masses.size())) << name;
    for (int b = 1; b < m.nbody; ++b) {
      EXPECT_NEAR(m.body_mass[b], masses[b - 1], kMassTol) << name << " body " << b;
    }
  }
}

TEST(Mjcf, HopperFootFrictionIsTwo) {
  std::unique_ptr<Env> env = make_env("hopper");
  const mjModel& m = env->model();
  const int foot = mj_name2id(&m, mjOBJ_GEOM, "foot_geom");
  ASSERT_GE(foot, 0);
  EXPECT_DOUBLE_EQ(m.geom_friction[3 * foot], 2.0);
  EXPECT_DOUBLE_EQ(m.geom_friction[3 * foot + 1], 0.005);  // MuJoCo's default for the rest
}

TEST(Mjcf, WalkerLeftFootFrictionDiffersFromRight) {
  std::unique_ptr<Env> env = make_env("walker2d");
  const mjModel& m = env->model();
  EXPECT_DOUBLE_EQ(m.geom_friction[3 * mj_name2id(&m, mjOBJ_GEOM, "foot_geom")], 0.9);
  EXPECT_DOUBLE_EQ(m.geom_friction[3 * mj_name2id(&m, mjOBJ_GEOM, "foot_left_geom")], 1.9);
}

TEST(MujocoModel, LoadErrorNamesTheFileAndTheProblem) {
  try {
    load_model("<mujoco><worldbody><geom type=\"capsule\" size=\"oops\"/></worldbody></mujoco>",
               "broken.xml");
    FAIL() << "expected EnvError";
  } catch (const EnvError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("broken.xml"), std::string::npos) << message;
    EXPECT_NE(message.find("size"), std::string::npos) << message;
  }
}

TEST(MujocoModel, RejectsTheOriginalGymFootPosition) {
  // spec F3: gym <= 0.23 wrote pos="0.13/2 0 0.1", which MuJoCo 2.2.2's strict parser refuses
  std::string xml(hopper_mjcf());
  const std::string fixed = "<body name=\"foot\" pos=\"0.13 0 0\">";
  const size_t at = xml.find(fixed);
  ASSERT_NE(at, std::string::npos);
  xml.replace(at, fixed.size(), "<body name=\"foot\" pos=\"0.13/2 0 0.1\">");
  EXPECT_THROW(load_model(xml, "hopper.xml"), EnvError);
}

}  // namespace
}  // namespace harness
