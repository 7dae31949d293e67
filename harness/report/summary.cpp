#include "harness/report/summary.h"

#include <algorithm>
#include <cmath>

namespace harness {
namespace {

GoldenCheck check_dataset(const DatasetSummary& d, const ToleranceRule& rule) {
  GoldenCheck c;
  c.dataset = d.dataset;
  c.seeds = d.seeds;
  c.ours = d.mean;
  if (d.golden) {
    c.paper = d.golden->paper_mean;
    c.tolerance = tolerance_for(rule, *d.golden);
  }
  if (d.seeds == 0) {
    c.status = CheckStatus::no_runs;
  } else if (!d.golden) {
    c.status = CheckStatus::no_golden;
  } else {
    c.status = std::fabs(d.mean - c.paper) <= c.tolerance ? CheckStatus::pass : CheckStatus::fail;
  }
  return c;
}

DatasetSummary summarize_dataset(const std::string& dataset, const std::string& suite, const DatasetRuns* runs,
                                 const std::vector<GoldenRow>& golden) {
  DatasetSummary d;
  d.dataset = dataset;
  d.suite = suite;
  if (const GoldenRow* row = find_golden(golden, dataset)) d.golden = *row;
  if (runs) {
    const std::vector<double> scores = final_scores(*runs);
    d.seeds = static_cast<int>(scores.size());
    d.incomplete = static_cast<int>(runs->incomplete.size());
    d.mean = mean(scores);
    d.std = sample_std(scores);
  }
  return d;
}

const DatasetRuns* find_runs(const std::vector<DatasetRuns>& groups, const std::string& dataset) {
  auto it = std::find_if(groups.begin(), groups.end(), [&](const DatasetRuns& g) { return g.dataset == dataset; });
  return it == groups.end() ? nullptr : &*it;
}

// golden rows in their order (the paper's), then datasets that only have runs, in name order
std::vector<DatasetSummary> summarize_datasets(const std::vector<DatasetRuns>& groups,
                                               const std::vector<GoldenRow>& golden) {
  std::vector<DatasetSummary> out;
  for (const GoldenRow& row : golden) out.push_back(summarize_dataset(row.dataset, row.suite, find_runs(groups, row.dataset), golden));
  for (const DatasetRuns& g : groups) {
    if (!find_golden(golden, g.dataset)) out.push_back(summarize_dataset(g.dataset, g.suite, &g, golden));
  }
  return out;
}

// the suites present, the paper's two first
std::vector<std::string> suite_order(const std::vector<DatasetSummary>& datasets) {
  std::vector<std::string> suites = {"locomotion", "antmaze"};
  std::vector<std::string> others;
  for (const DatasetSummary& d : datasets) {
    if (std::find(suites.begin(), suites.end(), d.suite) == suites.end() &&
        std::find(others.begin(), others.end(), d.suite) == others.end()) {
      others.push_back(d.suite);
    }
  }
  std::sort(others.begin(), others.end());
  suites.insert(suites.end(), others.begin(), others.end());
  return suites;
}

SuiteSummary summarize_suite(const std::string& suite, const std::vector<DatasetSummary>& datasets,
                             const std::vector<DatasetRuns>& groups, const BootstrapOptions& bootstrap) {
  SuiteSummary s;
  s.suite = suite;
  std::vector<std::vector<double>> strata;  // one per dataset with finished runs
  for (const DatasetSummary& d : datasets) {
    if (d.suite != suite) continue;
    if (d.golden) ++s.datasets_in_golden;
    if (d.seeds == 0) continue;
    ++s.datasets_with_runs;
    s.runs += d.seeds;
    if (d.golden) {
      ++s.paper_datasets_with_runs;
      s.total += d.mean;
      s.paper_total += d.golden->paper_mean;
    }
    strata.push_back(final_scores(*find_runs(groups, d.dataset)));
  }
  if (!strata.empty()) {
    std::vector<double> pooled;
    for (const std::vector<double>& stratum : strata) pooled.insert(pooled.end(), stratum.begin(), stratum.end());
    s.iqm = iqm(pooled);
    s.iqm_ci = stratified_bootstrap_ci(strata, iqm, bootstrap);
  }
  return s;
}

}  // namespace

Summary summarize(const std::vector<RunRecord>& runs, const std::vector<GoldenRow>& golden,
                  const ToleranceRule& tolerance, const BootstrapOptions& bootstrap) {
  Summary summary;
  summary.tolerance = tolerance;
  summary.bootstrap = bootstrap;
  const std::vector<DatasetRuns> groups = group_by_dataset(runs);
  summary.datasets = summarize_datasets(groups, golden);
  for (DatasetSummary& d : summary.datasets) d.check = check_dataset(d, tolerance);
  for (const std::string& suite : suite_order(summary.datasets)) {
    SuiteSummary s = summarize_suite(suite, summary.datasets, groups, bootstrap);
    if (s.datasets_with_runs > 0 || s.datasets_in_golden > 0) summary.suites.push_back(s);
  }
  for (const RunRecord& run : runs) {
    if (!run.finished) summary.incomplete.push_back(&run);
  }
  return summary;
}

int count_failures(const Summary& summary) {
  return static_cast<int>(std::count_if(summary.datasets.begin(), summary.datasets.end(),
                                        [](const DatasetSummary& d) { return d.check.status == CheckStatus::fail; }));
}

}  // namespace harness
