// iql reproduce --grid configs/grids/regen.toml [--out results/regen] [--steps N] [--seeds 0-2]
//               [--only PATTERN] [--jobs J] [--manifest FILE] [--exact-golden FILE] [--no-bc] [--plan]
// The one command behind `make reproduce SUITE=regen`: prints the plan (what exists, what will be
// made, the estimated core-hours), makes every missing dataset (replay sets rerun their SAC run),
// trains the IQL grid and its BC twin seed by seed, then writes the report and checks every finished
// run against the exact golden of its budget. Interrupted anywhere, the same command continues.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "harness/behaviour/regen_manifest.h"
#include "harness/cli/commands.h"
#include "harness/cli/number_option.h"
#include "harness/cli/path_option.h"
#include "harness/grid/grid_spec.h"
#include "harness/grid/local_pool.h"
#include "harness/grid/pipeline_plan.h"
#include "harness/grid/pipeline_run.h"
#include "harness/report/exact_golden.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

constexpr double kProgressSeconds = 600;  // a progress line at least this often while jobs run

struct ReproduceCommand {
  PipelineOptions pipeline;
  std::string exact_golden;  // "" = golden/<grid name>-<budget>.csv of this source tree
  bool plan_only = false;
};

// 1000000 -> "1m", 100000 -> "100k", 2500 -> "2500"
std::string budget_label(int64_t steps) {
  if (steps % 1000000 == 0) return std::to_string(steps / 1000000) + "m";
  if (steps % 1000 == 0) return std::to_string(steps / 1000) + "k";
  return std::to_string(steps);
}

std::string default_golden(const ReproduceCommand& c, const PipelinePlan& plan) {
  const int64_t budget = plan.runs.empty() ? 0 : plan.runs.front().budget;
  return std::string(IQL_SOURCE_DIR) + "/golden/" + fs::path(c.pipeline.grid).stem().string() + "-" +
         budget_label(budget) + ".csv";
}

const char* action_word(DatasetAction a) {
  switch (a) {
    case DatasetAction::cached: return "cached";
    case DatasetAction::generate: return "make";
    case DatasetAction::fetch: return "fetch";
  }
  return "?";
}

void print_datasets(const PipelinePlan& plan) {
  int cached = 0;
  for (const PlannedDataset& d : plan.datasets) cached += d.action == DatasetAction::cached;
  std::printf("datasets (%zu): %d cached, %zu to make\n", plan.datasets.size(), cached, plan.datasets.size() - cached);
  for (const PlannedDataset& d : plan.datasets) {
    std::printf("  %-7s %-34s %s", action_word(d.action), d.name.c_str(), d.how.c_str());
    if (d.cost_seconds > 0) std::printf(" (~%s)", short_duration(d.cost_seconds).c_str());
    std::printf("\n");
  }
}

void print_runs(const ReproduceCommand& c, const PipelinePlan& plan) {
  int state[4] = {0, 0, 0, 0};
  for (const PlannedRun& r : plan.runs) ++state[static_cast<int>(r.status.state)];
  std::printf("runs (%zu, in %s/runs%s): %d to start, %d to resume, %d finished, %d in conflict;\n"
              "  order: every IQL cell of the first seed, %sthen the next seed\n",
              plan.runs.size(), c.pipeline.out.c_str(), c.pipeline.bc ? " and runs-bc" : "",
              state[static_cast<int>(CellState::fresh)], state[static_cast<int>(CellState::partial)],
              state[static_cast<int>(CellState::finished)], state[static_cast<int>(CellState::conflict)],
              c.pipeline.bc ? "then its BC twins (temperature 0), " : "");
  for (const PlannedRun& r : plan.runs) {
    if (r.status.state == CellState::conflict) std::printf("  conflict: %s\n", r.status.detail.c_str());
  }
}

void print_plan(const ReproduceCommand& c, const PipelinePlan& plan, const std::string& golden) {
  std::printf("reproduce %s -> %s: %lld updates a run, %d worker%s\n", c.pipeline.grid.c_str(), c.pipeline.out.c_str(),
              static_cast<long long>(plan.runs.empty() ? 0 : plan.runs.front().budget), c.pipeline.jobs,
              c.pipeline.jobs == 1 ? "" : "s");
  print_datasets(plan);
  print_runs(c, plan);
  const double left = remaining_cost(plan);
  std::printf("estimated compute: %.1f core-hours (%s), about %s on %d worker%s\n", left / 3600,
              plan.rates_source.c_str(), short_duration(left / c.pipeline.jobs).c_str(), c.pipeline.jobs,
              c.pipeline.jobs == 1 ? "" : "s");
  if (fs::exists(golden)) {
    std::printf("then: the report in %s, every finished run checked against %s\n", c.pipeline.out.c_str(), golden.c_str());
  } else {
    std::printf("then: the report in %s (no exact golden for this budget: %s)\n", c.pipeline.out.c_str(), golden.c_str());
  }
  std::fflush(stdout);
}

