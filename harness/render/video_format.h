// What a video file name asks for: the container by its extension, and the frame rate and step
// stride that play an episode in real time.
#pragma once
#include <optional>
#include <string>

namespace harness {

enum class VideoFormat { kMp4, kGif };

/// The format of `path` by its extension, ".mp4" (H.264) or ".gif" (any case). Throws RenderError
/// naming the path and the extensions it knows.
VideoFormat video_format(const std::string& path);

/// How often a video shows a step and at what rate it plays.
struct VideoTiming {
  double fps;  // frames per second of the file
  int stride;  // environment steps per frame
};

/// Real time for an env of `steps_per_second` (1 / (timestep x frame skip)): every step at that
/// rate, except that GIF viewers play at most 50 frames a second (delays are in hundredths, and
/// shorter ones are slowed to a tenth), so a GIF shows every k-th step at steps_per_second / k.
/// `fps` given: every step at that rate. Throws RenderError when fps is not above zero.
VideoTiming video_timing(VideoFormat format, double steps_per_second, std::optional<double> fps);

}  // namespace harness
