#include "harness/grid/pipeline_run.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <condition_variable>
#include <filesystem>
#include <map>
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

std::string pipeline_progress_text(double seconds_left, double whole_seconds, size_t runs_finished, size_t runs,
                                   int workers) {
  const double done = whole_seconds > 0 ? std::clamp(1.0 - seconds_left / whole_seconds, 0.0, 1.0) : 1.0;
  char text[200];
  std::snprintf(text, sizeof text, "pipeline %.0f%% done (%zu of %zu runs finished), %.1f core-hours left, ETA %s on %d worker%s",
                100 * done, runs_finished, runs, seconds_left / 3600,
                short_duration(seconds_left / std::max(workers, 1)).c_str(), workers, workers == 1 ? "" : "s");
  return text;
}

PipelineOutcome run_pipeline_jobs(const PipelinePlan& plan, int jobs, double progress_seconds, std::FILE* out) {
  std::vector<bool> made(plan.datasets.size());
  for (size_t i = 0; i < plan.datasets.size(); ++i) made[i] = plan.datasets[i].argv.empty();  // cached

  // one job list in the plan's run order, each dataset to make just before the first run on it,
  // so a free worker makes the next run's data while the current runs train
  std::vector<PoolJob> pool_jobs;
  std::vector<const PlannedDataset*> dataset_of_job;  // null for a run
  std::vector<const PlannedRun*> run_of_job;          // null for a dataset
  std::map<std::string, size_t> dataset_job;          // dataset name -> its job
  for (const PlannedRun& r : plan.runs) {
    if (r.status.state == CellState::finished) continue;
    PoolJob run{r.cell.argv, cell_log(r.cell), {}};
    const auto d = std::find_if(plan.datasets.begin(), plan.datasets.end(),
                                [&](const PlannedDataset& p) { return p.name == r.cell.dataset; });
    if (d != plan.datasets.end() && !d->argv.empty()) {
      auto [job, added] = dataset_job.try_emplace(d->name, pool_jobs.size());
      if (added) {
        pool_jobs.push_back({d->argv, plan.logs_dir + "/" + d->name + ".log", {}});
        dataset_of_job.push_back(&*d);
        run_of_job.push_back(nullptr);
      }
      run.after.push_back(job->second);
    }
    pool_jobs.push_back(run);
    dataset_of_job.push_back(nullptr);
    run_of_job.push_back(&r);
  }
  if (!dataset_job.empty()) fs::create_directories(plan.logs_dir);

  std::mutex mutex;  // the output, and `made` and `finished` that the ticker reads
  const double whole = whole_cost(plan);
  size_t ended = 0;
  size_t finished = static_cast<size_t>(std::count_if(plan.runs.begin(), plan.runs.end(), [](const PlannedRun& r) {
    return r.status.state == CellState::finished;
  }));
  auto progress = [&] {  // with the mutex held
    return pipeline_progress_text(seconds_left(plan, made), whole, finished, plan.runs.size(), jobs);
  };
  auto print = [&](const std::string& line) {  // with the mutex held
    std::fprintf(out, "%s\n  %s\n", line.c_str(), progress().c_str());
    std::fflush(out);
  };
  Ticker ticker(progress_seconds, [&] {
    std::lock_guard<std::mutex> lock(mutex);
    std::fprintf(out, "  %s\n", progress().c_str());
    std::fflush(out);
  });

  PoolOptions options;
  options.workers = jobs;
  options.env.emplace("OPENBLAS_NUM_THREADS", "1");
  options.on_finish = [&](const JobOutcome& j) {
    std::lock_guard<std::mutex> lock(mutex);
    const std::string count = std::to_string(++ended) + "/" + std::to_string(pool_jobs.size());
    if (const PlannedDataset* d = dataset_of_job[j.index]) {
      made[static_cast<size_t>(d - plan.datasets.data())] = j.ok();
      print("[" + count + "] dataset " + d->name + ": " + dataset_end(j, pool_jobs[j.index].log_path));
      return;
    }
    finished += j.ok();
    std::string line = progress_line(run_of_job[j.index]->cell, j, ended, pool_jobs.size());
    line.insert(line.find("] ") + 2, run_of_job[j.index]->algorithm + " ");
    print(line);
  };
  const PoolResult result = run_pool(pool_jobs, options);
  PipelineOutcome outcome;
  outcome.interrupted = result.interrupted;
  for (const JobOutcome& j : result.outcomes) {
    outcome.failed += failed(j);
    if (j.blocked) ++outcome.blocked;
  }
  return outcome;
}

}  // namespace harness
