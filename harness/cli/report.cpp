// iql report RUNS_DIR [--golden golden/paper.csv] [--out report] [--tolerance P] [--check]
#include <cstdio>
#include <memory>

#include "autodiff/error.h"
#include "harness/cli/commands.h"
#include "harness/cli/positive.h"
#include "harness/report/report.h"

namespace harness {
namespace {

struct ReportCommand {
  ReportOptions report;
  bool check = false;
};

void run_report_command(const ReportCommand& c) {
  const ReportOutcome outcome = write_report(c.report);
  std::fputs(outcome.text.c_str(), stdout);
  std::printf("wrote %s/report.md, scores.csv, suites.csv and the figures (curves/, profiles/, overview/: PNG and SVG)\n",
              c.report.out.c_str());
  for (const std::string& file : outcome.removed) {
    std::printf("removed %s/%s: an earlier report wrote it, this one does not (no figure of that dataset or suite now)\n",
                c.report.out.c_str(), file.c_str());
  }
  if (c.check && outcome.failures > 0) {
    throw autodiff::Error(std::to_string(outcome.failures) + " dataset(s) outside the tolerance of the paper (FAIL lines above)");
  }
}

}  // namespace

void add_report_command(CLI::App& app) {
  auto c = std::make_shared<ReportCommand>();
  CLI::App* cmd = app.add_subcommand("report", "Tables, figures (learning curves, performance profiles, overviews) and the golden check of a directory of runs");
  cmd->add_option("runs_dir", c->report.runs_dir, "directory of <dataset>/seed<S>/ runs")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--golden", c->report.golden, "published numbers (CSV)")->capture_default_str()->check(CLI::ExistingFile);
  cmd->add_option("--out", c->report.out, "output directory")->capture_default_str();
  cmd->add_option("--tolerance", c->report.tolerance.fixed, "fixed pass band in points; default: max(stds x paper std, min)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--tolerance-stds", c->report.tolerance.stds, "rule: multiples of the paper's std")->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->add_option("--tolerance-min", c->report.tolerance.floor, "rule: smallest pass band, points")->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->add_option("--resamples", c->report.bootstrap.resamples, "bootstrap resamples for the IQM CI")->capture_default_str()->check(positive_count());
  cmd->add_option("--bootstrap-seed", c->report.bootstrap.seed, "seed of the bootstrap RNG")->capture_default_str();
  cmd->add_flag("--check", c->check, "exit non-zero when a dataset with runs fails the golden check");
  cmd->callback([c] { run_report_command(*c); });
}

}  // namespace harness
