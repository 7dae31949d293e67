// An exclusive advisory lock (flock) on a file, held while the object lives: one process downloads
// a dataset while the others wait; one process owns a run directory while others are refused.
#pragma once
#include <string>

namespace harness {

class FileLock {
 public:
  enum class Mode { wait, or_fail };

  /// Locks `path` (created if missing). With Mode::or_fail, throws autodiff::Error saying `what` is
  /// in use when another process holds the lock; with Mode::wait, waits for it.
  FileLock(const std::string& path, Mode mode, const std::string& what);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

}  // namespace harness
