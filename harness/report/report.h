// `iql report`: read every IQL run under RUNS_DIR and every BC run under RUNS_BC (--bc), summarise
// final scores per dataset (IQL, BC and the behaviour policy side by side) and suite, compare IQL
// with the published numbers, and write report.md, scores.csv, suites.csv and the figures (figures.h:
// learning curves, performance profiles, overviews, each PNG and SVG), listed in report-files.txt so
// that a later report removes the figures it no longer draws.
// The same runs give byte-identical files: runs are read in sorted order, the bootstrap uses a
// fixed seed, and nothing records the time or the machine.
#pragma once
#include <string>
#include <vector>

#include "harness/behaviour/regen_manifest.h"
#include "harness/report/golden.h"
#include "harness/report/stats.h"
#include "harness/report/summary.h"

namespace harness {

/// The published numbers of this source tree: golden/paper.csv, wherever the command runs from.
std::string default_paper_golden();

struct ReportOptions {
  std::string runs_dir;                     // holds IQL's <dataset>/seed<S>/ run directories
  std::string bc_runs_dir;                  // BC's (temperature 0), laid out alike; "" = none
  std::string golden = default_paper_golden();  // the published numbers
  std::string out = "report";               // where report.md, *.csv and the figures go
  std::string regen_manifest = default_manifest_path();  // behaviour scores; "" or missing: none
  DataBehaviour data_behaviour;             // datasets no single policy collected: their episodes' scores
  ToleranceRule tolerance;
  BootstrapOptions bootstrap;
};

struct ReportOutcome {
  std::string text;      // the tables, golden check and incomplete runs: what `iql report` prints
  int failures = 0;      // datasets with runs whose mean is outside the tolerance
  std::vector<std::string> removed;  // relative to out: files an earlier report wrote and this one did not
  std::vector<DatasetSummary> datasets;  // the summary's rows, for a caller that prints its own view
};

/// Writes the report files under options.out (created if missing), removes the files an earlier
/// report wrote there and this one does not (see manifest.h), and returns what to print.
/// Throws autodiff::Error naming the file at fault when a run or the golden table cannot be read, and
/// naming the run when a directory holds a run of the other method.
ReportOutcome write_report(const ReportOptions& options);

}  // namespace harness
