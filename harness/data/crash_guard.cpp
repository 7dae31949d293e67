#include "harness/data/crash_guard.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace harness {

std::string crash_in_child(const std::function<void()>& work) {
  std::fflush(nullptr);  // nothing buffered twice
  const pid_t child = fork();
  if (child < 0) return "";
  if (child == 0) {
    try {
      work();
    } catch (...) {
      // the parent repeats the read and reports what it throws
    }
    _exit(0);  // no atexit handlers, no destructors of the parent's objects
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
  }
  if (WIFSIGNALED(status)) return strsignal(WTERMSIG(status));
  return WEXITSTATUS(status) == 0 ? "" : "exit status " + std::to_string(WEXITSTATUS(status));
}

}  // namespace harness
