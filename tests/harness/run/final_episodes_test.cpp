// Tests for harness/run/final_episodes.cpp: the final evaluation's episodes, written and read back.
#include "harness/run/final_episodes.h"

#include <gtest/gtest.h>

#include <fstream>

#include "autodiff/error.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

TEST(FinalEpisodes, StepsReadBackInEpisodeOrder) {
  testing::TempDir dir;
  EvalResult result;
  result.returns = {1, 0, 1};
  result.lengths = {212, 700, 45};
  result.normalized_scores = {100, 0, 100};
  write_final_episodes(dir.file("e.csv"), result);
  EXPECT_EQ(read_final_episode_steps(dir.file("e.csv")), (std::vector<int>{212, 700, 45}));
}

TEST(FinalEpisodes, NoFileIsNoEpisodes) {
  testing::TempDir dir;
  EXPECT_TRUE(read_final_episode_steps(dir.file("e.csv")).empty());
}

TEST(FinalEpisodes, BadLineNamesFileAndLine) {
  testing::TempDir dir;
  std::ofstream(dir.file("e.csv")) << "episode,return,steps,normalized_score\n0,1,212,100\nbroken\n";
  try {
    read_final_episode_steps(dir.file("e.csv"));
    FAIL() << "no error";
  } catch (const autodiff::Error& e) {
    EXPECT_NE(std::string(e.what()).find("e.csv:3"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace harness
