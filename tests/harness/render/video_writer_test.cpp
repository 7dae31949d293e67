// Tests for harness/render/video_writer.cpp: files ffprobe reads back with the frames and size
// written, and one clear line for each bad input.
#include "harness/render/video_writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/harness/data/test_support.h"
#include "tests/harness/render/test_support.h"

namespace harness {
namespace {

namespace fs = std::filesystem;

constexpr FrameSize kSize = {64, 48};
constexpr int kFrames = 7;

// a moving gradient, so the encoder has something to encode in each frame
Frame test_frame(int index) {
  Frame frame{kSize, std::vector<uint8_t>(3 * kSize.width * kSize.height)};
  for (size_t i = 0; i < frame.rgb.size(); ++i) frame.rgb[i] = static_cast<uint8_t>(i / 3 + 20 * index);
  return frame;
}

void write_video(const std::string& path, double fps) {
  VideoWriter writer(path, kSize, fps);
  for (int i = 0; i < kFrames; ++i) writer.write(test_frame(i));
  writer.finish();
  EXPECT_EQ(writer.frames(), kFrames);
}

void expect_one_line_naming(const std::string& message, const std::string& word) {
  EXPECT_NE(message.find(word), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

class VideoWriterFormat : public ::testing::TestWithParam<const char*> {};

// 125 fps is hopper's real time: ffmpeg once turned it into 120 and dropped frames
TEST_P(VideoWriterFormat, FileHoldsTheFramesAndSizeWritten) {
  testing::TempDir dir;
  const std::string path = dir.file(std::string("clip.") + GetParam());
  write_video(path, 125.0);
  const testing::ProbedVideo video = testing::probe_video(path);
  EXPECT_EQ(video.width, kSize.width);
  EXPECT_EQ(video.height, kSize.height);
  EXPECT_EQ(video.frames, kFrames);
}

INSTANTIATE_TEST_SUITE_P(Formats, VideoWriterFormat, ::testing::Values("mp4", "gif", "GIF"));

TEST(VideoWriter, RefusesAnUnknownExtension) {
  testing::TempDir dir;
  const std::string message = testing::render_error([&] { VideoWriter(dir.file("clip.avi"), kSize, 10); });
  expect_one_line_naming(message, "'.avi'");
  EXPECT_NE(message.find(".mp4"), std::string::npos) << message;
  EXPECT_FALSE(fs::exists(dir.file("clip.avi")));
}

TEST(VideoWriter, RefusesAPathItCannotCreate) {
  testing::TempDir dir;
  const std::string path = dir.file("no/such/dir/clip.mp4");
  expect_one_line_naming(testing::render_error([&] { VideoWriter(path, kSize, 10); }), path);
}

TEST(VideoWriter, RefusesADirectory) {
  testing::TempDir dir;
  fs::create_directory(dir.file("clip.mp4"));
  expect_one_line_naming(testing::render_error([&] { VideoWriter(dir.file("clip.mp4"), kSize, 10); }), "directory");
}

TEST(VideoWriter, SaysWhenFfmpegIsMissing) {
  testing::TempDir dir;
  testing::ScopedEnv path("PATH", dir.path());  // a PATH with nothing on it
  expect_one_line_naming(testing::render_error([&] { VideoWriter(dir.file("clip.mp4"), kSize, 10); }), "ffmpeg");
}

TEST(VideoWriter, RefusesOddSidesForMp4) {
  testing::TempDir dir;
  expect_one_line_naming(testing::render_error([&] { VideoWriter(dir.file("clip.mp4"), {63, 48}, 10); }), "63x48");
}

TEST(VideoWriter, RefusesAFrameOfAnotherSize) {
  testing::TempDir dir;
  VideoWriter writer(dir.file("clip.gif"), kSize, 10);
  const Frame other{{32, 32}, std::vector<uint8_t>(3 * 32 * 32)};
  expect_one_line_naming(testing::render_error([&] { writer.write(other); }), "32x32");
}

TEST(VideoWriter, CheckingAPathLeavesNoFile) {
  testing::TempDir dir;
  check_video_output(dir.file("clip.gif"));
  EXPECT_FALSE(fs::exists(dir.file("clip.gif")));
}

TEST(VideoWriter, UnfinishedFileIsRemoved) {
  testing::TempDir dir;
  {
    VideoWriter writer(dir.file("clip.mp4"), kSize, 10);
    writer.write(test_frame(0));
  }
  EXPECT_FALSE(fs::exists(dir.file("clip.mp4")));
}

}  // namespace
}  // namespace harness
