// iql grid --grid configs/grids/paper.toml [--jobs J] [--backend local|slurm] [--steps N]
//          [--only PATTERN] [--runs DIR] [--seeds LIST] [--offline | --mirror URL] [--dry-run]
// Every (dataset, seed) cell is one `iql train ... --resume` process; running the command again
// skips finished cells and resumes the others, so a stopped grid continues where it was.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>

#include "harness/behaviour/regenerate.h"
#include "harness/cli/commands.h"
#include "harness/cli/number_option.h"
#include "harness/cli/path_option.h"
#include "harness/cli/threads_option.h"
#include "harness/data/cache.h"
#include "harness/grid/cell.h"
#include "harness/grid/grid_spec.h"
#include "harness/grid/local_backend.h"
#include "harness/grid/slurm.h"
#include "harness/grid/slurm_time.h"

namespace harness {
namespace {

struct GridCommand {
  std::string grid;
  int jobs = available_cores();
  std::string backend = "local";
  int64_t steps = 0;
  std::string only;
  std::string runs = "runs";
  std::string seeds;
  std::vector<std::string> set;  // KEY=VALUE hyperparameters for every cell
  bool offline = false;
  std::string mirror;  // "" = $D4RL_MIRROR, else the official server
  bool dry_run = false;
  SlurmOptions slurm;
  std::string cluster_iql;  // slurm: the iql binary as the cluster sees it; "" = this one, see cell_binary
  bool wait = false;        // slurm: sbatch --wait, then a report of every cell
  size_t threads = 1;       // each cell's train --threads
};

struct PlannedCell {
  Cell cell;
  CellStatus status;
};

// what running the grid again does with a cell in each state
const char* action_of(CellState state) {
  switch (state) {
    case CellState::fresh: return "start";
    case CellState::partial: return "resume";
    case CellState::finished: return "skip";
    case CellState::conflict: return "conflict";
  }
  return "?";
}

// argv[0] of every cell: this binary here; for Slurm, a path the cluster can follow from the
// working directory (relative when this binary is inside the current directory, e.g. build/iql)
std::string cell_binary(const GridCommand& c) {
  if (c.backend != "slurm") return self_executable();
  if (!c.cluster_iql.empty()) return c.cluster_iql;
  return relative_if_inside(self_executable(), std::filesystem::current_path().string());
}

std::vector<PlannedCell> plan(const GridCommand& c) {
  GridFilter filter;
  filter.only = c.only;
  if (!c.seeds.empty()) filter.seeds = parse_seed_list(c.seeds);
  filter.set = c.set;
  const GridSpec spec = filter_grid(read_grid_spec(c.grid), filter);
  std::vector<PlannedCell> planned;
  for (Cell& cell : grid_cells(spec, CellContext{cell_binary(c), c.runs, c.steps, c.offline, c.mirror, c.threads})) {
    CellStatus status = read_cell_status(cell);
    planned.push_back({std::move(cell), std::move(status)});
  }
  return planned;
}

int count(const std::vector<PlannedCell>& planned, CellState state) {
  int n = 0;
  for (const PlannedCell& p : planned) n += p.status.state == state ? 1 : 0;
  return n;
}

void print_summary(const GridCommand& c, const std::vector<PlannedCell>& planned) {
  std::printf("grid %s: %zu cells in %s: %d to start, %d to resume, %d finished (skipped), %d in conflict\n",
              c.grid.c_str(), planned.size(), c.runs.c_str(), count(planned, CellState::fresh),
              count(planned, CellState::partial), count(planned, CellState::finished),
              count(planned, CellState::conflict));
  std::fflush(stdout);  // seen before the first cell ends, also in a log file
}

void print_dry_run(const std::vector<PlannedCell>& planned) {
  for (const PlannedCell& p : planned) {
    std::printf("%-8s %s seed %llu", action_of(p.status.state), p.cell.dataset.c_str(),
                static_cast<unsigned long long>(p.cell.seed));
    if (p.status.state == CellState::finished) std::printf(" (score %.1f)", p.status.final_score);
    if (p.status.state == CellState::partial && p.status.steps > 0) {
      std::printf(" (at step %lld)", static_cast<long long>(p.status.steps));
    }
    if (p.status.state == CellState::conflict) std::printf(": %s", p.status.detail.c_str());
    std::printf("\n    %s\n", command_line(p.cell.argv).c_str());
  }
}

// a run directory with another config would be skipped or fail to resume: stop before starting any
void refuse_conflicts(const std::vector<PlannedCell>& planned) {
  std::string message;
  for (const PlannedCell& p : planned) {
    if (p.status.state == CellState::conflict) message += "\n  " + p.status.detail;
  }
  if (!message.empty()) throw GridError("run directories hold runs of another grid:" + message);
}

void run_local(const GridCommand& c, const std::vector<Cell>& cells) {
  const LocalSummary s = run_cells_locally(cells, c.jobs, stdout);
  std::printf("grid: %d done, %d failed, %d stopped with a checkpoint, %d not started\n", s.done, s.failed,
              s.stopped, s.not_started);
  std::fflush(stdout);  // the summary before the advice on stderr, also when both go to one file
  if (s.interrupted) {
    std::fprintf(stderr, "interrupted: run the same command again to resume (finished cells are skipped, "
                         "stopped ones continue from their checkpoints)\n");
    throw CLI::RuntimeError(130);
  }
  if (s.failed > 0) {
    std::fprintf(stderr, "%d cells failed: see their train.log; run the same command again to retry them\n", s.failed);
    throw CLI::RuntimeError(1);
  }
}

// the script runs on another machine: say what it assumes about that machine's tree
void print_cluster_advice(const GridCommand& c, const std::string& script, const std::string& binary) {
  if (c.cluster_iql.empty() && std::filesystem::path(binary).is_absolute()) {
    std::printf("its tasks run %s (outside the current directory); if the cluster has iql elsewhere, "
                "write it again with --iql PATH\n", binary.c_str());
  }
  if (c.slurm.workdir.empty()) {
    std::printf("sbatch is not on PATH here; on the cluster, in the directory that corresponds to this one "
                "(the script's relative paths start there), run: sbatch %s\n", script.c_str());
  } else {
    std::printf("sbatch is not on PATH here; on the cluster run: sbatch %s (its tasks run in %s)\n", script.c_str(),
                c.slurm.workdir.c_str());
  }
}

// a waited-for cell as its run directory tells it
std::string waited_line(const Cell& cell, const CellStatus& status) {
  const std::string name = cell.dataset + " seed " + std::to_string(cell.seed) + ": ";
  char score[64];
  std::snprintf(score, sizeof score, "done, score %.1f", status.final_score);
  switch (status.state) {
    case CellState::finished: return name + score;
    case CellState::partial:
      return name + "checkpointed at step " + std::to_string(status.steps) + ", will continue when this command runs again";
    default: return name + "not started: see " + cell.run_dir + "/train.log and the task's file in RUNS/slurm/";
  }
}

// after sbatch --wait: what each task left behind; a task that failed makes sbatch's exit non-zero
void report_waited(const GridCommand& c, const std::vector<Cell>& cells, int sbatch_exit) {
  int finished = 0;
  for (const Cell& cell : cells) {
    const CellStatus status = read_cell_status(cell);
    finished += status.state == CellState::finished ? 1 : 0;
    std::printf("%s\n", waited_line(cell, status).c_str());
  }
  std::printf("grid: %d of %zu cells finished\n", finished, cells.size());
  std::fflush(stdout);
  if (sbatch_exit != 0) {
    throw GridError("a task of the job array failed (sbatch --wait exited " + std::to_string(sbatch_exit) +
                    "): see the train.log of each unfinished cell and " + c.runs +
                    "/slurm/; run the same command again to retry them");
  }
}

void run_slurm(const GridCommand& c, const std::vector<Cell>& cells) {
  const std::string script = write_sbatch(cells, c.runs, c.slurm);
  std::printf("wrote %s: a job array of %zu tasks, one per cell\n", script.c_str(), cells.size());
  const std::string sbatch = find_on_path("sbatch");
  if (sbatch.empty()) {
    print_cluster_advice(c, script, cells.front().argv.front());
    return;
  }
  std::fflush(stdout);  // before sbatch's own lines
  // sbatch waits when $SBATCH_WAIT is set as when given --wait: either way its exit is the tasks'
  const char* wait_env = std::getenv("SBATCH_WAIT");
  const bool waited = c.wait || (wait_env != nullptr && *wait_env != '\0');
  const int rc = submit_sbatch(sbatch, script, c.wait);
  if (waited) {
    report_waited(c, cells, rc);
  } else if (rc != 0) {
    throw GridError("sbatch " + script + " failed with exit " + std::to_string(rc) + ": its message is above");
  }
}

// every dataset the cells need, in the cache before any cell starts or any task is written: a
// missing file is one error listing where to place each, not one failure per cell (for Slurm, found
// only later in each task's train.log)
void fetch_datasets(const GridCommand& c, const std::vector<Cell>& cells) {
  std::set<std::string> names;
  for (const Cell& cell : cells) names.insert(cell.dataset);
  FetchOptions options;
  options.allow_download = !c.offline;
  options.mirror = c.mirror;
  std::string failures;
  for (const std::string& name : names) {
    try {
      const DatasetInfo& info = dataset_info(name);
      if (info.regenerated && !std::filesystem::exists(cached_path(info))) {
        std::printf("generating %s by its recipe in the manifest of regenerated datasets\n", name.c_str());
        generate_dataset(name, {});  // made here, its digest checked against the manifest
        continue;
      }
      const FetchResult cached = fetch_dataset(info, options);
      if (!cached.note.empty()) std::printf("note: %s\n", cached.note.c_str());
    } catch (const autodiff::Error& e) {  // DatasetError, and a manifest without the recipe
      failures += std::string("\n  ") + e.what();
    }
  }
  if (!failures.empty()) throw DatasetError("cannot get every dataset of the grid:" + failures);
}

// "" for a Slurm memory size ("2G", "3000"), else what is wrong with `mem`
std::string slurm_memory_error(const std::string& mem) {
  const size_t digits = mem.find_first_not_of("0123456789");
  const bool number = !mem.empty() && digits > 0 && mem[0] != '0';
  const bool unit = digits == std::string::npos || (digits + 1 == mem.size() && std::string("KMGT").find(mem[digits]) != std::string::npos);
  return number && unit ? "" : "'" + mem + "' is not a Slurm memory size: a whole number above 0, then K, M, G or T (e.g. 2G)";
}

void run_grid(const GridCommand& c) {
  const std::vector<PlannedCell> planned = plan(c);
  print_summary(c, planned);
  if (c.dry_run) {
    print_dry_run(planned);
    return;
  }
  refuse_conflicts(planned);
  std::vector<Cell> to_run;
  for (const PlannedCell& p : planned) {
    if (p.status.state != CellState::finished) to_run.push_back(p.cell);
  }
  if (to_run.empty()) {
    std::printf("nothing to run: every cell is finished\n");
    return;
  }
  fetch_datasets(c, to_run);
  if (c.backend == "slurm") {
    run_slurm(c, to_run);
  } else {
    run_local(c, to_run);
  }
}

// an option that would change nothing is refused: whoever typed it expects it to matter
void refuse_ignored_options(const GridCommand& c, const CLI::Option* jobs,
                            const std::vector<const CLI::Option*>& slurm_only) {
  if (c.offline && !c.mirror.empty()) {
    throw CLI::ValidationError("--mirror",
                               "--offline never downloads, so no mirror would be used: leave out one of the two");
  }
  if (c.backend == "slurm") {
    if (jobs->count() > 0) {
      throw CLI::ValidationError("--jobs", "only applies to --backend local: Slurm runs one array task per cell, "
                                           "as many at once as the cluster allows");
    }
    return;
  }
  std::vector<std::string> given;
  for (const CLI::Option* option : slurm_only) {
    if (option->count() > 0) given.push_back(option->get_name());
  }
  if (given.empty()) return;
  const bool one = given.size() == 1;
  throw CLI::ValidationError(CLI::detail::join(given, ", ") + (one ? " only applies" : " only apply") +
                             " to --backend slurm (this grid runs with --backend " + c.backend +
                             "): add --backend slurm to write a job array, or leave " + (one ? "it" : "them") + " out");
}

}  // namespace

void add_grid_command(CLI::App& app) {
  auto c = std::make_shared<GridCommand>();  // must outlive parsing; CLI11 writes into it
  CLI::App* cmd = app.add_subcommand("grid", "Train every (dataset, seed) cell of a grid file, skipping finished cells");
  add_input_file(*cmd, "--grid", c->grid, "grid TOML file, e.g. configs/grids/paper.toml",
                 "a grid TOML file such as configs/grids/paper.toml")
      ->required();
  const CLI::Option* jobs = add_whole(*cmd, "--jobs,-j", c->jobs,
                                      "cells run at once by the local backend [default: the number of cores]", 1, 4096);
  cmd->add_option("--backend", c->backend, "local: a process pool here; slurm: write RUNS/grid.sbatch and submit it")
      ->check(CLI::IsMember({"local", "slurm"}))->capture_default_str();
  add_whole(*cmd, "--steps", c->steps, "updates per run, passed to train as --steps [default: the config's max_steps]",
            int64_t{1});
  add_threads_option(*cmd, c->threads, "1: the cells are the parallel unit");
  cmd->add_option("--only", c->only, "datasets to keep: comma-separated globs (* = any text); no * = substring");
  add_output_dir(*cmd, "--runs", c->runs, "directory of the run directories RUNS/<dataset>/seed<seed>")->capture_default_str();
  cmd->add_option("--seeds", c->seeds, "seeds replacing the grid's, e.g. 0-4 or 0,3,7");
  cmd->add_option("--set", c->set, "KEY=VALUE: an IQL hyperparameter for every cell over the grid file's, e.g. temperature=0 (BC)");
  cmd->add_flag("--offline", c->offline,
                "never download: a dataset missing from the cache is an error saying where to put it; "
                "every cell runs train --offline");
  cmd->add_option("--mirror", c->mirror,
                  "base URL replacing the official D4RL server, for fetching the grid's datasets up front and in "
                  "every cell (train --mirror) [$D4RL_MIRROR]");
  cmd->add_flag("--dry-run", c->dry_run, "print each cell, its command line and whether it would start, resume or be skipped");
  const std::vector<const CLI::Option*> slurm_only = {
      cmd->add_option("--time", c->slurm.time, "slurm: time limit per task")->capture_default_str(),
      cmd->add_option("--mem", c->slurm.mem, "slurm: memory per task, a whole number then K, M, G or T (M if none)")
          ->capture_default_str()
          ->check(CLI::Validator(slurm_memory_error, "")),  // else only sbatch would refuse it, task by task
      cmd->add_option("--partition", c->slurm.partition, "slurm: partition [default: the cluster's]"),
      cmd->add_option("--iql", c->cluster_iql,
                      "slurm: the iql binary as the cluster sees it; relative paths start at the working directory "
                      "[default: this binary, relative to the current directory when inside it, e.g. build/iql]"),
      cmd->add_option("--workdir", c->slurm.workdir,
                      "slurm: the tasks' working directory on the cluster (--chdir), where relative paths start "
                      "[default: the directory sbatch is run from]"),
      cmd->add_flag("--wait", c->wait,
                    "slurm: wait until every task has ended (sbatch --wait, also when $SBATCH_WAIT is set), then "
                    "report each cell: done, checkpointed (continues when the command runs again) or not started")};
  cmd->callback([c, jobs, slurm_only] {
    refuse_ignored_options(*c, jobs, slurm_only);
    // a --time Slurm would cut before any progress is refused before datasets are fetched
    if (c->backend == "slurm") stop_signal_seconds(c->slurm.time);
    run_grid(*c);
  });
}

}  // namespace harness
