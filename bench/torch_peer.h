// PyTorch's side of bench_iql: tests/reference/iql_reference.py --serve as a child process that runs
// blocks of updates on request and reports how long they took. Header-only: bench_iql is its one user.
#pragma once
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "bench/openblas_baseline.h"
#include "harness/run/parity.h"
#include "harness/run/sac_parity.h"

extern char** environ;

namespace bench {

constexpr int kReplyTimeoutMs = 120'000;  // covers torch's start-up on a loaded machine

// our environment, but the baseline runs OpenBLAS's kernels for this CPU's vector width (ours pins
// Haswell's, so that its bits match the goldens on any x86-64 machine), its products on `threads`
// threads (IQL_REFERENCE_THREADS)
inline std::vector<std::string> baseline_environment(size_t threads) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    if (std::strncmp(*e, "OPENBLAS_CORETYPE=", 18) != 0 && std::strncmp(*e, "IQL_REFERENCE_THREADS=", 22) != 0)
      env.emplace_back(*e);
  }
  if (const char* core = baseline_openblas_core()) env.push_back(std::string("OPENBLAS_CORETYPE=") + core);
  env.push_back("IQL_REFERENCE_THREADS=" + std::to_string(threads));
  return env;
}

// an owned file descriptor
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    reset(std::exchange(other.fd_, -1));
    return *this;
  }
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

// a pipe whose ends are not inherited by children (posix_spawn's dup2 onto 0/1 clears the flag there)
inline bool make_pipe(Fd& read_end, Fd& write_end) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return false;
  read_end.reset(fds[0]);
  write_end.reset(fds[1]);
  return true;
}

// PyTorch's side: a reference's `--serve INPUTS.h5` (tests/reference/iql_reference.py or
// sac_reference.py) as a child process, its stdin and stdout on
// two pipes (its stderr is ours). block_ms(n) has it run its next n updates and returns their total
// ms as it timed them itself, so neither the round trip nor Python's start-up is counted. After any
// failure (cannot start, exits, no answer in time) block_ms returns NaN; the reason goes to stderr once.
class TorchPeer {
 public:
  /// `script` is the reference under tests/reference/; `write_inputs(path)` writes the inputs it reads;
  /// torch runs its products on `threads` OpenBLAS threads (its own ops on one).
  TorchPeer(std::string case_name, std::string script, const std::function<void(const std::string&)>& write_inputs,
            size_t threads = 1)
      : case_name_(std::move(case_name)),
        threads_(threads),
        script_(IQL_SOURCE_DIR "/tests/reference/" + std::move(script)),
        inputs_("/tmp/iql-bench-" + case_name_ + "-" + std::to_string(threads) + "t-" + std::to_string(getpid()) +
                "-inputs.h5") {
    std::signal(SIGPIPE, SIG_IGN);  // writing to a dead child must fail with EPIPE, not end the benchmark
    try {
      write_inputs(inputs_);
    } catch (const std::exception& e) {
      fail(e.what());
      return;
    }
    start();
    block_ms(1);  // waits out Python's start-up, so that it never overlaps a timed C++ block
    // the child has loaded the inputs before it answers: from here on, a benchmark killed midway
    // leaves no file behind
    std::remove(inputs_.c_str());
  }
  ~TorchPeer() {
    to_child_.reset();  // EOF on its stdin ends the serve loop
    if (pid_ > 0) waitpid(pid_, nullptr, 0);
    std::remove(inputs_.c_str());  // when the child failed before its first answer
  }
  TorchPeer(const TorchPeer&) = delete;
  TorchPeer& operator=(const TorchPeer&) = delete;

  const std::string& case_name() const { return case_name_; }

  double block_ms(size_t updates) {
    if (failed_) return NAN;
    const std::string request = std::to_string(updates) + "\n";
    if (write(to_child_.get(), request.data(), request.size()) != static_cast<ssize_t>(request.size()))
      return fail(std::string("cannot send a request: ") + std::strerror(errno));
    std::string line;
    while (read_line(line)) {
      double ms;
      if (std::sscanf(line.c_str(), "torch_block_ms %lf", &ms) == 1) return ms;
      std::fprintf(stderr, "torch: %s\n", line.c_str());  // a stray print: pass it on, keep waiting
    }
    return NAN;
  }

