// Tests for harness/render/renderer.cpp: every environment draws small frames of the asked size,
// not blank, the right way up, with the robot in view.
#include "harness/render/renderer.h"

#include <gtest/gtest.h>

#include <memory>

#include "autodiff/rng.h"
#include "harness/envs/antmaze.h"
#include "harness/envs/env.h"
#include "tests/harness/envs/test_support.h"
#include "tests/harness/render/test_support.h"

namespace harness {
namespace {

constexpr FrameSize kSmall = {160, 120};  // not square: width and height must not be swapped
constexpr double kMinVariance = 100.0;    // a blank or one-colour frame has 0
constexpr int kMinRobotPixels = 5;        // from above the whole large maze the ant covers about 8

class RendererPerEnv : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    env_ = make_env(GetParam());
    autodiff::Rng rng(0);
    env_->reset(rng);
  }
  std::unique_ptr<Env> env_;
};

// the model's scene (no marks or caption), or without the robot: the geoms of every body but the
// world's taken out before drawing
Frame scene_frame(Renderer& renderer, const mjData& state, bool with_robot) {
  mjvScene& scene = renderer.update(state);
  int kept = 0;
  for (int i = 0; i < scene.ngeom; ++i) {
    const mjvGeom& g = scene.geoms[i];
    const bool robot = g.objtype == mjOBJ_GEOM && renderer.model().geom_bodyid[g.objid] != 0;
    if (with_robot || !robot) scene.geoms[kept++] = g;
  }
  scene.ngeom = kept;
  return renderer.draw();
}

int robot_pixels(Renderer& renderer, const mjData& state) {
  const Frame with_robot = scene_frame(renderer, state, true);
  return testing::changed_pixels(with_robot, scene_frame(renderer, state, false));
}

TEST_P(RendererPerEnv, FrameHasTheAskedSizeAndIsNotBlank) {
  Renderer renderer(GetParam(), kSmall);
  const Frame& frame = renderer.render(env_->data());
  EXPECT_EQ(frame.size.width, kSmall.width);
  EXPECT_EQ(frame.size.height, kSmall.height);
  ASSERT_EQ(frame.rgb.size(), 3u * kSmall.width * kSmall.height);
  EXPECT_GT(testing::pixel_variance(frame), kMinVariance);
}

TEST_P(RendererPerEnv, RobotIsInView) {
  Renderer renderer(GetParam(), kSmall);
  EXPECT_GT(robot_pixels(renderer, env_->data()), kMinRobotPixels);
}

// the side view follows the torso: after running forward the robot is still in view
TEST_P(RendererPerEnv, RobotStaysInViewWhenItMoves) {
  std::vector<double> qpos(env_->data().qpos, env_->data().qpos + env_->model().nq);
  std::vector<double> qvel(env_->model().nv, 0.0);
  qpos[0] += 5.0;  // x: five metres on (in AntMaze, still inside the bounds the camera shows)
  env_->set_state(qpos, qvel);
  Renderer renderer(GetParam(), kSmall);
  EXPECT_GT(robot_pixels(renderer, env_->data()), kMinRobotPixels);
}

TEST_P(RendererPerEnv, CaptionIsDrawn) {
  Renderer renderer(GetParam(), {200, 120});
  const Frame plain = renderer.render(env_->data());
  const Frame captioned = renderer.render(env_->data(), Caption().add("step", "12"));
  EXPECT_GT(testing::changed_pixels(plain, captioned), 100);  // a word of text
}

INSTANTIATE_TEST_SUITE_P(Envs, RendererPerEnv, ::testing::ValuesIn(test::all_env_names()), test::env_param_name);

double mean_of_row(const Frame& frame, int y) {
  double sum = 0;
  const size_t row = 3 * static_cast<size_t>(frame.size.width);
  for (size_t i = y * row; i < (y + 1) * row; ++i) sum += frame.rgb[i];
  return sum / static_cast<double>(row);
}

// OpenGL reads rows bottom-up: the bright sky must come out on top and the dark floor below
TEST(Renderer, FramesRunTopDown) {
  const std::unique_ptr<Env> env = make_env("hopper");
  autodiff::Rng rng(0);
  env->reset(rng);
  Renderer renderer("hopper", kSmall);
  const Frame& frame = renderer.render(env->data());
  EXPECT_GT(mean_of_row(frame, 0), mean_of_row(frame, kSmall.height - 1) + 20);
}

TEST(Renderer, MazeFramesMarkTheGoal) {
  const std::unique_ptr<Env> env = make_env("antmaze-umaze");
  autodiff::Rng rng(0);
  env->reset(rng);
  Renderer renderer("antmaze-umaze", {128, 128});
  ASSERT_NE(renderer.maze_marks(), nullptr);
  const Frame unmarked = renderer.render(env->data());
  renderer.maze_marks()->set_goal(dynamic_cast<const AntMazeEnv&>(*env).goal());
  const Frame marked = renderer.render(env->data());
  EXPECT_GT(testing::changed_pixels(unmarked, marked), 10);  // a disc of 1 m across
}

TEST(Renderer, LocomotionHasNoMazeMarks) { EXPECT_EQ(Renderer("walker2d", kSmall).maze_marks(), nullptr); }

TEST(Renderer, RefusesAnEmptyFrameSize) {
  const std::string message = testing::render_error([] { Renderer("hopper", {0, 64}); });
  EXPECT_NE(message.find("0x64"), std::string::npos) << message;
}

}  // namespace
}  // namespace harness
