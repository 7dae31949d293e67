// The plan of `iql reproduce` (make reproduce SUITE=regen): everything between a fresh clone and a
// checked table, as a list of jobs: every dataset of a grid that is not in the cache (a regenerated
// set made by its recipe, its SAC run rerun for a replay set; a D4RL file fetched), then the IQL
// cells and their BC twins (temperature 0) in the order that makes the table useful early: seed 0 of
// every IQL cell, then BC's seed 0, then the next seed of each.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "harness/grid/cell.h"

namespace harness {

struct PipelineOptions {
  std::string grid;                 // grid file, e.g. configs/grids/regen.toml
  std::string out = "results/regen";  // OUT/runs (IQL), OUT/runs-bc (BC), OUT/datasets (logs), the report in OUT
  int64_t steps = 0;                // > 0: updates per run (and the cosine horizon); 0 = the preset's
  std::string seeds;                // "" = the grid's; else "0-2", "0,3"
  std::string only;                 // dataset patterns, as `iql grid --only`
  int jobs = 1;                     // processes at once
  std::string manifest;             // recipes of regenerated sets; "" = golden/regen/manifest.toml
  bool bc = true;                   // run BC's twin of every cell
};

enum class DatasetAction { cached, generate, fetch };

struct PlannedDataset {
  std::string name;
  DatasetAction action = DatasetAction::cached;
  std::string how;             // what making it involves, for the plan: "policy, 1000000 rows"
  double cost_seconds = 0;     // estimated compute of making it
  std::string sac_run_dir;     // a replay set: the SAC run rerun for it, whose log tells how far it is
  int64_t sac_steps = 0;       // and the step it must reach
  std::vector<std::string> argv;  // the command that makes it (generate or fetch); empty when cached
};

struct PlannedRun {
  std::string algorithm;  // "iql" or "bc"
  Cell cell;
  CellStatus status;
  int64_t budget = 0;       // updates the run makes in all
  double cost_seconds = 0;  // estimated compute of what is left of it
};

struct PipelinePlan {
  std::vector<PlannedDataset> datasets;  // every dataset of the grid, in grid order
  std::vector<PlannedRun> runs;          // every cell, in the order they run
  std::map<std::string, double> seconds_per_update;  // algorithm -> compute of one update
  std::string rates_source;              // where those rates came from, for the plan's text
  std::string logs_dir;                  // OUT/datasets: a log per dataset made
};

/// The plan of `options` as things stand on disk; `iql` is the binary every job runs.
PipelinePlan plan_pipeline(const PipelineOptions& options, const std::string& iql);

/// OUT/runs for "iql", OUT/runs-bc for "bc".
std::string runs_dir_of(const PipelineOptions& options, const std::string& algorithm);

/// The estimated compute left, in core-seconds: datasets to make and runs not finished.
double remaining_cost(const PipelinePlan& plan);

/// The estimated compute of the whole pipeline, what is finished included: every run's whole budget
/// and the datasets still to make (a cached one's making is not known).
double whole_cost(const PipelinePlan& plan);

/// The estimated compute left of making `dataset`, as far as its SAC rerun has logged (a replay set).
double dataset_cost_left(const PlannedDataset& dataset);

/// The estimated compute left of `run` as its run directory tells it now (a run in progress counts
/// the updates its metrics have logged).
double run_cost_left(const PipelinePlan& plan, const PlannedRun& run);

/// Seconds and updates a run directory's metrics.jsonl has logged so far, an interval between two
/// lines that took over 10x the run's median time per update (a pause) counted at the median rate;
/// false when it has none.
bool timed_so_far(const std::string& run_dir, double& seconds, double& steps);

}  // namespace harness
