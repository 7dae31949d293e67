// A pool of child processes on this machine: at most `workers` at a time, each started with
// posix_spawn in its own process group, stdout and stderr appended to its log file. SIGINT or
// SIGTERM to this process while the pool runs starts no new job and forwards SIGINT to the running
// ones (an `iql train` child checkpoints and exits), so Ctrl-C stops a grid cleanly. A job may wait
// for others (a run for the dataset it trains on): it starts once they all succeeded, never when
// one of them did not.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace harness {

struct PoolJob {
  PoolJob(std::vector<std::string> argv_, std::string log_path_, std::vector<size_t> after_ = {})
      : argv(std::move(argv_)), log_path(std::move(log_path_)), after(std::move(after_)) {}

  std::vector<std::string> argv;  // argv[0] is the program's path (no PATH search)
  std::string log_path;           // stdout + stderr are appended here; "" = this process's
  std::vector<size_t> after;      // jobs (earlier in the list) that must succeed before this starts
};

struct JobOutcome {
  size_t index = 0;         // position in the job list
  bool started = false;     // the pool tried to start it; false: interrupted before its turn or blocked
  bool blocked = false;     // never started: a job it waits for did not succeed
  int exit_code = -1;       // exit status when the child exited, else -1
  int signal = 0;           // the signal that ended it, else 0
  double seconds = 0;       // wall time
  std::string spawn_error;  // why it could not be started, else ""

  bool ok() const { return started && exit_code == 0; }
};

struct PoolOptions {
  int workers = 1;                                    // children running at once (>= 1)
  std::map<std::string, std::string> env;             // set in every child, over this process's environment
  std::function<void(const JobOutcome&)> on_finish;  // called as each started job ends (pool thread)
};

struct PoolResult {
  std::vector<JobOutcome> outcomes;  // one per job, in job order
  bool interrupted = false;          // a SIGINT/SIGTERM arrived while the pool ran
};

/// Runs `jobs` in order, `options.workers` at a time, until all have ended (or, once interrupted,
/// until the running ones have ended); a free worker takes the first job whose `after` jobs have
/// all succeeded, so a job waiting for another lets the ones behind it go first. Outcomes never depend on the number of workers beyond their
/// timing. A job that cannot be started (no such program, log not writable) ends with spawn_error.
PoolResult run_pool(const std::vector<PoolJob>& jobs, const PoolOptions& options);

/// The CPUs this process may run on (sched_getaffinity), at least 1.
int available_cores();

/// "45s", "12m", "3h05m": a duration for progress lines.
std::string short_duration(double seconds);

}  // namespace harness
