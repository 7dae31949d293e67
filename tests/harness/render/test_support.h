// Test support for the harness/render tests: reading a video back with ffprobe, and what a frame's
// pixels say (variance, how much two frames differ).
#pragma once
#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "harness/render/frame.h"
#include "harness/render/render_error.h"

namespace harness::testing {

struct ProbedVideo {
  int width = 0;
  int height = 0;
  int frames = 0;  // decoded, not the container's claim
};

/// The first video stream of `path` as ffprobe decodes it; zeros when ffprobe cannot read it.
inline ProbedVideo probe_video(const std::string& path) {
  const std::string command = "ffprobe -v error -select_streams v:0 -count_frames -show_entries "
                              "stream=width,height,nb_read_frames -of csv=p=0 '" + path + "' 2>/dev/null";
  ProbedVideo video;
  if (std::FILE* pipe = popen(command.c_str(), "r")) {
    if (std::fscanf(pipe, "%d,%d,%d", &video.width, &video.height, &video.frames) != 3) video = {};
    pclose(pipe);
  }
  return video;
}

/// Variance of all channel values of `frame`: 0 for a blank image.
inline double pixel_variance(const Frame& frame) {
  double sum = 0, squares = 0;
  for (uint8_t v : frame.rgb) sum += v, squares += double(v) * v;
  const double n = static_cast<double>(frame.rgb.size());
  return squares / n - (sum / n) * (sum / n);
}

/// The number of pixels whose colour differs between two frames of one size.
inline int changed_pixels(const Frame& a, const Frame& b) {
  int changed = 0;
  for (size_t i = 0; i < a.rgb.size(); i += 3) {
    changed += a.rgb[i] != b.rgb[i] || a.rgb[i + 1] != b.rgb[i + 1] || a.rgb[i + 2] != b.rgb[i + 2];
  }
  return changed;
}

/// Runs `action`, which should throw RenderError, and returns the message ("" and a test failure
/// if it does not throw).
template <class Action>
std::string render_error(Action action) {
  try {
    action();
  } catch (const RenderError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no RenderError was thrown";
  return "";
}

}  // namespace harness::testing
