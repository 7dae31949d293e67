#include "harness/render/video_writer.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "harness/render/render_error.h"

extern char** environ;

namespace harness {
namespace {

namespace fs = std::filesystem;

// the first `name` on PATH that may be executed, or "" when there is none
std::string find_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "";
  for (size_t start = 0; start <= dirs.size();) {
    const size_t end = std::min(dirs.find(':', start), dirs.size());
    const std::string dir = dirs.substr(start, end - start);
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return candidate;
    start = end + 1;
  }
  return "";
}

// creating the file is the one check that holds for root, read-only filesystems and directories
void check_writable(const std::string& path) {
  if (fs::is_directory(path)) throw RenderError(path + ": is a directory; give a video file name");
  const bool existed = fs::exists(path);
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT, 0644);
  if (fd < 0) throw RenderError(path + ": cannot write the video here: " + std::strerror(errno));
  close(fd);
  if (!existed) fs::remove(path);
}

std::string ffmpeg_path(const std::string& video) {
  const std::string ffmpeg = find_on_path("ffmpeg");
  if (ffmpeg.empty()) {
    throw RenderError(video + ": the ffmpeg program is not on PATH; install it (apt-get install ffmpeg, or make deps)");
  }
  return ffmpeg;
}

std::vector<std::string> ffmpeg_arguments(const std::string& ffmpeg, const std::string& path, FrameSize size,
                                          double fps) {
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.6g", fps);
  std::vector<std::string> args = {ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo",
                                   "-pix_fmt", "rgb24", "-s", std::to_string(size.width) + "x" + std::to_string(size.height),
                                   "-framerate", rate, "-i", "-"};
  // the output rate too: alone, the input's 125 became 120 in MP4, dropping frames to fit
  args.insert(args.end(), {"-r", rate});
  if (video_format(path) == VideoFormat::kMp4) {
    args.insert(args.end(), {"-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
                             "-movflags", "+faststart"});
  } else {
    // one palette for the whole video: colours stay put from frame to frame
    args.insert(args.end(), {"-vf", "split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=bayer"});
  }
  args.push_back(path);
  return args;
}

// ffmpeg's last message, for errors
std::string last_line(std::FILE* log) {
  std::string text;
  std::rewind(log);
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, log)) {
    std::string line(buffer);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (!line.empty()) text = line;
  }
  return text.empty() ? "no message" : text;
}

// writes all of `data`; false when the reader has gone (EPIPE). SIGPIPE is blocked meanwhile so a
// dead ffmpeg is an error here rather than the end of the process, and a raised one is consumed
bool write_all(int fd, const uint8_t* data, size_t size) {
  sigset_t pipe_signal, previous;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous);
  bool ok = true;
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ok = false;
      break;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  if (!ok) {
    const timespec no_wait = {0, 0};
    sigtimedwait(&pipe_signal, nullptr, &no_wait);
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return ok;
}

}  // namespace

void check_video_output(const std::string& path) {
  video_format(path);
  ffmpeg_path(path);
  check_writable(path);
}

VideoWriter::VideoWriter(const std::string& path, FrameSize size, double fps)
    : path_(path), size_(size) {
  check_video_output(path);
  if (video_format(path) == VideoFormat::kMp4 && (size.width % 2 || size.height % 2)) {
    throw RenderError(path + ": MP4 (H.264, yuv420p) needs even frame sides, got " + std::to_string(size.width) +
                      "x" + std::to_string(size.height));
  }
  const std::string ffmpeg = ffmpeg_path(path);

  log_.reset(std::tmpfile());
  int fds[2];
  if (!log_ || pipe2(fds, O_CLOEXEC) != 0) throw RenderError(path + ": cannot start ffmpeg: " + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fileno(log_.get()), STDERR_FILENO);
  const std::vector<std::string> args = ffmpeg_arguments(ffmpeg, path, size, fps);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const int spawned = posix_spawn(&pid_, ffmpeg.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[0]);
  pipe_ = fds[1];
  if (spawned != 0) {
    pid_ = -1;
    close(pipe_);
    fail("cannot start " + ffmpeg + ": " + std::strerror(spawned));
  }
}

VideoWriter::~VideoWriter() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    wait_for_ffmpeg();
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
}

void VideoWriter::write(const Frame& frame) {
  if (frame.size.width != size_.width || frame.size.height != size_.height) {
    throw RenderError(path_ + ": a frame of " + std::to_string(frame.size.width) + "x" +
                      std::to_string(frame.size.height) + " in a video of " + std::to_string(size_.width) + "x" +
                      std::to_string(size_.height));
  }
  if (pid_ < 0) throw RenderError(path_ + ": the video is already finished");
  if (!write_all(pipe_, frame.rgb.data(), frame.rgb.size())) fail("ffmpeg stopped reading frames");
  ++frames_;
}

bool VideoWriter::wait_for_ffmpeg() {
  if (pipe_ >= 0) close(pipe_);
  pipe_ = -1;
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void VideoWriter::fail(const std::string& what) {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    wait_for_ffmpeg();
  }
  std::error_code ignored;
  fs::remove(path_, ignored);
  throw RenderError(path_ + ": " + what + ": " + last_line(log_.get()));
}

void VideoWriter::finish() {
  if (pid_ < 0) throw RenderError(path_ + ": the video is already finished");
  if (!wait_for_ffmpeg()) fail("ffmpeg could not write the video");
}

}  // namespace harness
