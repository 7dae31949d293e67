// A video of one environment's states: each state handed in on the frame stride is rendered and
// piped to ffmpeg, with a progress line on stderr for long videos.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "harness/render/caption.h"
#include "harness/render/renderer.h"
#include "harness/render/video_writer.h"
#include "harness/run/progress.h"

namespace harness {

// the largest frame side the CLI takes: offscreen buffers beyond it fail on common drivers, and a
// frame is side x side x 3 bytes per encoder copy
constexpr int kMaxFrameSide = 4096;

// the largest frame rate the CLI takes: far above any env's real time (hopper: 125 steps per second);
// more is a typo
constexpr double kMaxFps = 1000;

struct VideoOptions {
  std::string path;          // .mp4 or .gif
  FrameSize size;
  std::optional<double> fps;  // none: real time, 1 / (timestep x frame skip)
};

class EnvVideo {
 public:
  /// Opens `options.path` for the states of `env_name`, which steps `steps_per_second` times a
  /// simulated second; `expected_steps` (an estimate) sizes the progress line. Throws RenderError
  /// for a bad path, extension or frame rate, or missing ffmpeg, before anything is rendered.
  EnvVideo(std::string_view env_name, double steps_per_second, const VideoOptions& options, int64_t expected_steps);

  /// Adds the frame of `state` (the env's mjData) with `caption` when `step` falls on the frame
  /// stride or `last` says the episode ends with it (its final state always shows).
  void add(const mjData& state, int step, bool last, const Caption& caption);

  /// The goal and path marks of an AntMaze video; null for the other environments.
  MazeMarks* maze_marks() { return renderer_.maze_marks(); }
  const VideoTiming& timing() const { return timing_; }

  /// Finishes the file; returns its frame count. Throws RenderError if ffmpeg failed.
  int finish();

 private:
  VideoTiming timing_;
  VideoWriter writer_;  // before the renderer: a bad path fails before the GL context is made
  Renderer renderer_;
  Progress progress_;
  int64_t steps_seen_ = 0;
};

}  // namespace harness
