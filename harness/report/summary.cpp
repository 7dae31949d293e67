#include "harness/report/summary.h"

#include <algorithm>
#include <cmath>

namespace harness {
namespace {

GoldenCheck check_dataset(const DatasetSummary& d, const ToleranceRule& rule) {
  GoldenCheck c;
  c.dataset = d.dataset;
  c.seeds = d.iql.seeds;
  c.ours = d.iql.mean;
  if (d.golden) {
    c.in_golden = true;
    c.paper = d.golden->paper_mean;
    c.tolerance = tolerance_for(rule, *d.golden);
  }
  if (d.iql.seeds == 0) {
    c.status = CheckStatus::no_runs;
  } else if (!d.golden) {
    c.status = CheckStatus::no_golden;
  } else {
    c.status = std::fabs(d.iql.mean - c.paper) <= c.tolerance ? CheckStatus::pass : CheckStatus::fail;
  }
  return c;
}

MethodScores method_scores(const DatasetRuns& runs) {
  const std::vector<double> scores = final_scores(runs);
  return {static_cast<int>(scores.size()), static_cast<int>(runs.incomplete.size()), mean(scores), sample_std(scores)};
}

// what the summary of a dataset starts from: the published numbers and the behaviour score
struct References {
  const std::vector<GoldenRow>& golden;
  const std::vector<RegenEntry>& manifest;
  const DataBehaviour& data_behaviour;
};

std::optional<BehaviourScore> behaviour_score(const References& references, const std::string& dataset) {
  if (const RegenEntry* e = behaviour_of(references.manifest, dataset)) {
    return BehaviourScore{e->behaviour_score, e->behaviour_score_std, e->behaviour_episodes};
  }
  const auto measured = references.data_behaviour.find(dataset);
  if (measured == references.data_behaviour.end()) return std::nullopt;
  return measured->second;
}

DatasetSummary summarize_dataset(const std::string& dataset, const std::string& suite, const DatasetRuns* runs,
                                 const References& references) {
  DatasetSummary d;
  d.dataset = dataset;
  d.suite = suite;
  if (const GoldenRow* row = find_golden(references.golden, dataset)) d.golden = *row;
  d.behaviour = behaviour_score(references, dataset);
  if (runs) {
    d.iql = method_scores(of_method(*runs, kIqlMethod));
    d.bc = method_scores(of_method(*runs, kBcMethod));
  }
  return d;
}

const DatasetRuns* find_runs(const std::vector<DatasetRuns>& groups, const std::string& dataset) {
  auto it = std::find_if(groups.begin(), groups.end(), [&](const DatasetRuns& g) { return g.dataset == dataset; });
  return it == groups.end() ? nullptr : &*it;
}

// golden rows in their order (the paper's), then datasets that only have runs, in name order
std::vector<DatasetSummary> summarize_datasets(const std::vector<DatasetRuns>& groups, const References& references) {
  std::vector<DatasetSummary> out;
  for (const GoldenRow& row : references.golden) {
    out.push_back(summarize_dataset(row.dataset, row.suite, find_runs(groups, row.dataset), references));
  }
  for (const DatasetRuns& g : groups) {
    if (!find_golden(references.golden, g.dataset)) out.push_back(summarize_dataset(g.dataset, g.suite, &g, references));
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
    if (d.iql.seeds == 0) continue;
    ++s.datasets_with_runs;
    s.runs += d.iql.seeds;
    if (d.golden) {
      ++s.paper_datasets_with_runs;
      s.total += d.iql.mean;
      s.paper_total += d.golden->paper_mean;
    }
    strata.push_back(final_scores(of_method(*find_runs(groups, d.dataset), kIqlMethod)));
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
                  const ToleranceRule& tolerance, const BootstrapOptions& bootstrap,
                  const std::vector<RegenEntry>& manifest, const DataBehaviour& data_behaviour) {
  Summary summary;
  summary.tolerance = tolerance;
  summary.bootstrap = bootstrap;
  const std::vector<DatasetRuns> groups = group_by_dataset(runs);
  summary.datasets = summarize_datasets(groups, {golden, manifest, data_behaviour});
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

const RegenEntry* behaviour_of(const std::vector<RegenEntry>& manifest, const std::string& dataset) {
  const RegenEntry* best = nullptr;
  for (const RegenEntry& e : manifest) {
    const bool extends = dataset.size() > e.name.size() && dataset.compare(0, e.name.size(), e.name) == 0 &&
                         dataset[e.name.size()] == '-';
    if ((dataset == e.name || extends) && (!best || e.name.size() > best->name.size())) best = &e;
  }
  return best && best->behaviour_episodes > 0 ? best : nullptr;
}

int count_failures(const Summary& summary) {
  return static_cast<int>(std::count_if(summary.datasets.begin(), summary.datasets.end(),
                                        [](const DatasetSummary& d) { return d.check.status == CheckStatus::fail; }));
}

}  // namespace harness
