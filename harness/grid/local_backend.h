// The local backend of `iql grid`: the cells to run go through the process pool, one
// single-threaded `iql train` each (OPENBLAS_NUM_THREADS=1), logging to <run_dir>/train.log, and
// a progress line is printed as each one ends.
#pragma once
#include <cstdio>
#include <string>
#include <vector>

#include "harness/grid/cell.h"
#include "harness/grid/local_pool.h"

namespace harness {

struct LocalSummary {
  int done = 0;         // exited 0 and run.json says finished
  int failed = 0;       // could not start, crashed, or exited with an error
  int stopped = 0;      // interrupted (exit 130) or exited 0 unfinished: a checkpoint to resume from
  int not_started = 0;  // the grid was interrupted before their turn
  bool interrupted = false;
};

/// The log file of a cell: <run_dir>/train.log.
std::string cell_log(const Cell& cell);

/// "[3/15] hopper-medium-v2 seed 0: done, score 66.3 (12m)", or "failed, exit 1, see .../train.log".
std::string progress_line(const Cell& cell, const JobOutcome& outcome, size_t finished, size_t total);

/// Runs `cells` with `jobs` workers, printing progress_line() to `out` as each ends.
LocalSummary run_cells_locally(const std::vector<Cell>& cells, int jobs, std::FILE* out);

}  // namespace harness
