// Tests for harness/render/dataset_video.cpp: an episode of a file replayed into a video with one
// frame per row, and a clear line for an episode that is not there.
#include "harness/render/dataset_video.h"

#include <gtest/gtest.h>

#include "harness/data/d4rl_fixture.h"
#include "tests/harness/data/test_support.h"
#include "tests/harness/render/test_support.h"

namespace harness {
namespace {

constexpr FrameSize kSize = {64, 64};

D4rlArrays fixture(const testing::TempDir& dir, const std::string& dataset, size_t rows, size_t episode_rows) {
  const DatasetInfo& info = dataset_info(dataset);
  write_fixture(dir.file("data.hdf5"), info, {rows, episode_rows}, 1);
  return read_d4rl(dir.file("data.hdf5"), &info, InfoKeys::read);
}

class DatasetVideoPerSuite : public ::testing::TestWithParam<const char*> {};

// an explicit frame rate shows every row: one frame per row of the episode
TEST_P(DatasetVideoPerSuite, EpisodeBecomesOneFramePerRow) {
  testing::TempDir dir;
  const D4rlArrays arrays = fixture(dir, GetParam(), 45, 20);
  const std::unique_ptr<Env> env = make_env(dataset_env(dataset_info(GetParam())).name);
  const RowRange episode = episodes_of(*env, arrays).at(1);
  const std::string path = dir.file("episode.gif");
  const int frames = film_dataset_episode(*env, arrays, 1, GetParam(), {path, kSize, 10.0});
  EXPECT_EQ(frames, static_cast<int>(episode.size()));
  const testing::ProbedVideo video = testing::probe_video(path);
  EXPECT_EQ(video.frames, static_cast<int>(episode.size()));
  EXPECT_EQ(video.width, kSize.width);
  EXPECT_EQ(video.height, kSize.height);
}

INSTANTIATE_TEST_SUITE_P(Suites, DatasetVideoPerSuite, ::testing::Values("hopper-medium-v2", "antmaze-umaze-v2"),
                         [](const auto& info) { return std::string(info.param).substr(0, 6); });

TEST(DatasetVideo, RefusesAnEpisodeBeyondTheLastNamingTheCount) {
  testing::TempDir dir;
  const D4rlArrays arrays = fixture(dir, "walker2d-medium-v2", 40, 20);
  const std::unique_ptr<Env> env = make_env("walker2d");
  const size_t count = episodes_of(*env, arrays).size();
  const std::string message = testing::render_error(
      [&] { film_dataset_episode(*env, arrays, count, "walker2d-medium-v2", {dir.file("x.mp4"), kSize, {}}); });
  EXPECT_NE(message.find("has " + std::to_string(count) + " episodes"), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(dir.file("x.mp4")));
}

}  // namespace
}  // namespace harness
