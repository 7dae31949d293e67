// Tests for harness/data/episodes.cpp: episodes end after a terminal or timeout row.
#include "harness/data/episodes.h"

#include <gtest/gtest.h>

namespace harness {
namespace {

TEST(DatasetEpisodes, EndAfterTerminalsAndTimeoutsWithACutLastOne) {
  //                                   rows 0 1 2 3 4 5 6
  const std::vector<uint8_t> terminals = {0, 1, 0, 0, 0, 0, 0};
  const std::vector<uint8_t> timeouts = {0, 0, 0, 1, 0, 0, 0};
  const std::vector<RowRange> episodes = dataset_episodes(terminals, timeouts, TerminalsEnd::kEpisode);
  ASSERT_EQ(episodes.size(), 3u);
  EXPECT_EQ(episodes[0].begin, 0u);
  EXPECT_EQ(episodes[0].end, 2u);
  EXPECT_EQ(episodes[1].begin, 2u);
  EXPECT_EQ(episodes[1].end, 4u);
  EXPECT_EQ(episodes[2].begin, 4u);
  EXPECT_EQ(episodes[2].end, 7u);
}

TEST(DatasetEpisodes, LastFlaggedRowLeavesNoEmptyEpisode) {
  const std::vector<RowRange> episodes = dataset_episodes({0, 0, 1}, {0, 0, 0}, TerminalsEnd::kEpisode);
  ASSERT_EQ(episodes.size(), 1u);
  EXPECT_EQ(episodes[0].size(), 3u);
}

// AntMaze: reaching the goal is flagged terminal, and the episode goes on to its timeout
TEST(DatasetEpisodes, TerminalsCanEndNothing) {
  const std::vector<RowRange> episodes = dataset_episodes({0, 1, 1, 0}, {0, 0, 0, 1}, TerminalsEnd::kNothing);
  ASSERT_EQ(episodes.size(), 1u);
  EXPECT_EQ(episodes[0].size(), 4u);
}

}  // namespace
}  // namespace harness
