// Tests for harness/render/eval_video.cpp: an evaluation filmed as it is scored, a frame after the
// reset and one per step of each filmed episode, the AntMaze goal and path marked.
#include "harness/render/eval_video.h"

#include <gtest/gtest.h>

#include <memory>

#include "tests/harness/data/test_support.h"
#include "tests/harness/render/test_support.h"

namespace harness {
namespace {

// stands still: AntMaze episodes then run to the time limit
void zero_policy(std::span<const float>, std::span<float> action) {
  for (float& a : action) a = 0.0f;
}

TEST(EvalVideo, FilmsOnlyTheFirstEpisodesFramePerStep) {
  testing::TempDir dir;
  const std::unique_ptr<Env> env = make_env("antmaze-umaze");
  EnvVideo video("antmaze-umaze", 1.0 / env->dt(), {dir.file("v.mp4"), {64, 64}, std::nullopt}, env->max_steps());
  autodiff::Rng rng(0);
  const EvalResult result = evaluate(*env, zero_policy, 2, rng, film_episodes(video, 1));
  EXPECT_EQ(video.finish(), result.lengths[0] + 1);
  EXPECT_EQ(testing::probe_video(dir.file("v.mp4")).frames, result.lengths[0] + 1);
}

// filming reads the env and changes nothing: the scores are those of an unfilmed evaluation
TEST(EvalVideo, ScoresAreThoseWithoutAVideo) {
  testing::TempDir dir;
  const std::unique_ptr<Env> env = make_env("hopper");
  EnvVideo video("hopper", 1.0 / env->dt(), {dir.file("v.gif"), {32, 32}, std::nullopt}, env->max_steps());
  autodiff::Rng filmed_rng(4), plain_rng(4);
  const EvalResult filmed = evaluate(*env, zero_policy, 2, filmed_rng, film_episodes(video, 2));
  video.finish();
  const EvalResult plain = evaluate(*env, zero_policy, 2, plain_rng);
  EXPECT_EQ(filmed.returns, plain.returns);
  EXPECT_EQ(filmed.lengths, plain.lengths);
}

}  // namespace
}  // namespace harness
