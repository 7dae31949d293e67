// Tests for harness/render/video_format.cpp: formats by extension and real-time frame rates.
#include "harness/render/video_format.h"

#include <gtest/gtest.h>

#include "tests/harness/render/test_support.h"

namespace harness {
namespace {

constexpr double kHopperStepsPerSecond = 125.0;  // 1 / (0.002 s x 4)

TEST(VideoFormat, ComesFromTheExtensionInAnyCase) {
  EXPECT_EQ(video_format("a/b.mp4"), VideoFormat::kMp4);
  EXPECT_EQ(video_format("b.MP4"), VideoFormat::kMp4);
  EXPECT_EQ(video_format("b.gif"), VideoFormat::kGif);
}

TEST(VideoFormat, RefusesOtherExtensionsNamingThePath) {
  const std::string message = testing::render_error([] { video_format("out/clip"); });
  EXPECT_NE(message.find("out/clip"), std::string::npos) << message;
}

TEST(VideoTiming, Mp4ShowsEveryStepInRealTime) {
  const VideoTiming t = video_timing(VideoFormat::kMp4, kHopperStepsPerSecond, std::nullopt);
  EXPECT_EQ(t.stride, 1);
  EXPECT_EQ(t.fps, kHopperStepsPerSecond);
}

// GIF delays are in hundredths: 125 fps cannot play, every third step at 41.67 fps is real time
TEST(VideoTiming, GifSkipsStepsToStayAtMost50Fps) {
  const VideoTiming t = video_timing(VideoFormat::kGif, kHopperStepsPerSecond, std::nullopt);
  EXPECT_EQ(t.stride, 3);
  EXPECT_DOUBLE_EQ(t.fps, kHopperStepsPerSecond / 3);
  EXPECT_EQ(video_timing(VideoFormat::kGif, 10.0, std::nullopt).stride, 1);  // AntMaze: 0.1 s steps
}

TEST(VideoTiming, GivenFpsShowsEveryStepAtThatRate) {
  const VideoTiming t = video_timing(VideoFormat::kGif, kHopperStepsPerSecond, 30.0);
  EXPECT_EQ(t.stride, 1);
  EXPECT_EQ(t.fps, 30.0);
}

TEST(VideoTiming, RefusesAFrameRateNotAboveZero) {
  EXPECT_NE(testing::render_error([] { video_timing(VideoFormat::kMp4, 125.0, 0.0); }).find("--fps"),
            std::string::npos);
  EXPECT_NE(testing::render_error([] { video_timing(VideoFormat::kMp4, 125.0, -3.0); }).find("--fps"),
            std::string::npos);
}

}  // namespace
}  // namespace harness
