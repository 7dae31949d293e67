// The runs a report summarises: RUNS_DIR/<dataset>/seed<S>/ as `iql train` leaves them, with
// run.json (the run record, written once training ends) and metrics.jsonl (one line per log step;
// evaluation lines carry normalized_score). A run without run.json, or with finished = false,
// is incomplete: it is listed in the report and left out of every mean.
// Each method's runs live in their own directory (`iql report IQL_RUNS --bc BC_RUNS`): the method a
// run trained with is read from its config, and collect_method_runs refuses a run of another one.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace harness {

// the methods a report tells apart; BC is IQL's actor with temperature 0 (advantage weights all 1)
constexpr const char* kIqlMethod = "IQL";
constexpr const char* kBcMethod = "BC";

/// One evaluation of a run: D4RL-normalised score x100 at an update step.
struct CurvePoint {
  double step = 0;
  double score = 0;
};

struct RunRecord {
  std::string dataset;     // the <dataset> directory name (run.json's dataset must agree)
  std::string suite;       // "locomotion" or "antmaze"
  std::string method = kIqlMethod;  // kBcMethod when the run's config has temperature = 0 (run.json's, or
                                   // config.toml's while it trains)
  std::string dir;         // RUNS_DIR/<dataset>/seed<S>
  int64_t seed = 0;
  bool finished = false;   // run.json exists and says finished: counted in means
  std::string why_incomplete;  // "" when finished, else e.g. "no run.json (still training?)"
  double final_score = 0;  // run.json final_score: the last evaluation's mean over its episodes
  int64_t steps = 0;
  int64_t max_steps = 0;
  std::string build;       // run.json's git_commit, compiler and BLAS kernel: what made the run
  std::vector<CurvePoint> curve;  // evaluation lines of metrics.jsonl, in step order
  int64_t offline_steps = 0;      // > 0: an `iql finetune` run, online after this step (the boundary)
  double offline_score = 0;       // a fine-tune run's evaluation at the boundary
};

/// Every run under `runs_dir`, sorted by dataset name then seed. Directories not named seed<S> are
/// skipped (a report directory may live beside the runs). Throws autodiff::Error when `runs_dir`
/// is not a directory, or when a run.json or metrics.jsonl cannot be read or names another dataset.
std::vector<RunRecord> collect_runs(const std::string& runs_dir);

/// collect_runs for a directory that holds the runs of one method. Throws autodiff::Error naming the
/// first run of another method and where it belongs: methods are kept in their own directories, so
/// that a BC run never counts in IQL's means.
std::vector<RunRecord> collect_method_runs(const std::string& runs_dir, const std::string& method);

/// The runs of two directories (IQL's and BC's) as one list sorted by dataset, `first`'s before
/// `second`'s within one: the order group_by_dataset needs.
std::vector<RunRecord> join_runs(std::vector<RunRecord> first, const std::vector<RunRecord>& second);

/// The suite of a dataset name: "antmaze" for antmaze-*, else "locomotion" (as `iql train` decides).
std::string suite_of(const std::string& dataset);

/// The finished runs of one dataset and the incomplete ones beside them.
struct DatasetRuns {
  std::string dataset;
  std::string suite;
  std::vector<const RunRecord*> finished;    // in seed order
  std::vector<const RunRecord*> incomplete;  // in seed order
};

/// The runs grouped by dataset, in name order; pointers into `runs`, which must outlive the result and
/// be sorted by dataset (collect_runs' order; runs of several directories: sort them by dataset first).
std::vector<DatasetRuns> group_by_dataset(const std::vector<RunRecord>& runs);

/// The runs of one method among a dataset's runs.
DatasetRuns of_method(const DatasetRuns& runs, const std::string& method);

/// The final scores of a dataset's finished runs, in seed order.
std::vector<double> final_scores(const DatasetRuns& runs);

/// The learning curve over seeds: at each step every finished run evaluated, the mean and the
/// min-max spread over runs.
struct CurveBand {
  std::vector<double> steps;
  std::vector<double> mean;
  std::vector<double> lo;
  std::vector<double> hi;
  int runs = 0;
};

/// The curve band of a dataset's finished runs, on the steps all of them evaluated at; empty when
/// there are no finished runs or no common steps.
CurveBand curve_band(const DatasetRuns& runs);

}  // namespace harness
