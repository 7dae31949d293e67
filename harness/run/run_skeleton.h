// The skeleton the three kinds of run stand on: offline IQL (train.h), online SAC (sac_run.h) and
// IQL fine-tuning (finetune.h). Each run is a class with run_until(step, stop) and finish(); what
// they share is here, side by side:
// - the run directory: created, locked for this process, refused when it holds a checkpoint and
//   the run was not asked to resume; runs/<name>/seed<seed> by default;
// - the resume check: a checkpoint continues only the run it came from;
// - the clock: training time summed across resumes;
// - run.json: the run's record with the build that made it;
// - the driver: Ctrl-C / SIGTERM or a planned --stop-at end the loop at a safe point, then finish()
//   checkpoints and writes the record.
// Checkpoints (checkpoint.h, sac_checkpoint.h, finetune_checkpoint.h) and the metrics log
// (metrics_log.h) are the other shared pieces; the online loop is online_loop.h.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "harness/data/file_kind.h"
#include "harness/data/file_lock.h"
#include "harness/run/json.h"
#include "harness/run/stop_signal.h"

namespace harness {

/// "runs/<name>/seed<seed>": the default run directory; `name` is e.g. the dataset, "sac/<env>".
std::string default_run_dir(const std::string& name, uint64_t seed);

/// A run directory this process owns while the object lives.
class RunDirectory {
 public:
  /// Creates `path` and locks it: two processes in one directory would interleave metrics and
  /// overwrite each other's checkpoints. Throws when another process holds it, when it holds a
  /// checkpoint and `resume` is false (a finished run is never overwritten by accident), and when
  /// its checkpoint is of another kind of run than `kind` (naming the command that continues it).
  RunDirectory(const std::string& path, bool resume, FileKind kind);

  const std::string& path() const { return path_; }
  /// `path`/`name`.
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  const std::string& checkpoint() const { return checkpoint_; }
  bool has_checkpoint() const;

 private:
  std::string path_, checkpoint_;
  std::unique_ptr<FileLock> lock_;
};

/// One thing a checkpoint must share with the run resuming it.
struct SameRunField {
  const char* what;    // "dataset", "seed", "config", ...
  std::string saved;   // the checkpoint's
  std::string fresh;   // this run's
};

/// Throws naming `checkpoint` and the first field whose values differ, with the way out.
void require_same_run(const std::string& checkpoint, const std::vector<SameRunField>& fields);

/// Wall time spent training, across resumes: what the checkpoint carried plus this process's time.
class RunClock {
 public:
  /// Continues from `seconds` spent before this process (0 for a fresh run).
  void continue_from(double seconds) { before_ = seconds; }
  double seconds() const {
    return before_ + std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  }

 private:
  double before_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

/// Writes `record` plus the build fields (fingerprint.h) as `dir`/run.json, one JSON line.
void write_run_record(const RunDirectory& dir, JsonObject record);

/// The step a run stops at: `stop_at` (a time-boxed job's planned stop) when set, else `total`.
inline int64_t stop_step(int64_t total, int64_t stop_at) { return stop_at > 0 ? std::min(stop_at, total) : total; }

/// Runs `run` to its stop step or a signal, whichever comes first, then returns its finish().
template <class Run>
auto run_to_stop(Run& run, int64_t total, int64_t stop_at) {
  StopOnSignal stop;
  run.run_until(stop_step(total, stop_at), stop);
  return run.finish();
}

}  // namespace harness
