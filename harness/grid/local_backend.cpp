#include "harness/grid/local_backend.h"

#include <sstream>

namespace harness {
namespace {

enum class Ending { done, failed, stopped };

// how a cell ended, and the words for its progress line
struct CellEnd {
  Ending ending;
  std::string text;
};

CellEnd end_of(const Cell& cell, const JobOutcome& outcome) {
  const std::string see = ", see " + cell_log(cell);
  if (!outcome.spawn_error.empty()) return {Ending::failed, "failed, could not start: " + outcome.spawn_error};
  if (outcome.signal != 0) return {Ending::failed, "failed, killed by signal " + std::to_string(outcome.signal) + see};
  if (outcome.exit_code != 0 && outcome.exit_code != kCheckpointedExit) {
    return {Ending::failed, "failed, exit " + std::to_string(outcome.exit_code) + see};
  }
  const std::string took = " (" + short_duration(outcome.seconds) + ")";
  const CellStatus status = read_cell_status(cell);
  if (outcome.exit_code == 0 && status.state == CellState::finished) {
    char score[64];
    std::snprintf(score, sizeof score, "done, score %.1f", status.final_score);
    return {Ending::done, score + took};
  }
  return {Ending::stopped, "stopped at step " + std::to_string(status.steps) + ", checkpoint kept" + took};
}

// "[3/15] hopper-medium-v2 seed 0: "
std::string line_start(const Cell& cell, size_t finished, size_t total) {
  std::ostringstream line;
  line << '[' << finished << '/' << total << "] " << cell.dataset << " seed " << cell.seed << ": ";
  return line.str();
}

}  // namespace

std::string cell_log(const Cell& cell) { return cell.run_dir + "/train.log"; }

std::string progress_line(const Cell& cell, const JobOutcome& outcome, size_t finished, size_t total) {
  return line_start(cell, finished, total) + end_of(cell, outcome).text;
}

LocalSummary run_cells_locally(const std::vector<Cell>& cells, int jobs, std::FILE* out) {
  std::vector<PoolJob> pool_jobs;
  for (const Cell& cell : cells) pool_jobs.push_back({cell.argv, cell_log(cell)});
  PoolOptions options;
  options.workers = jobs;
  options.env.emplace("OPENBLAS_NUM_THREADS", "1");  // math in a run is single-threaded; parallelism is across cells
  LocalSummary summary;
  size_t finished = 0;
  options.on_finish = [&](const JobOutcome& outcome) {
    const Cell& cell = cells[outcome.index];
    const CellEnd end = end_of(cell, outcome);
    std::fprintf(out, "%s%s\n", line_start(cell, ++finished, cells.size()).c_str(), end.text.c_str());
    std::fflush(out);
    switch (end.ending) {
      case Ending::done: ++summary.done; break;
      case Ending::failed: ++summary.failed; break;
      case Ending::stopped: ++summary.stopped; break;
    }
  };
  const PoolResult result = run_pool(pool_jobs, options);
  summary.interrupted = result.interrupted;
  for (const JobOutcome& outcome : result.outcomes) summary.not_started += outcome.started ? 0 : 1;
  return summary;
}

}  // namespace harness
