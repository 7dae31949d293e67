// The published numbers a reproduction is held to (golden/paper.csv) and the per-dataset check:
// pass when |our mean - paper mean| <= tolerance.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace harness {

/// One row of golden/paper.csv: D4RL-normalised scores x100.
struct GoldenRow {
  std::string dataset;    // the -v2 name we train on, e.g. "antmaze-umaze-v2"
  std::string suite;      // "locomotion" or "antmaze"
  double paper_mean = 0;  // IQL paper Table 1 (antmaze measured on -v0)
  double paper_std = 0;   // third-party transcription of the paper's +-: approximate
  double corl_last = 0;   // CORL's reproduction, final score over 4 seeds
  double corl_best = 0;   // CORL's reproduction, best score during training
};

/// Reads a golden CSV: '#' lines are comments, then a header naming the columns
/// dataset,suite,paper_mean,paper_std,corl_last,corl_best (any order), then one row per dataset.
/// Throws autodiff::Error naming the file, line and column of anything it cannot read.
std::vector<GoldenRow> read_golden(const std::string& path);

/// The pass band around the paper's mean: a fixed number of points, or max(stds x paper std, floor).
struct ToleranceRule {
  std::optional<double> fixed;  // points; replaces the rule below when set
  double stds = 2.0;            // multiples of the paper's std
  double floor = 5.0;           // points: small published stds (0.2) are tighter than seed noise
};

/// The tolerance for one dataset, in points.
double tolerance_for(const ToleranceRule& rule, const GoldenRow& row);

/// The rule in words, for the report: "pass when |ours - paper| <= max(2 x paper std, 5) points".
std::string describe(const ToleranceRule& rule);

enum class CheckStatus { pass, fail, no_runs, no_golden };

struct GoldenCheck {
  std::string dataset;
  CheckStatus status = CheckStatus::no_runs;
  int seeds = 0;          // finished runs behind `ours`
  double ours = 0;        // mean final score over seeds
  double paper = 0;
  double tolerance = 0;
  bool in_golden = false;  // the golden table has the dataset (paper and tolerance are its)
};

/// "PASS  hopper-medium-v2: ours 64.2 (5 seeds) vs paper 66.3: |diff| 2.1 <= 11.4" and the
/// like for fail, "no finished runs" and "not in golden".
std::string check_line(const GoldenCheck& check);

/// The golden row of `dataset`, or nullptr.
const GoldenRow* find_golden(const std::vector<GoldenRow>& golden, const std::string& dataset);

}  // namespace harness
