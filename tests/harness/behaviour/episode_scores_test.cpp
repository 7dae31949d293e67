// Tests for harness/behaviour/episode_scores.cpp: hand-worked returns of complete episodes.
#include <gtest/gtest.h>

#include "harness/behaviour/episode_scores.h"

namespace harness {
namespace {

// rows with reward r_i = i + 1 and the given flags
D4rlArrays rows_with(std::vector<uint8_t> terminals, std::vector<uint8_t> timeouts) {
  D4rlArrays a;
  const size_t n = terminals.size();
  a.observations = Tensor(std::array<size_t, 2>{n, 1}, 0.0f);
  a.rewards = Tensor(std::array<size_t, 2>{n, 1}, 0.0f);
  for (size_t i = 0; i < n; ++i) a.rewards(i, 0) = static_cast<float>(i + 1);
  a.terminals = std::move(terminals);
  a.timeouts = std::move(timeouts);
  return a;
}

TEST(EpisodeScores, ScoresEachCompleteEpisodeAndLeavesOutTheCutOne) {
  const EnvSpec& hopper = env_spec("hopper");
  // episodes: rows 0-1 (terminal), rows 2-4 (timeout), rows 5-6 cut short
  const D4rlArrays a = rows_with({0, 1, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 1, 0, 0});
  const std::vector<double> scores = episode_scores(a, hopper, {0, 7});
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_DOUBLE_EQ(scores[0], normalized_score(hopper, 1 + 2));
  EXPECT_DOUBLE_EQ(scores[1], normalized_score(hopper, 3 + 4 + 5));
  // a range starting inside the data reads that range's rows
  const std::vector<double> second = episode_scores(a, hopper, {2, 5});
  ASSERT_EQ(second.size(), 1u);
  EXPECT_DOUBLE_EQ(second[0], normalized_score(hopper, 3 + 4 + 5));
}

TEST(EpisodeScores, AGoalDirectedEnvsTerminalsDoNotEndAnEpisode) {
  const EnvSpec& maze = env_spec("antmaze-umaze");
  const D4rlArrays a = rows_with({1, 0, 0}, {0, 0, 1});
  const std::vector<double> scores = episode_scores(a, maze, {0, 3});
  ASSERT_EQ(scores.size(), 1u);
  EXPECT_DOUBLE_EQ(scores[0], normalized_score(maze, 1 + 2 + 3));
}

}  // namespace
}  // namespace harness
