#include "harness/grid/local_pool.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <optional>

#include <fcntl.h>
#include <sched.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace harness {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;
constexpr long kPollNanoseconds = 20'000'000;  // how long the pool sleeps when no child has ended

// SIGINT/SIGTERM received while a pool runs; the pool loop reads it, the handler only counts
std::atomic<int> g_signals{0};

extern "C" void count_signal(int) { g_signals.fetch_add(1); }

// counts SIGINT and SIGTERM for the lifetime of a pool, restoring the previous handlers after;
// no SA_RESTART is needed: the loop polls, it never blocks in a system call
class SignalCounter {
 public:
  SignalCounter() {
    g_signals.store(0);
    struct sigaction action {};
    action.sa_handler = count_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_int_);
    sigaction(SIGTERM, &action, &previous_term_);
  }
  ~SignalCounter() {
    sigaction(SIGINT, &previous_int_, nullptr);
    sigaction(SIGTERM, &previous_term_, nullptr);
  }
  SignalCounter(const SignalCounter&) = delete;
  SignalCounter& operator=(const SignalCounter&) = delete;
  int count() const { return g_signals.load(); }

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
};

// NULL-terminated char* views of strings that outlive them
std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// this process's environment with `overrides` replacing or adding variables
std::vector<std::string> child_environment(const std::map<std::string, std::string>& overrides) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string pair = *entry;
    if (!overrides.count(pair.substr(0, pair.find('=')))) env.push_back(pair);
  }
  for (const auto& [key, value] : overrides) env.push_back(key + "=" + value);
  return env;
}

// posix_spawn's two attribute objects with their destroy calls
struct SpawnSetup {
  posix_spawn_file_actions_t files;
  posix_spawnattr_t attributes;

