// Tests for harness/render/side_by_side_video.cpp: two policies on one start state, the split
// frame's size, a frame per step until the longer episode ends, and the same scores as iql eval's.
#include "harness/render/side_by_side_video.h"

#include <gtest/gtest.h>

#include <memory>

#include "tests/harness/data/test_support.h"
#include "tests/harness/render/test_support.h"

namespace harness {
namespace {

// a constant push: hopper falls within tens of steps, sooner or later by its sign
LabelledPolicy push(const std::string& label, float value) {
  return {label, [value](std::span<const float>, std::span<float> action) {
            for (float& a : action) a = value;
          }};
}

// the first episode iql eval --seed S scores
EvalResult first_eval_episode(const LabelledPolicy& p, uint64_t seed) {
  const std::unique_ptr<Env> env = make_env("hopper");
  autodiff::Rng rng = autodiff::Rng::stream(seed, "eval/cli");
  return evaluate(*env, p.act, 1, rng);
}

TEST(SideBySideVideo, FilmsBothEpisodesFromOneStartUntilTheLongerEnds) {
  testing::TempDir dir;
  const LabelledPolicy left = push("IQL", 1.0f), right = push("BC", -1.0f);
  const SideBySideResult r = film_side_by_side("hopper", left, right, 3, {dir.file("v.mp4"), {64, 32}, 1000.0});
  const EvalResult a = first_eval_episode(left, 3), b = first_eval_episode(right, 3);
  EXPECT_EQ(r.lengths[0], a.lengths[0]);
  EXPECT_EQ(r.lengths[1], b.lengths[0]);
  EXPECT_NE(r.lengths[0], r.lengths[1]);
  EXPECT_DOUBLE_EQ(r.scores[0], a.normalized_scores[0]);
  EXPECT_DOUBLE_EQ(r.scores[1], b.normalized_scores[0]);
  const int frames = std::max(r.lengths[0], r.lengths[1]) + 1;  // a given fps: every step, and the reset
  EXPECT_EQ(r.frames, frames);
  const testing::ProbedVideo video = testing::probe_video(dir.file("v.mp4"));
  EXPECT_EQ(video.width, 64);
  EXPECT_EQ(video.height, 32);
  EXPECT_EQ(video.frames, frames);
}

}  // namespace
}  // namespace harness
