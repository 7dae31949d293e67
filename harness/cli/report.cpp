// iql report RUNS_DIR [--bc RUNS_BC] [--golden golden/paper.csv] [--out report] [--tolerance P]
//                     [--exact-golden F | --record-exact-golden F] [--check]
#include <cstdio>
#include <memory>
#include <set>

#include "autodiff/error.h"
#include "harness/behaviour/regen_manifest.h"
#include "harness/cli/commands.h"
#include "harness/cli/number_option.h"
#include "harness/cli/path_option.h"
#include "harness/report/exact_golden.h"
#include "harness/report/report.h"

namespace harness {
namespace {

constexpr int kMaxResamples = 10'000'000;  // 200x rliable's 50000; more is a typo that would run for hours

struct ReportCommand {
  ReportOptions report;             // report.bc_runs_dir: BC's runs, beside IQL's in tables and figures
  std::string exact_golden;         // check every run against this exact golden
  std::string record_exact_golden;  // write the finished runs as an exact golden
  bool check = false;
};

std::vector<AlgorithmRuns> algorithm_runs(const ReportCommand& c) {
  std::vector<AlgorithmRuns> runs = {{"iql", collect_runs(c.report.runs_dir)}};
  if (!c.report.bc_runs_dir.empty()) runs.push_back({"bc", collect_runs(c.report.bc_runs_dir)});
  return runs;
}

// what a reader of the golden needs to make the same runs again
std::vector<std::string> provenance(const ReportCommand& c, const std::vector<AlgorithmRuns>& runs) {
  std::set<std::string> builds;  // of the runs recorded: the finished ones
  for (const AlgorithmRuns& a : runs) {
    for (const RunRecord& r : a.runs)
      if (r.finished) builds.insert(r.build);
  }
  std::vector<std::string> lines = {
      "Exact final scores (D4RL-normalised x100, the last evaluation's mean) of bit-reproducible runs: a",
      "rerun of a cell by the same build on the same platform gives the same score to the last bit.",
      "Check a rerun: iql report RUNS [--bc RUNS_BC] --exact-golden THIS_FILE --check",
      "recorded by: iql report " + c.report.runs_dir + (c.report.bc_runs_dir.empty() ? "" : " --bc " + c.report.bc_runs_dir) +
          " --record-exact-golden " + c.record_exact_golden};
  for (const std::string& b : builds) lines.push_back("runs made by: iql " + b);
  return lines;
}

// prints one line per cell; returns the cells whose score differs from the golden's
int run_exact_check(const ReportCommand& c, const std::vector<AlgorithmRuns>& runs) {
  std::printf("\nExact golden check against %s:\n", c.exact_golden.c_str());
  int differs = 0;
  for (const ExactCheck& check : check_exact(read_exact_golden(c.exact_golden), runs)) {
    std::printf("%s\n", exact_check_line(check).c_str());
    differs += check.status == ExactStatus::differs;
  }
  return differs;
}

void run_report_command(const ReportCommand& c) {
  if (!c.exact_golden.empty()) read_exact_golden(c.exact_golden);  // a wrong file is named before any work
  if (!c.report.regen_manifest.empty()) read_manifest(c.report.regen_manifest);
  const ReportOutcome outcome = write_report(c.report);
  std::fputs(outcome.text.c_str(), stdout);
  std::printf("wrote %s/report.md, scores.csv, suites.csv and the figures (curves/, profiles/, overview/: PNG and SVG)\n",
              c.report.out.c_str());
  for (const std::string& file : outcome.removed) {
    std::printf("removed %s/%s: an earlier report wrote it, this one does not (no figure of that dataset or suite now)\n",
                c.report.out.c_str(), file.c_str());
  }
  const std::vector<AlgorithmRuns> runs = algorithm_runs(c);
  const int differs = c.exact_golden.empty() ? 0 : run_exact_check(c, runs);
  if (!c.record_exact_golden.empty()) {
    const std::vector<ExactCell> cells = exact_cells(runs);
    write_exact_golden(c.record_exact_golden, provenance(c, runs), cells);
    std::printf("recorded %zu finished runs in %s\n", cells.size(), c.record_exact_golden.c_str());
  }
  if (c.check && differs > 0) {
    throw autodiff::Error(std::to_string(differs) + " run(s) differ from the exact golden (DIFFERS lines above)");
  }
  if (c.check && outcome.failures > 0) {
    throw autodiff::Error(std::to_string(outcome.failures) + " dataset(s) outside the tolerance of the paper (FAIL lines above)");
  }
}

}  // namespace

void add_report_command(CLI::App& app) {
  auto c = std::make_shared<ReportCommand>();
  CLI::App* cmd = app.add_subcommand("report", "Tables, figures (learning curves, performance profiles, overviews) and the golden check of a directory of IQL runs, with BC's beside them (--bc)");
  const std::string runs = "a directory of <dataset>/seed<S>/ runs (iql train --out, iql grid --runs)";
  add_input_dir(*cmd, "runs_dir", c->report.runs_dir, "directory of <dataset>/seed<S>/ runs", runs)->required();
  add_input_dir(*cmd, "--bc", c->report.bc_runs_dir,
                "BC's runs of the same grid (temperature 0): beside IQL's in the tables and figures, and in the exact golden",
                runs);
  add_input_file(*cmd, "--golden", c->report.golden, "published numbers (CSV)", "a CSV of published numbers like golden/paper.csv")
      ->capture_default_str();
  add_output_dir(*cmd, "--out", c->report.out, "output directory")->capture_default_str();
  add_input_file(*cmd, "--manifest", c->report.regen_manifest,
                 "regenerated sets' recipes, for the behaviour's scores [golden/regen/manifest.toml]",
                 "a manifest of recipes like golden/regen/manifest.toml");
  add_real(*cmd, "--tolerance", c->report.tolerance.fixed, "fixed pass band in points; default: max(stds x paper std, min)", 0, false);
  add_real(*cmd, "--tolerance-stds", c->report.tolerance.stds, "rule: multiples of the paper's std", 0, false)->capture_default_str();
  add_real(*cmd, "--tolerance-min", c->report.tolerance.floor, "rule: smallest pass band, points", 0, false)->capture_default_str();
  add_whole(*cmd, "--resamples", c->report.bootstrap.resamples, "bootstrap resamples for the IQM CI", 1, kMaxResamples)
      ->capture_default_str();
  add_whole(*cmd, "--bootstrap-seed", c->report.bootstrap.seed, "seed of the bootstrap RNG", uint64_t{0})->capture_default_str();
  auto* exact = add_input_file(*cmd, "--exact-golden", c->exact_golden,
                               "exact per-run golden (golden/regen-100k.csv): SAME or DIFFERS per cell",
                               "an exact golden CSV like golden/regen-100k.csv");
  add_output_file(*cmd, "--record-exact-golden", c->record_exact_golden, "write the finished runs' exact scores to this file")
      ->excludes(exact);
  cmd->add_flag("--check", c->check, "exit non-zero when a dataset fails the golden check or a run differs from the exact golden");
  cmd->callback([c] { run_report_command(*c); });
}

}  // namespace harness