// the report, in its own process as `iql report` would be run by hand
void report(const ReproduceCommand& c, const std::string& golden) {
  std::vector<std::string> argv = {self_executable(), "report", runs_dir_of(c.pipeline, "iql"), "--out", c.pipeline.out};
  if (c.pipeline.bc) argv.insert(argv.end(), {"--bc", runs_dir_of(c.pipeline, "bc")});
  if (!c.pipeline.manifest.empty()) argv.insert(argv.end(), {"--manifest", c.pipeline.manifest});
  if (fs::exists(golden)) argv.insert(argv.end(), {"--exact-golden", golden, "--check"});
  std::printf("\n%s\n", command_line(argv).c_str());
  std::fflush(stdout);
  const JobOutcome j = run_pool({PoolJob{argv, ""}}, PoolOptions()).outcomes.at(0);
  if (!j.ok()) throw CLI::RuntimeError(j.exit_code > 0 ? j.exit_code : 1);
  if (!fs::exists(golden)) {
    std::printf("record this budget's exact golden once every run has finished: iql report %s%s --record-exact-golden %s\n",
                runs_dir_of(c.pipeline, "iql").c_str(), c.pipeline.bc ? (" --bc " + runs_dir_of(c.pipeline, "bc")).c_str() : "",
                golden.c_str());
  }
}

void run_reproduce(const ReproduceCommand& c) {
  if (!c.pipeline.manifest.empty()) read_manifest(c.pipeline.manifest);  // a bad file is named before any work
  const PipelinePlan plan = plan_pipeline(c.pipeline, self_executable());
  const std::string golden = c.exact_golden.empty() ? default_golden(c, plan) : c.exact_golden;
  if (fs::exists(golden)) read_exact_golden(golden);  // not hours later, at the report
  print_plan(c, plan, golden);
  if (c.plan_only) return;
  for (const PlannedRun& r : plan.runs) {
    if (r.status.state == CellState::conflict) {
      throw GridError("run directories hold runs of another configuration (conflict lines above): move them away "
                      "or choose another --out");
    }
  }
  const PipelineOutcome outcome = run_pipeline_jobs(plan, c.pipeline.jobs, kProgressSeconds, stdout);
  if (outcome.interrupted) {
    std::fprintf(stderr, "interrupted: run the same command again to continue (made datasets and finished runs are "
                         "kept, stopped runs continue from their checkpoints)\n");
    throw CLI::RuntimeError(130);
  }
  if (outcome.failed > 0) {
    std::fprintf(stderr, "%d job(s) failed%s: see the log each line above names; run the same command again to retry\n",
                 outcome.failed,
                 outcome.blocked > 0 ? (", so " + std::to_string(outcome.blocked) + " run(s) did not start").c_str() : "");
    throw CLI::RuntimeError(1);
  }
  report(c, golden);
}

}  // namespace

void add_reproduce_command(CLI::App& app) {
  auto c = std::make_shared<ReproduceCommand>();
  CLI::App* cmd = app.add_subcommand(
      "reproduce", "A grid's whole table from nothing: datasets (SAC reruns for replay sets), IQL and BC runs seed by seed, "
                   "the report and the exact-golden check; resumable");
  add_input_file(*cmd, "--grid", c->pipeline.grid, "grid TOML file, e.g. configs/grids/regen.toml",
                 "a grid file like configs/grids/regen.toml")->required();
  add_output_dir(*cmd, "--out", c->pipeline.out, "runs/, runs-bc/, datasets/ (logs) and the report go here")
      ->capture_default_str();
  add_whole(*cmd, "--steps", c->pipeline.steps, "updates per run (and the cosine horizon) [default: the preset's, 1000000]",
            int64_t{1});
  cmd->add_option("--seeds", c->pipeline.seeds, "seeds replacing the grid's, e.g. 0-2 or 0,3");
  cmd->add_option("--only", c->pipeline.only, "datasets to keep: comma-separated globs (* = any text); no * = substring");
  c->pipeline.jobs = available_cores();
  add_whole(*cmd, "--jobs,-j", c->pipeline.jobs, "processes at once [default: the number of cores]", 1, 4096);
  add_input_file(*cmd, "--manifest", c->pipeline.manifest, "recipes of the regenerated sets [golden/regen/manifest.toml]",
                 "a manifest of recipes like golden/regen/manifest.toml");
  add_input_file(*cmd, "--exact-golden", c->exact_golden, "check finished runs against this file [golden/<grid>-<budget>.csv]",
                 "an exact golden like golden/regen-100k.csv");
  cmd->add_flag("!--no-bc", c->pipeline.bc, "train IQL only, without the BC twin of each cell");
  cmd->add_flag("--plan", c->plan_only, "print the plan (what exists, what will be made, the estimated core-hours) and stop");
  cmd->callback([c] { run_reproduce(*c); });
}

}  // namespace harness
