#include "harness/grid/pipeline_plan.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <vector>

#include "harness/behaviour/collect_antmaze.h"
#include "harness/behaviour/regen_manifest.h"
#include "harness/behaviour/sac_rerun.h"
#include "harness/data/cache.h"
#include "harness/data/registry.h"
#include "harness/grid/grid_spec.h"
#include "harness/run/config_options.h"
#include "harness/run/json.h"
#include "harness/run/sac_checkpoint.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

// Compute per unit on one core, for a plan made before any run of its kind has been timed here:
// measured on an AMD Zen 4 core with the AVX-512 kernel (an update includes its share of the
// evaluations at the grid's interval). Runs already under OUT replace the update rates (see
// measured_rates), so an estimate made after the first checkpoints is this machine's.
constexpr double kIqlUpdateSeconds = 0.0032;
constexpr double kBcUpdateSeconds = 0.0012;
constexpr double kSacStepSeconds = 0.0045;      // one environment step and one update of rlkit's SAC
constexpr double kCollectedRowSeconds = 0.0001;     // one locomotion step with the behaviour policy
constexpr double kCollectedAntRowSeconds = 0.0003;  // one AntMaze step: the goal-reaching ant and its planner
constexpr double kFetchSeconds = 60;            // a download: the network's time, not the cores'

struct UpdateRates {
  std::map<std::string, double> seconds;  // algorithm -> seconds per update
  std::string source;
};

// An interval between two metrics lines that took more than this many times the run's median time
// per update was a pause (the process stopped by SIGSTOP, a suspended machine), not compute: it is
// counted at the median rate, so that one pause does not inflate every estimate made after it.
constexpr double kPauseFactor = 10;

// (updates, seconds) from the start to each metrics line, in order; a line being written is skipped
std::vector<std::pair<double, double>> logged_points(const std::string& run_dir) {
  std::vector<std::pair<double, double>> points;
  std::ifstream in(run_dir + "/metrics.jsonl");
  for (std::string line; std::getline(in, line);) {
    try {
      const Json record = parse_json_object(line);
      points.emplace_back(json_number(record, "step", 0), json_number(record, "train_seconds", 0));
    } catch (const std::exception&) {
      // a line being written: no measurement from it
    }
  }
  return points;
}

double median(std::vector<double> values) {
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

}  // namespace

bool timed_so_far(const std::string& run_dir, double& seconds, double& steps) {
  const std::vector<std::pair<double, double>> points = logged_points(run_dir);
  std::vector<std::pair<double, double>> intervals;  // (updates, seconds) between consecutive lines
  double last_steps = 0, last_seconds = 0;
  for (const auto& [at, time] : points) {
    if (at > last_steps && time >= last_seconds) intervals.emplace_back(at - last_steps, time - last_seconds);
    last_steps = std::max(last_steps, at), last_seconds = std::max(last_seconds, time);
  }
  if (intervals.empty()) return false;
  std::vector<double> rates;  // seconds per update
  for (const auto& [updates, time] : intervals) rates.push_back(time / updates);
  const double typical = median(rates);
  seconds = 0;
  for (const auto& [updates, time] : intervals) {
    seconds += time > kPauseFactor * typical * updates ? typical * updates : time;
  }
  steps = last_steps;
  return seconds > 0 && steps > 0;
}

