#include "harness/grid/slurm.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "harness/grid/local_pool.h"
#include "harness/grid/slurm_time.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

// Slurm's output file, as --output and as the script names it
constexpr const char* kSlurmOutput = "slurm-%A_%a.out";
constexpr const char* kSlurmOutputInScript = "slurm-${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}.out";

// where the script's relative paths start, for the comment at its top
std::string working_directory_phrase(const SlurmOptions& o) {
  if (o.workdir.empty()) return "the directory sbatch is run from ($SLURM_SUBMIT_DIR)";
  return o.workdir + " (--chdir)";
}

void write_directives(std::ostream& out, size_t tasks, const SlurmOptions& o) {
  out << "#SBATCH --job-name=" << o.job_name << "\n"
      << "#SBATCH --array=0-" << tasks - 1 << "\n"
      << "#SBATCH --ntasks=1\n"
      << "#SBATCH --cpus-per-task=1\n"
      << "#SBATCH --mem=" << o.mem << "\n"
      << "#SBATCH --time=" << o.time << "\n";
  if (!o.partition.empty()) out << "#SBATCH --partition=" << o.partition << "\n";
  if (!o.workdir.empty()) out << "#SBATCH --chdir=" << o.workdir << "\n";
  // in the working directory, which exists wherever the script is submitted from: Slurm fails a task
  // whose output it cannot open before the script runs, saying so only in slurmd's log
  out << "#SBATCH --output=" << kSlurmOutput << "\n"
      // B: signals the batch shell, which passes it on to iql train
      << "#SBATCH --signal=B:INT@" << stop_signal_seconds(o.time) << "\n"
      << "#SBATCH --requeue\n";
}

// task i: the run directory and argv of cells[i]; the task id is checked, never guessed
void write_cases(std::ostream& out, const std::vector<Cell>& cells) {
  out << "case \"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch}\" in\n";
  for (size_t i = 0; i < cells.size(); ++i) {
    out << "  " << i << ") run_dir=" << shell_quote(cells[i].run_dir) << "; set -- " << command_line(cells[i].argv)
        << " ;;\n";
  }
  out << "  *) echo \"grid.sbatch: no cell for task $SLURM_ARRAY_TASK_ID\" >&2; exit 2 ;;\n"
      << "esac\n";
}

// a script submitted from another directory than the one it was made for fails here, saying so,
// rather than with "not found" in a train.log
void write_binary_check(std::ostream& out) {
  out << "if ! command -v \"$1\" >/dev/null; then\n"
      << "  echo \"grid.sbatch: cannot run $1 from $PWD: submit from the directory the grid was made in, "
         "or write the script again with iql grid --iql PATH (and --workdir DIR)\" >&2\n"
      << "  exit 2\n"
      << "fi\n";
}

// once the task is known to run in the right tree, its Slurm output moves to RUNS/slurm (same
// file, so Slurm keeps writing to it), one file per requeue
void write_output_move(std::ostream& out, const std::string& runs_dir) {
  const std::string slurm_dir = shell_quote(runs_dir + "/slurm");
  out << "mkdir -p " << slurm_dir << " \"$run_dir\"\n"
      << "mv " << kSlurmOutputInScript << " " << slurm_dir
      << "/\"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}-${SLURM_RESTART_COUNT:-0}.out\"\n";
}

// train runs in the background so this shell can pass on the time limit's SIGINT; a task cut by
// its limit has checkpointed (exit 130) and is requeued to continue, not reported as failed
void write_run_and_requeue(std::ostream& out) {
  out << "\"$@\" >> \"$run_dir/train.log\" 2>&1 &\n"
      << "train=$!\n"
      << "cut=no\n"
      << "trap 'cut=yes; kill -INT \"$train\" 2>/dev/null || true' INT\n"
      << "# wait returns early when the trap runs: wait again until train has exited\n"
      << "while :; do status=0; wait \"$train\" || status=$?; kill -0 \"$train\" 2>/dev/null || break; done\n"
      << "if [ \"$cut\" = no ] || [ \"$status\" -ne " << kCheckpointedExit << " ]; then exit \"$status\"; fi\n"
      << "echo \"grid.sbatch: $run_dir checkpointed before the time limit; requeueing the task to continue from "
         "the checkpoint\"\n"
      << "scontrol requeue \"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\" || echo \"grid.sbatch: could not requeue: "
         "run the same iql grid command again to continue $run_dir\"\n";
}

}  // namespace

std::string sbatch_script(const std::vector<Cell>& cells, const std::string& runs_dir, const SlurmOptions& options) {
  if (cells.empty()) throw GridError("no cells to submit: every cell of the grid is finished");
  std::ostringstream out;
  out << "#!/bin/bash\n"
      << "# written by `iql grid --backend slurm`: " << cells.size() << " cells, one array task each;\n"
      << "# task i runs the command line the local backend would run for cell i;\n"
      << "# relative paths start at " << working_directory_phrase(options) << "\n";
  write_directives(out, cells.size(), options);
  out << "set -eu\n"
      << "export OPENBLAS_NUM_THREADS=1  # one thread per run: parallelism is across cells\n";
  write_cases(out, cells);
  write_binary_check(out);
  write_output_move(out, runs_dir);
  write_run_and_requeue(out);
  return out.str();
}

std::string relative_if_inside(const std::string& path, const std::string& base) {
  const fs::path relative = fs::path(path).lexically_normal().lexically_relative(fs::path(base).lexically_normal());
  if (relative.empty() || *relative.begin() == "..") return path;
  // a bare name would be looked up on PATH by exec
  return relative.has_parent_path() ? relative.string() : "./" + relative.string();
}

std::string write_sbatch(const std::vector<Cell>& cells, const std::string& runs_dir, const SlurmOptions& options) {
  const std::string script = sbatch_script(cells, runs_dir, options);
  fs::create_directories(runs_dir);
  const std::string path = runs_dir + "/grid.sbatch";
  std::ofstream out(path, std::ios::trunc);
  out << script;
  if (!out) throw GridError(path + ": cannot write the Slurm script");
  return path;
}

std::string find_on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return candidate;
  }
  return "";
}

int submit_sbatch(const std::string& sbatch, const std::string& script, bool wait) {
  std::vector<std::string> argv = {sbatch, script};
  if (wait) argv.insert(argv.begin() + 1, "--wait");
  const PoolResult result = run_pool({PoolJob{argv, ""}}, PoolOptions{});
  const JobOutcome& outcome = result.outcomes.front();
  if (!outcome.spawn_error.empty()) throw GridError("cannot run sbatch: " + outcome.spawn_error);
  return outcome.exit_code;
}

}  // namespace harness
