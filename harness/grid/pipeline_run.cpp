#include "harness/grid/pipeline_run.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "harness/grid/local_backend.h"
#include "harness/grid/local_pool.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

// the compute left, as the run directories tell it now; a dataset counts until it is made
double seconds_left(const PipelinePlan& plan, const std::vector<bool>& dataset_made) {
  double left = 0;
  for (size_t i = 0; i < plan.datasets.size(); ++i) left += dataset_made[i] ? 0 : dataset_cost_left(plan.datasets[i]);
  for (const PlannedRun& r : plan.runs) left += run_cost_left(plan, r);
  return left;
}

// calls `tick` every `period` seconds until destroyed
class Ticker {
 public:
  Ticker(double period, std::function<void()> tick)
      : thread_([this, period, tick] {
          std::unique_lock<std::mutex> lock(mutex_);
          while (!cv_.wait_for(lock, std::chrono::duration<double>(period), [this] { return stopped_; })) tick();
        }) {}
  ~Ticker() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopped_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopped_ = false;
  std::thread thread_;  // last: started once the members it uses exist
};

// Ctrl-C or SIGTERM, forwarded by the pool: a collection has no checkpoint, so it ends at once
bool stopped_by_interrupt(const JobOutcome& j) { return j.signal == SIGINT || j.signal == SIGTERM; }

// "made (4m)" or "failed, exit 1, see LOG"
std::string dataset_end(const JobOutcome& j, const std::string& log) {
  if (j.ok()) return "made (" + short_duration(j.seconds) + ")";
  if (!j.spawn_error.empty()) return "failed, could not start: " + j.spawn_error;
  if (j.exit_code == kCheckpointedExit) return "stopped, its SAC run checkpointed (" + short_duration(j.seconds) + ")";
  if (stopped_by_interrupt(j)) return "stopped by the interrupt; made again from the start next time";
  return "failed, exit " + std::to_string(j.exit_code) + ", see " + log;
}

bool failed(const JobOutcome& j) {
  return j.started && !j.ok() && j.exit_code != kCheckpointedExit && !stopped_by_interrupt(j);
}

}  // namespace

std::string pipeline_progress_text(double seconds_left, double total_seconds, int workers) {
  const double done = total_seconds > 0 ? std::clamp(1.0 - seconds_left / total_seconds, 0.0, 1.0) : 1.0;
  char text[160];
  std::snprintf(text, sizeof text, "pipeline %.0f%% done, %.1f core-hours left, ETA %s on %d worker%s", 100 * done,
                seconds_left / 3600, short_duration(seconds_left / std::max(workers, 1)).c_str(), workers,
                workers == 1 ? "" : "s");
  return text;
}

PipelineOutcome run_pipeline_jobs(const PipelinePlan& plan, int jobs, double progress_seconds, std::FILE* out) {
  std::vector<bool> made(plan.datasets.size());
  std::vector<size_t> to_make;
  for (size_t i = 0; i < plan.datasets.size(); ++i) {
    if (plan.datasets[i].argv.empty()) {
      made[i] = true;  // cached already
    } else {
      to_make.push_back(i);
    }
  }
  std::stable_sort(to_make.begin(), to_make.end(),
                   [&](size_t a, size_t b) { return plan.datasets[a].cost_seconds > plan.datasets[b].cost_seconds; });
  std::vector<const PlannedRun*> to_run;
  for (const PlannedRun& r : plan.runs)
    if (r.status.state != CellState::finished) to_run.push_back(&r);

  std::mutex mutex;  // the output, and `made` that the ticker reads
  const double total = seconds_left(plan, made);
  const size_t job_count = to_make.size() + to_run.size();
  size_t ended = 0;
  auto print = [&](const std::string& line) {  // with the mutex held
    std::fprintf(out, "%s\n  %s\n", line.c_str(), pipeline_progress_text(seconds_left(plan, made), total, jobs).c_str());
    std::fflush(out);
  };
  Ticker ticker(progress_seconds, [&] {
    std::lock_guard<std::mutex> lock(mutex);
    std::fprintf(out, "  %s\n", pipeline_progress_text(seconds_left(plan, made), total, jobs).c_str());
    std::fflush(out);
  });

  PoolOptions options;
  options.workers = jobs;
  options.env.emplace("OPENBLAS_NUM_THREADS", "1");
  PipelineOutcome outcome;
  std::vector<PoolJob> dataset_jobs;
  if (!to_make.empty()) fs::create_directories(plan.logs_dir);
  for (size_t i : to_make) dataset_jobs.push_back({plan.datasets[i].argv, plan.logs_dir + "/" + plan.datasets[i].name + ".log"});
  options.on_finish = [&](const JobOutcome& j) {
    std::lock_guard<std::mutex> lock(mutex);
    const PlannedDataset& d = plan.datasets[to_make[j.index]];
    made[to_make[j.index]] = j.ok();
    print("[" + std::to_string(++ended) + "/" + std::to_string(job_count) + "] dataset " + d.name + ": " +
          dataset_end(j, dataset_jobs[j.index].log_path));
  };
  const PoolResult datasets = run_pool(dataset_jobs, options);
  for (const JobOutcome& j : datasets.outcomes) outcome.failed += failed(j);
  outcome.interrupted = datasets.interrupted;
  if (outcome.interrupted || outcome.failed > 0) return outcome;  // no run starts without its data

  std::vector<PoolJob> run_jobs;
  for (const PlannedRun* r : to_run) run_jobs.push_back({r->cell.argv, cell_log(r->cell)});
  options.on_finish = [&](const JobOutcome& j) {
    std::lock_guard<std::mutex> lock(mutex);
    std::string line = progress_line(to_run[j.index]->cell, j, ++ended, job_count);
    line.insert(line.find("] ") + 2, to_run[j.index]->algorithm + " ");
    print(line);
  };
  const PoolResult runs = run_pool(run_jobs, options);
  for (const JobOutcome& j : runs.outcomes) outcome.failed += failed(j);
  outcome.interrupted = runs.interrupted;
  return outcome;
}

}  // namespace harness
