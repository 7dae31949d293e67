// The numbers of a report: per dataset the mean ± std of final scores over seeds beside the
// published ones; per suite the total of the dataset means (the paper's "total" row) and the IQM
// of all runs with its stratified bootstrap 95% CI; and the golden check of each dataset.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "harness/report/golden.h"
#include "harness/report/runs.h"
#include "harness/report/stats.h"

namespace harness {

struct DatasetSummary {
  std::string dataset;
  std::string suite;
  int seeds = 0;                      // finished runs; 0 = nothing to average or check
  int incomplete = 0;                 // runs listed but not averaged
  double mean = 0;                    // final score, D4RL-normalised x100, over seeds
  double std = 0;                     // sample std (ddof = 1) over seeds; 0 for one seed
  std::optional<GoldenRow> golden;    // the published numbers, when the golden table has them
  GoldenCheck check;
};

struct SuiteSummary {
  std::string suite;
  int datasets_with_runs = 0;         // with finished runs, in the golden table or not
  int paper_datasets_with_runs = 0;   // those of them in the golden table
  int datasets_in_golden = 0;
  int runs = 0;                       // finished runs pooled into the IQM
  double total = 0;                   // sum of our means over the paper datasets with runs
  double paper_total = 0;             // sum of the paper means over the same datasets
  std::optional<double> iqm;          // absent when the suite has no finished runs
  Interval iqm_ci;
};

struct Summary {
  std::vector<DatasetSummary> datasets;  // golden order first, then datasets only we ran, by name
  std::vector<SuiteSummary> suites;      // locomotion, antmaze, then any other, by name
  std::vector<const RunRecord*> incomplete;
  ToleranceRule tolerance;
  BootstrapOptions bootstrap;
};

/// Summarises `runs` against `golden`; the pointers in the result point into `runs`.
Summary summarize(const std::vector<RunRecord>& runs, const std::vector<GoldenRow>& golden,
                  const ToleranceRule& tolerance, const BootstrapOptions& bootstrap);

/// The number of datasets with runs whose mean is outside the tolerance of the paper's.
int count_failures(const Summary& summary);

}  // namespace harness
