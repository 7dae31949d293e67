// The Slurm backend of `iql grid`: a job-array script with one task per cell to run. Task i runs
// exactly the command line the local backend would run for cell i, picked by a bash `case` on
// SLURM_ARRAY_TASK_ID (the script is self-contained: no second file to keep in step with it), and
// appends to the same <run_dir>/train.log. Slurm's own output starts in the working directory
// (slurm-%A_%a.out) and moves to RUNS/slurm/%A_%a-R.out (R: the requeue count) once the task knows it
// runs in the right tree. SIGINT comes before the time limit (see slurm_time.h): train checkpoints
// and the task requeues itself, so a cut cell continues without being reported as failed.
// The script names no path of the machine that wrote it unless asked to: relative paths (the iql
// binary, run directories, configs, Slurm's output) start at the tasks' working directory, which is
// the directory sbatch is run from ($SLURM_SUBMIT_DIR) or an explicit --chdir, so a repository
// checked out anywhere on the cluster runs the script from its root.
#pragma once
#include <string>
#include <vector>

#include "harness/grid/cell.h"

namespace harness {

struct SlurmOptions {
  std::string time = "12:00:00";   // --time per task: a full antmaze run with 100-episode evaluations fits
  // --mem per task: a run on the largest paper dataset (halfcheetah-medium-expert, 2M rows) peaks at
  // about 0.5 GB; 2G leaves room and is on offer on small nodes, where 8G was refused at submission
  std::string mem = "2G";
  std::string partition;           // --partition; "" = the cluster's default
  std::string job_name = "iql-grid";
  std::string workdir;             // --chdir as the cluster sees it; "" = none: the directory sbatch is run from
};

/// The job-array script for `cells` (#SBATCH --array=0-(n-1), one CPU per task); `runs_dir` holds
/// Slurm's logs. Paths go into the script as given: the cells' (argv, run_dir), `runs_dir` and
/// options.workdir. Throws GridError when `cells` is empty.
std::string sbatch_script(const std::vector<Cell>& cells, const std::string& runs_dir, const SlurmOptions& options);

/// `path` relative to `base` when it lies inside it ("/repo/build/iql" from "/repo" -> "build/iql",
/// "./iql" when it is directly in `base`), else `path` itself: a binary inside the tree a grid is
/// made from is named so that the same tree elsewhere on a cluster finds it.
std::string relative_if_inside(const std::string& path, const std::string& base);

/// Writes sbatch_script() to RUNS/grid.sbatch and makes RUNS/slurm; returns the script's path.
std::string write_sbatch(const std::vector<Cell>& cells, const std::string& runs_dir, const SlurmOptions& options);

/// The path of `program` in a directory of $PATH, or "" when there is none.
std::string find_on_path(const std::string& program);

/// Runs `sbatch [--wait] script`, its output going to this process's; returns sbatch's exit code,
/// which after --wait is the highest exit code of the tasks.
int submit_sbatch(const std::string& sbatch, const std::string& script, bool wait);

}  // namespace harness