 private:
  void start() {
    Fd child_stdin, child_stdout;
    if (!make_pipe(child_stdin, to_child_) || !make_pipe(from_child_, child_stdout)) {
      fail(std::string("pipe: ") + std::strerror(errno));
      return;
    }
    std::string python = "/usr/bin/python3", serve = "--serve";
    char* argv[] = {python.data(), script_.data(), serve.data(), inputs_.data(), nullptr};
    std::vector<std::string> env = baseline_environment(threads_);
    std::vector<char*> envp;
    for (std::string& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_adddup2(&files, child_stdin.get(), STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&files, child_stdout.get(), STDOUT_FILENO);
    const int rc = posix_spawn(&pid_, argv[0], &files, nullptr, argv, envp.data());
    posix_spawn_file_actions_destroy(&files);
    if (rc != 0) {
      pid_ = -1;
      fail(python + ": " + std::strerror(rc));
    }
  }

  // the child's next line of stdout; false (and failed) when it exits or stays silent too long
  bool read_line(std::string& line) {
    size_t end;
    while ((end = unread_.find('\n')) == std::string::npos) {
      pollfd ready{from_child_.get(), POLLIN, 0};
      const int n = poll(&ready, 1, kReplyTimeoutMs);
      if (n < 0 && errno == EINTR) continue;
      char chunk[256];
      const ssize_t got = n > 0 ? read(from_child_.get(), chunk, sizeof chunk) : -1;
      if (got <= 0) {
        fail(n == 0 ? "no answer within " + std::to_string(kReplyTimeoutMs / 1000) + " s"
             : got == 0 ? exit_reason()
                        : std::string("poll/read: ") + std::strerror(errno));
        return false;
      }
      unread_.append(chunk, static_cast<size_t>(got));
    }
    line = unread_.substr(0, end);
    unread_.erase(0, end + 1);
    return true;
  }

  // reaps the child after its stdout closed and says how it ended
  std::string exit_reason() {
    int status = 0;
    const pid_t reaped = waitpid(std::exchange(pid_, -1), &status, 0);
    if (reaped < 0) return "it closed its stdout";
    if (WIFSIGNALED(status)) return "it was killed by signal " + std::to_string(WTERMSIG(status));
    return "it exited with status " + std::to_string(WEXITSTATUS(status));
  }

  double fail(const std::string& why) {
    if (!failed_)
      std::fprintf(stderr, "torch reference (%s) unavailable, its counters are NaN: %s\n", case_name_.c_str(),
                   why.c_str());
    failed_ = true;
    if (pid_ > 0) kill(pid_, SIGKILL);  // still running but of no use (the destructor reaps it)
    return NAN;
  }

  std::string case_name_;
  size_t threads_;
  std::string script_, inputs_;
  pid_t pid_ = -1;
  Fd to_child_, from_child_;
  std::string unread_;  // bytes read past the last full line
  bool failed_ = false;
};

// C++ and torch time over the interleaved blocks: after each block of C++ updates, torch runs as many
class SideBySide {
 public:
  explicit SideBySide(TorchPeer& torch) : torch_(torch) {}

  void add_update(double seconds) {
    block_seconds_ += seconds;
    ++block_updates_;
  }
  // torch's block: as many updates as the C++ block just ended
  void end_block() {
    if (block_updates_ == 0) return;
    const double torch_seconds = torch_.block_ms(block_updates_) * 1e-3;
    cpp_seconds_ += block_seconds_;
    torch_seconds_ += torch_seconds;
    updates_ += block_updates_;
    block_seconds_ = 0;
    block_updates_ = 0;
  }

  double torch_ms() const { return torch_seconds_ * 1e3 / static_cast<double>(updates_); }
  double ratio() const { return cpp_seconds_ / torch_seconds_; }

 private:
  TorchPeer& torch_;
  double block_seconds_ = 0, cpp_seconds_ = 0, torch_seconds_ = 0;
  size_t block_updates_ = 0, updates_ = 0;
};

// seconds of C++ updates per shape: 10 (about 40 torch blocks) unless IQL_BENCH_SECONDS says otherwise;
// ctest's smoke run asks for 1, as it checks that the benchmark runs, not how fast
inline double seconds_per_shape() {
  const char* text = std::getenv("IQL_BENCH_SECONDS");
  if (!text || !*text) return 10.0;
  char* end = nullptr;
  const double seconds = std::strtod(text, &end);
  if (*end != '\0' || !(seconds > 0)) {
    std::fprintf(stderr, "IQL_BENCH_SECONDS='%s' is not a positive number of seconds\n", text);
    std::exit(2);
  }
  return seconds;
}

// a row's label: the shape's environment and the GEMM kernel the C++ side ran on (the ratio depends on it)
inline std::string update_label(const char* env) {
  return std::string(env) + " gemm=" + autodiff::gemm_kernel_name(autodiff::gemm_kernel());
}

}  // namespace bench
