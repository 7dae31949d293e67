// The numbers of a report: per dataset the mean ± std of final scores over seeds, IQL's and BC's,
// beside the behaviour policy's score and the published ones; per suite the total of IQL's dataset
// means (the paper's "total" row) and the IQM of all IQL runs with its stratified bootstrap 95% CI;
// and the golden check of each dataset. Only IQL is checked and totalled: the paper's numbers are
// IQL's, and BC is there to show what IQL adds over imitating the dataset.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/behaviour/regen_manifest.h"
#include "harness/report/golden.h"
#include "harness/report/runs.h"
#include "harness/report/stats.h"

namespace harness {

/// One method's final scores on one dataset.
struct MethodScores {
  int seeds = 0;                      // finished runs; 0 = nothing to average or check
  int incomplete = 0;                 // runs listed but not averaged
  double mean = 0;                    // final score, D4RL-normalised x100, over seeds
  double std = 0;                     // sample std (ddof = 1) over seeds; 0 for one seed
};

/// The score of the policy that collected a regenerated dataset, from the regen manifest; or, for
/// data no single policy collected (a mixture), the score of the data's own complete episodes.
struct BehaviourScore {
  double mean = 0;                    // D4RL-normalised x100, over its episodes
  double std = 0;                     // over its episodes
  int episodes = 0;
  bool of_data = false;               // the data's own episodes, not one policy's evaluation
};

/// Behaviour scores measured on the data of datasets without a manifest entry, by dataset name.
using DataBehaviour = std::map<std::string, BehaviourScore>;

struct DatasetSummary {
  std::string dataset;
  std::string suite;
  MethodScores iql;                   // ours: totalled per suite and checked against the paper
  MethodScores bc;                    // BC's runs, shown beside IQL's, never checked
  std::optional<BehaviourScore> behaviour;  // regenerated datasets with a recorded behaviour score
  std::optional<GoldenRow> golden;    // the published numbers, when the golden table has them
  GoldenCheck check;
};

struct SuiteSummary {
  std::string suite;
  int datasets_with_runs = 0;         // with finished runs, in the golden table or not
  int paper_datasets_with_runs = 0;   // those of them in the golden table
  int datasets_in_golden = 0;
  int runs = 0;                       // finished IQL runs pooled into the IQM
  double total = 0;                   // sum of IQL's means over the paper datasets with runs
  double paper_total = 0;             // sum of the paper means over the same datasets
  std::optional<double> iqm;          // absent when the suite has no finished runs
  Interval iqm_ci;
};

struct Summary {
  std::vector<DatasetSummary> datasets;  // golden order first, then datasets only we ran, by name
  std::vector<SuiteSummary> suites;      // locomotion, antmaze, then any other, by name
  std::vector<const RunRecord*> incomplete;  // of every method
  ToleranceRule tolerance;
  BootstrapOptions bootstrap;
};

/// Summarises `runs` (sorted by dataset; IQL's and BC's, told apart by RunRecord::method) against
/// `golden`, with the behaviour scores of `manifest`, else of `data_behaviour`; the pointers in the
/// result point into `runs`.
Summary summarize(const std::vector<RunRecord>& runs, const std::vector<GoldenRow>& golden,
                  const ToleranceRule& tolerance, const BootstrapOptions& bootstrap,
                  const std::vector<RegenEntry>& manifest = {}, const DataBehaviour& data_behaviour = {});

/// The manifest entry whose behaviour policy collected `dataset`: the entry of that name, or of the
/// longest name it extends with "-..." (hopper-medium-regen-demo holds hopper-medium-regen's first
/// rows); nullptr when none, or when that entry records no behaviour episodes (a replay or
/// medium-expert dataset has no single behaviour policy).
const RegenEntry* behaviour_of(const std::vector<RegenEntry>& manifest, const std::string& dataset);

/// The number of datasets with runs whose mean is outside the tolerance of the paper's.
int count_failures(const Summary& summary);

}  // namespace harness