namespace {

UpdateRates measured_rates(const std::vector<PlannedRun>& runs) {
  std::map<std::string, std::pair<double, double>> totals;  // algorithm -> (seconds, updates)
  for (const PlannedRun& r : runs) {
    double seconds = 0, steps = 0;
    if (!timed_so_far(r.cell.run_dir, seconds, steps)) continue;
    totals[r.algorithm].first += seconds;
    totals[r.algorithm].second += steps;
  }
  UpdateRates rates{{{"iql", kIqlUpdateSeconds}, {"bc", kBcUpdateSeconds}}, ""};
  for (const auto& [algorithm, t] : totals) {
    rates.seconds[algorithm] = t.first / t.second;
    char text[96];
    std::snprintf(text, sizeof text, "%s%s %.2f ms/update measured here", rates.source.empty() ? "" : ", ",
                  algorithm.c_str(), 1e3 * t.first / t.second);
    rates.source += text;
  }
  for (const char* algorithm : {"iql", "bc"}) {
    if (totals.count(algorithm) > 0) continue;
    char text[96];
    std::snprintf(text, sizeof text, "%s%s %.2f ms/update assumed", rates.source.empty() ? "" : ", ", algorithm,
                  1e3 * rates.seconds[algorithm]);
    rates.source += text;
  }
  return rates;
}

PlannedDataset plan_regenerated(const DatasetInfo& info, const std::vector<RegenEntry>& manifest,
                                const std::string& manifest_path) {
  const RegenEntry& entry = manifest_entry(manifest, info.name, manifest_path);
  PlannedDataset d;
  d.name = info.name;
  d.action = DatasetAction::generate;
  if (entry.recipe == "replay") {
    SacRunOptions sac = parse_sac_run(entry.sac_run, manifest_path + ": [" + entry.name + "]");
    const std::string checkpoint = sac_rerun_dir(sac) + "/checkpoint.h5";
    const int64_t done = fs::exists(checkpoint) ? read_sac_run_state(checkpoint).online.env_steps : 0;
    const int64_t left = std::max<int64_t>(0, entry.rows - done);
    d.how = "`" + entry.sac_run + "` to step " + std::to_string(entry.rows) + " (" + std::to_string(left) + " to go), then cut";
    d.cost_seconds = static_cast<double>(left) * kSacStepSeconds;
    d.sac_run_dir = sac_rerun_dir(sac);
    d.sac_steps = entry.rows;
    return d;
  }
  int64_t rows = entry.rows;
  if (entry.recipe == "medium-expert") {  // both parts are collected again
    rows = 0;
    for (const RegenEntry& e : manifest)
      if (entry.parts.find(e.name) != std::string::npos) rows += e.rows;
  }
  d.how = entry.recipe + ", " + std::to_string(rows) + " rows collected";
  d.cost_seconds = static_cast<double>(rows) * (is_antmaze_recipe(entry.recipe) ? kCollectedAntRowSeconds : kCollectedRowSeconds);
  return d;
}

// A cached regenerated set must be the one this manifest's recipe makes: a set another manifest made
// (the test-size pipeline's, in the same cache) would otherwise be trained on for days. Its row count,
// which the manifest records exactly, tells them apart without reading the data.
void require_recipe_rows(const DatasetInfo& info, const std::string& path, const std::vector<RegenEntry>& manifest,
                         const std::string& manifest_path) {
  const RegenEntry& entry = manifest_entry(manifest, info.name, manifest_path);
  int64_t rows = -1;
  for (const KeyInfo& k : list_hdf5_keys(path))
    if (k.key == "rewards" && !k.dims.empty()) rows = static_cast<int64_t>(k.dims[0]);
  if (rows == entry.rows) return;
  throw DatasetError(info.name + ": the cached " + path + " has " + std::to_string(rows) + " rows, but " +
                     manifest_path + " makes it with " + std::to_string(entry.rows) +
                     ": another manifest made it (a test-size pipeline?). Move it away, or give this pipeline a "
                     "cache of its own (D4RL_DATASET_DIR), and run again: it is then made here");
}

std::vector<PlannedDataset> plan_datasets(const GridSpec& spec, const PipelineOptions& o, const std::string& iql) {
  const std::string manifest_path = o.manifest.empty() ? default_manifest_path() : o.manifest;
  std::vector<RegenEntry> manifest;
  std::vector<PlannedDataset> planned;
  for (const GridDataset& g : spec.datasets) {
    const DatasetInfo& info = dataset_info(g.name);
    PlannedDataset d;
    d.name = info.name;
    if (info.regenerated && manifest.empty()) manifest = read_manifest(manifest_path);
    if (fs::exists(cached_path(info))) {
      if (info.regenerated) require_recipe_rows(info, cached_path(info), manifest, manifest_path);
      d.how = cached_path(info);
    } else if (info.regenerated) {
      d = plan_regenerated(info, manifest, manifest_path);
      d.argv = {iql, "datasets", "generate", info.name};
      if (!o.manifest.empty()) d.argv.insert(d.argv.end(), {"--manifest", o.manifest});
    } else {
      d.action = DatasetAction::fetch;
      d.how = "download " + dataset_url(info, "");
      d.cost_seconds = kFetchSeconds;
      d.argv = {iql, "datasets", "fetch", info.name};
    }
    planned.push_back(std::move(d));
  }
  return planned;
}

// seed by seed: every IQL cell of a seed, then BC's, so the first seed's table fills first
std::vector<PlannedRun> plan_runs(const GridSpec& spec, const PipelineOptions& o, const std::string& iql) {
  std::vector<uint64_t> seeds;
  for (const GridDataset& g : spec.datasets)
    for (uint64_t s : g.seeds)
      if (std::find(seeds.begin(), seeds.end(), s) == seeds.end()) seeds.push_back(s);
  std::vector<std::string> algorithms = {"iql"};
  if (o.bc) algorithms.push_back("bc");
  std::vector<PlannedRun> runs;
  for (uint64_t seed : seeds) {
    for (const std::string& algorithm : algorithms) {
      GridFilter filter;
      filter.seeds = {seed};
      if (algorithm == "bc") filter.set = {"temperature=0"};
      const GridSpec one_seed = filter_grid(spec, filter);
      for (Cell& cell : grid_cells(one_seed, CellContext{iql, runs_dir_of(o, algorithm), o.steps, true, ""})) {
        CellStatus status = read_cell_status(cell);
        runs.push_back({algorithm, std::move(cell), std::move(status), 0});
      }
    }
  }
  return runs;
}

int64_t budget_of(const Cell& cell) {
  const iql::IqlConfig config = parse_config_toml(cell.config_toml, cell.run_dir);
  return config.max_steps;
}

}  // namespace