  SpawnSetup() {
    posix_spawn_file_actions_init(&files);
    posix_spawnattr_init(&attributes);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attributes);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

// a child reads nothing, writes to its log, runs in its own process group (a terminal's Ctrl-C
// reaches only the pool, which forwards it once) with default SIGINT/SIGTERM and no blocked signals
void prepare(SpawnSetup& setup, const PoolJob& job) {
  posix_spawn_file_actions_addopen(&setup.files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  if (!job.log_path.empty()) {
    posix_spawn_file_actions_addopen(&setup.files, STDOUT_FILENO, job.log_path.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&setup.files, STDOUT_FILENO, STDERR_FILENO);
  }
  sigset_t defaults, none;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  sigemptyset(&none);
  posix_spawnattr_setflags(&setup.attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&setup.attributes, 0);
  posix_spawnattr_setsigdefault(&setup.attributes, &defaults);
  posix_spawnattr_setsigmask(&setup.attributes, &none);
}

// starts `job`; returns its pid, or -1 with the reason in `error`
pid_t spawn(const PoolJob& job, std::vector<std::string>& env, std::string& error) {
  if (job.argv.empty()) {
    error = "empty command";
    return -1;
  }
  if (!job.log_path.empty()) {
    std::error_code ignored;  // a missing directory shows up as the open's error below
    fs::create_directories(fs::path(job.log_path).parent_path(), ignored);
  }
  SpawnSetup setup;
  prepare(setup, job);
  std::vector<std::string> args = job.argv;
  std::vector<char*> argv = c_strings(args);
  std::vector<char*> envp = c_strings(env);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &setup.files, &setup.attributes, argv.data(), envp.data());
  if (rc != 0) {
    error = job.argv[0] + ": " + std::strerror(rc) + (job.log_path.empty() ? "" : " (log " + job.log_path + ")");
    return -1;
  }
  return pid;
}

struct Running {
  pid_t pid;
  size_t index;
  Clock::time_point started;
};

// waits for any running child that has ended without blocking; true if one did
bool reap(std::vector<Running>& running, PoolResult& result, const PoolOptions& options, std::vector<bool>& ended) {
  bool any = false;
  for (size_t i = 0; i < running.size();) {
    int status = 0;
    const pid_t done = waitpid(running[i].pid, &status, WNOHANG);
    if (done == 0 || (done < 0 && errno == EINTR)) {
      ++i;
      continue;
    }
    JobOutcome& outcome = result.outcomes[running[i].index];
    outcome.seconds = std::chrono::duration<double>(Clock::now() - running[i].started).count();
    if (done < 0) outcome.spawn_error = std::string("waitpid: ") + std::strerror(errno);
    if (done > 0 && WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
    if (done > 0 && WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
    ended[running[i].index] = true;
    if (options.on_finish) options.on_finish(outcome);
    running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
    any = true;
  }
  return any;
}

void start(size_t index, const std::vector<PoolJob>& jobs, std::vector<std::string>& env,
           std::vector<Running>& running, PoolResult& result, const PoolOptions& options, std::vector<bool>& ended) {
  JobOutcome& outcome = result.outcomes[index];
  outcome.started = true;
  const pid_t pid = spawn(jobs[index], env, outcome.spawn_error);
  if (pid > 0) {
    running.push_back({pid, index, Clock::now()});
  } else {
    ended[index] = true;
    if (options.on_finish) options.on_finish(outcome);
  }
}

void sleep_briefly() {
  const timespec pause{0, kPollNanoseconds};
  nanosleep(&pause, nullptr);  // a signal cuts it short, which is fine: the loop polls again
}

// the first job in list order that may start now: not started, every job it waits for succeeded;
// a job waiting for one that failed (or was itself blocked) is marked blocked on the way
std::optional<size_t> next_ready(const std::vector<PoolJob>& jobs, PoolResult& result, const std::vector<bool>& ended) {
  for (size_t i = 0; i < jobs.size(); ++i) {
    JobOutcome& outcome = result.outcomes[i];
    if (outcome.started || outcome.blocked) continue;
    bool ready = true;
    for (size_t before : jobs[i].after) {
      const JobOutcome& dependency = result.outcomes.at(before);
      if (dependency.blocked || (ended[before] && !dependency.ok())) outcome.blocked = true;
      ready = ready && ended[before] && dependency.ok();
    }
    if (!outcome.blocked && ready) return i;
  }
  return std::nullopt;
}

}  // namespace

PoolResult run_pool(const std::vector<PoolJob>& jobs, const PoolOptions& options) {
  PoolResult result;
  result.outcomes.resize(jobs.size());
  for (size_t i = 0; i < jobs.size(); ++i) result.outcomes[i].index = i;
  std::vector<std::string> env = child_environment(options.env);
  const size_t workers = static_cast<size_t>(std::max(options.workers, 1));
  SignalCounter signals;
  int forwarded = 0;
  std::vector<bool> ended(jobs.size());
  std::vector<Running> running;
  // every pass starts a job or reaps one or sleeps; it ends once no child runs and none can start
  for (;;) {
    if (signals.count() > forwarded) {
      forwarded = signals.count();
      result.interrupted = true;
      for (const Running& r : running) kill(-r.pid, SIGINT);  // the child's whole process group
    }
    std::optional<size_t> next;
    while (!result.interrupted && running.size() < workers && (next = next_ready(jobs, result, ended))) {
      start(*next, jobs, env, running, result, options, ended);
    }
    if (running.empty()) break;
    if (!reap(running, result, options, ended)) sleep_briefly();
  }
  return result;
}

int available_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) return 1;
  return std::max(CPU_COUNT(&set), 1);
}

std::string short_duration(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char text[32];
  if (s < 60) {
    std::snprintf(text, sizeof text, "%lds", s);
  } else if (s < 3600) {
    std::snprintf(text, sizeof text, "%ldm", s / 60);
  } else {
    std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, (s % 3600) / 60);
  }
  return text;
}

}  // namespace harness
