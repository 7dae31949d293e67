#include "harness/render/video_format.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "harness/render/render_error.h"

namespace harness {
namespace {

constexpr double kGifMaxFps = 50.0;  // a delay of 2/100 s, the shortest browsers honour

}  // namespace

VideoFormat video_format(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".mp4") return VideoFormat::kMp4;
  if (extension == ".gif") return VideoFormat::kGif;
  throw RenderError(path + ": unknown video extension '" + extension + "'; use .mp4 (H.264) or .gif");
}

VideoTiming video_timing(VideoFormat format, double steps_per_second, std::optional<double> fps) {
  if (fps) {
    if (!(*fps > 0.0) || !std::isfinite(*fps)) {
      throw RenderError("--fps " + std::to_string(*fps) + ": the frame rate must be a number above 0");
    }
    return {*fps, 1};
  }
  const int stride = format == VideoFormat::kGif ? static_cast<int>(std::ceil(steps_per_second / kGifMaxFps)) : 1;
  return {steps_per_second / stride, stride};
}

}  // namespace harness