std::string runs_dir_of(const PipelineOptions& options, const std::string& algorithm) {
  return options.out + (algorithm == "bc" ? "/runs-bc" : "/runs");
}

PipelinePlan plan_pipeline(const PipelineOptions& options, const std::string& iql) {
  GridFilter filter;
  filter.only = options.only;
  if (!options.seeds.empty()) filter.seeds = parse_seed_list(options.seeds);
  const GridSpec spec = filter_grid(read_grid_spec(options.grid), filter);
  PipelinePlan plan;
  plan.logs_dir = options.out + "/datasets";
  plan.datasets = plan_datasets(spec, options, iql);
  plan.runs = plan_runs(spec, options, iql);
  const UpdateRates rates = measured_rates(plan.runs);
  plan.rates_source = rates.source;
  plan.seconds_per_update = rates.seconds;
  for (PlannedRun& r : plan.runs) {
    r.budget = budget_of(r.cell);
    r.cost_seconds = run_cost_left(plan, r);
  }
  return plan;
}

double run_cost_left(const PipelinePlan& plan, const PlannedRun& run) {
  if (run.status.state == CellState::finished) return 0;
  double seconds = 0, steps = 0;
  timed_so_far(run.cell.run_dir, seconds, steps);
  const double left = std::max(0.0, static_cast<double>(run.budget) - steps);
  return left * plan.seconds_per_update.at(run.algorithm);
}

double dataset_cost_left(const PlannedDataset& d) {
  double seconds = 0, steps = 0;
  if (d.sac_run_dir.empty() || !timed_so_far(d.sac_run_dir, seconds, steps)) return d.cost_seconds;
  return std::max(0.0, static_cast<double>(d.sac_steps) - steps) * kSacStepSeconds;
}

double remaining_cost(const PipelinePlan& plan) {
  double total = 0;
  for (const PlannedDataset& d : plan.datasets) total += d.cost_seconds;
  for (const PlannedRun& r : plan.runs) total += r.cost_seconds;
  return total;
}

double whole_cost(const PipelinePlan& plan) {
  double total = 0;
  for (const PlannedDataset& d : plan.datasets) total += d.cost_seconds;
  for (const PlannedRun& r : plan.runs) total += static_cast<double>(r.budget) * plan.seconds_per_update.at(r.algorithm);
  return total;
}

}  // namespace harness
