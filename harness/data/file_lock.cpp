#include "harness/data/file_lock.h"

#include <cerrno>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "autodiff/error.h"

namespace harness {

FileLock::FileLock(const std::string& path, Mode mode, const std::string& what)
    : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
  if (fd_ < 0) throw autodiff::Error(path + ": cannot create the lock file of " + what + " (check permissions)");
  if (::flock(fd_, mode == Mode::wait ? LOCK_EX : LOCK_EX | LOCK_NB) == 0) return;
  const bool busy = errno == EWOULDBLOCK;
  ::close(fd_);
  throw autodiff::Error(busy ? what + " is in use by another iql process (lock " + path + "); wait for it to end, or stop it"
                             : path + ": cannot lock " + what);
}

FileLock::~FileLock() { ::close(fd_); }  // closing releases the lock

}  // namespace harness
