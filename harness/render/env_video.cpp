#include "harness/render/env_video.h"

namespace harness {

EnvVideo::EnvVideo(std::string_view env_name, double steps_per_second, const VideoOptions& options,
                   int64_t expected_steps)
    : timing_(video_timing(video_format(options.path), steps_per_second, options.fps)),
      writer_(options.path, options.size, timing_.fps),
      renderer_(env_name, options.size),
      progress_(0, expected_steps) {}

void EnvVideo::add(const mjData& state, int step, bool last, const Caption& caption) {
  progress_.tick(++steps_seen_);
  if (step % timing_.stride != 0 && !last) return;
  writer_.write(renderer_.render(state, caption));
}

int EnvVideo::finish() {
  progress_.finish();
  writer_.finish();
  return writer_.frames();
}

}  // namespace harness
