// The golden of a bit-reproducible table (golden/regen-100k.csv): one row per run, that is per
// (dataset, algorithm, seed), with its update budget and its exact final score. Training is
// bit-reproducible, so a rerun of a cell by the same build on the same platform must give the same
// score to the last bit, and the check says per cell whether it did.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "harness/report/runs.h"

namespace harness {

struct ExactCell {
  std::string dataset;
  std::string algorithm;  // "iql", "bc": the runs directory the run came from
  int64_t seed = 0;
  int64_t steps = 0;      // updates the run made
  double final_score = 0;
};

/// The runs of one algorithm, as collect_runs reads them.
struct AlgorithmRuns {
  std::string algorithm;
  std::vector<RunRecord> runs;
};

/// Reads an exact golden (columns dataset,algorithm,seed,steps,final_score; '#' lines are comments).
/// Throws autodiff::Error naming the file and line of anything it cannot read, or of a repeated cell.
std::vector<ExactCell> read_exact_golden(const std::string& path);

/// Writes `cells` under `provenance` (each line becomes a '#' comment: commands, budget, build),
/// atomically. Scores are written with 17 significant digits, so they read back to the same double.
void write_exact_golden(const std::string& path, const std::vector<std::string>& provenance,
                        const std::vector<ExactCell>& cells);

/// The finished runs as cells, in algorithm, dataset, seed order.
std::vector<ExactCell> exact_cells(const std::vector<AlgorithmRuns>& runs);

enum class ExactStatus {
  same,           // the run's final score is the golden's, bit for bit
  differs,        // same budget, another score: another build or platform, or changed code
  other_budget,   // the run made another number of updates: not comparable
  not_finished,   // the run has not finished (or diverged)
  not_in_golden,  // a finished run the golden has no row for
  not_run,        // a golden cell with no run
};

struct ExactCheck {
  ExactStatus status = ExactStatus::not_run;
  ExactCell golden;  // empty for not_in_golden
  ExactCell run;     // empty for not_run
};

/// One line per golden cell and per run the golden lacks, in algorithm, dataset, seed order.
std::vector<ExactCheck> check_exact(const std::vector<ExactCell>& golden, const std::vector<AlgorithmRuns>& runs);

/// "SAME     hopper-medium-regen  iql  seed 0: 66.1 (300000 updates)" and the like.
std::string exact_check_line(const ExactCheck& check);

}  // namespace harness
