// A video file written by the `ffmpeg` program: raw RGB frames go down a pipe to its stdin, and it
// encodes H.264 in MP4 (yuv420p, which every player reads) or a GIF with a palette made for the
// whole video. ffmpeg's messages go to a temporary file; the last one names a failure.
#pragma once
#include <cstdio>
#include <memory>
#include <string>
#include <sys/types.h>

#include "harness/render/frame.h"
#include "harness/render/video_format.h"

namespace harness {

/// What VideoWriter checks of `path` before it starts, for commands to say before long work: a
/// known extension, ffmpeg on PATH, and a file that can be created there (tried, and removed again
/// when it was not there before). Throws RenderError in one line naming the path.
void check_video_output(const std::string& path);

class VideoWriter {
 public:
  /// Starts ffmpeg writing `path` (its format from the extension) with frames of `size` at `fps`.
  /// Throws RenderError, in one line naming the path, on an unknown extension, a path that cannot
  /// be created, ffmpeg missing from PATH, or an odd frame side for MP4 (yuv420p needs even ones).
  VideoWriter(const std::string& path, FrameSize size, double fps);
  /// Without finish(), stops ffmpeg and removes the unfinished file.
  ~VideoWriter();
  VideoWriter(const VideoWriter&) = delete;
  VideoWriter& operator=(const VideoWriter&) = delete;

  /// Sends one frame of the size given at construction. Throws RenderError for another size or
  /// when ffmpeg has stopped (with its last message).
  void write(const Frame& frame);

  /// Ends the stream and waits for ffmpeg; throws RenderError with its last message if it failed.
  void finish();

  int frames() const { return frames_; }

 private:
  /// Closes ffmpeg's input and waits for it to exit; true when it succeeded.
  bool wait_for_ffmpeg();
  [[noreturn]] void fail(const std::string& what);

  std::string path_;
  FrameSize size_;
  struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, FileCloser> log_;  // ffmpeg's stderr
  int pipe_ = -1;      // the write end of ffmpeg's stdin
  pid_t pid_ = -1;
  int frames_ = 0;
};

}  // namespace harness
