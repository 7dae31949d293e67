// Tests for harness/render/visual_model.cpp: the visual additions change no bit of the physics.
#include "harness/render/visual_model.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>

#include "autodiff/rng.h"
#include "harness/envs/env.h"
#include "harness/render/renderer.h"
#include "tests/harness/envs/test_support.h"

namespace harness {
namespace {

constexpr int kSteps = 300;  // physics steps: long enough for contacts, falls and joint limits

class VisualModelPerEnv : public ::testing::TestWithParam<std::string> {};

bool same_bits(const mjtNum* a, const mjtNum* b, int n) { return std::memcmp(a, b, sizeof(mjtNum) * n) == 0; }

// both models from one noisy start under one random control sequence, compared after every step
TEST_P(VisualModelPerEnv, StepsBitForBitLikeThePhysicsModel) {
  const std::unique_ptr<Env> env = make_env(GetParam());
  const mjModel& physics = env->model();
  const ModelPtr visual = load_visual_model(GetParam(), {64, 64});
  // the additions are there: a sky and a checker texture, a light, a floor material
  ASSERT_EQ(visual->ntex, physics.ntex + 2);
  ASSERT_EQ(visual->nlight, physics.nlight + 1);
  ASSERT_GE(visual->geom_matid[mj_name2id(visual.get(), mjOBJ_GEOM, "floor")], 0);

  DataPtr a = make_data(physics), b = make_data(*visual);
  autodiff::Rng rng(7);
  for (int i = 0; i < physics.nq; ++i) a->qpos[i] = b->qpos[i] = physics.qpos0[i] + rng.uniform(-0.1, 0.1);
  for (int step = 0; step < kSteps; ++step) {
    for (int i = 0; i < physics.nu; ++i) a->ctrl[i] = b->ctrl[i] = rng.uniform(-1.0, 1.0);
    mj_step(&physics, a.get());
    mj_step(visual.get(), b.get());
    ASSERT_TRUE(same_bits(a->qpos, b->qpos, physics.nq)) << "qpos differs at step " << step;
    ASSERT_TRUE(same_bits(a->qvel, b->qvel, physics.nv)) << "qvel differs at step " << step;
  }
}

// the renderer reads the env's state and writes none of it
TEST_P(VisualModelPerEnv, RenderingEveryStepLeavesTheEpisodeUnchanged) {
  const std::unique_ptr<Env> filmed = make_env(GetParam()), plain = make_env(GetParam());
  Renderer renderer(GetParam(), {32, 32});
  autodiff::Rng rng_a(3), rng_b(3), actions(5);
  filmed->reset(rng_a);
  plain->reset(rng_b);
  std::vector<float> action(filmed->act_dim());
  for (int step = 0; step < 50; ++step) {
    for (float& x : action) x = static_cast<float>(actions.uniform(-1.0, 1.0));
    filmed->step(action);
    renderer.render(filmed->data());
    plain->step(action);
    ASSERT_TRUE(same_bits(filmed->data().qpos, plain->data().qpos, filmed->model().nq)) << "step " << step;
    ASSERT_TRUE(same_bits(filmed->data().qvel, plain->data().qvel, filmed->model().nv)) << "step " << step;
  }
}

INSTANTIATE_TEST_SUITE_P(Envs, VisualModelPerEnv, ::testing::ValuesIn(test::all_env_names()), test::env_param_name);

}  // namespace
}  // namespace harness
