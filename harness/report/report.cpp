#include "harness/report/report.h"

#include <filesystem>
#include <fstream>

#include "autodiff/error.h"
#include "harness/report/figures.h"
#include "harness/report/finetune_table.h"
#include "harness/report/manifest.h"
#include "harness/report/runs.h"
#include "harness/report/summary.h"
#include "harness/report/tables.h"

namespace harness {
namespace fs = std::filesystem;

std::string default_paper_golden() { return std::string(IQL_SOURCE_DIR) + "/golden/paper.csv"; }

namespace {

constexpr const char* kScoreDefinition =
    "Scores are the **final** score of each run (its last evaluation, not the best during training), "
    "D4RL-normalised x100 (0 = random, 100 = expert; each seed's score is the mean over its final "
    "evaluation's episodes), as mean ± std over seeds; std is the sample "
    "std (ddof = 1) over the per-seed final scores, shown as – for one seed.";

// which datasets the runs are on: D4RL's (the paper's numbers apply) or regenerated ones
std::string datasets_note(const Summary& summary) {
  if (runs_on_paper_datasets(summary)) {
    return "Locomotion datasets are -v2; our antmaze runs are -v2, the paper's antmaze numbers were measured on "
           "-v0, and its ± are third-party transcriptions (golden/paper.csv).";
  }
  return "None of these datasets is one of D4RL's files: a -regen dataset was made here by D4RL's recipe "
         "(golden/regen/manifest.toml), so the paper's numbers are not shown beside it.";
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  if (!out) throw autodiff::Error(path.string() + ": cannot write the report file");
}

std::string suites_note(const Summary& summary) {
  const std::string totals = runs_on_paper_datasets(summary)
                                 ? "the total of our dataset means over the paper's datasets with runs beside the "
                                   "paper's total over the same datasets (its \"total\" row when every dataset has "
                                   "runs), and "
                                 : "";
  return "Per suite: " + totals + "the IQM (interquartile mean: the mean of the middle 50% of all finished runs' final scores, pooled "
         "over the suite's datasets) with a stratified bootstrap " +
         std::to_string(static_cast<int>(summary.bootstrap.confidence * 100 + 0.5)) +
         "% percentile CI (seeds resampled within each dataset, " + std::to_string(summary.bootstrap.resamples) +
         " resamples, seed " + std::to_string(summary.bootstrap.seed) + ").\n";
}

// the text both printed and written: tables, check, incomplete runs
std::string summary_text(const Summary& summary) {
  std::string text = "## Per dataset\n\n" + markdown_scores_table(summary) + "\n";
  const std::string methods = methods_note(summary);
  if (!methods.empty()) text += methods + "\n\n";
  const std::string not_run = not_run_text(summary);
  if (!not_run.empty()) text += not_run + "\n\n";
  text += "## Per suite\n\n" + suites_note(summary) + "\n" + markdown_suites_table(summary) + "\n";
  text += "## Golden check\n\n" + golden_check_text(summary) + "\n";
  const std::string incomplete = incomplete_runs_text(summary);
  if (!incomplete.empty()) text += "## Incomplete runs (listed, not averaged)\n\n" + incomplete + "\n";
  return text;
}

// fine-tune runs' offline -> online scores; "" when there are none
std::string finetune_text(const std::vector<RunRecord>& runs) {
  const std::string table = markdown_finetune_table(runs);
  if (table.empty()) return "";
  return "## Offline -> online (fine-tuning)\n\nD4RL-normalised x100 after the offline phase and at the end of the "
         "online one, mean ± std over finished seeds (sample std; – for one seed).\n\n" + table + "\n";
}

// IQL's runs and BC's, each from its own directory
// a directory without runs leaves nothing to report: said, naming what the directory is instead
void require_runs(const std::vector<RunRecord>& runs, const std::string& dir, const std::string& what) {
  if (!runs.empty()) return;
  const bool report = fs::exists(fs::path(dir) / "report.md");
  throw autodiff::Error(what + " " + dir + ": " +
                        (report ? "this is a report directory (iql report --out wrote it), not a directory of runs"
                                : "no runs in it (no <dataset>/seed<S>/ run directories), so nothing to report") +
                        "; give the directory that iql train --out or iql grid --runs wrote");
}

std::vector<RunRecord> read_runs(const ReportOptions& options) {
  std::vector<RunRecord> runs = collect_method_runs(options.runs_dir, kIqlMethod);
  require_runs(runs, options.runs_dir, "RUNS_DIR");
  if (options.bc_runs_dir.empty()) return runs;
  std::vector<RunRecord> bc = collect_method_runs(options.bc_runs_dir, kBcMethod);
  require_runs(bc, options.bc_runs_dir, "--bc");
  return join_runs(std::move(runs), std::move(bc));
}

// the behaviour policies' scores; a report away from the source tree has none
std::vector<RegenEntry> read_behaviour_scores(const std::string& path) {
  if (path.empty() || !fs::exists(path)) return {};
  return read_manifest(path);
}

}  // namespace

ReportOutcome write_report(const ReportOptions& options) {
  const std::vector<GoldenRow> golden = read_golden(options.golden);  // every input read before any output
  const std::vector<RunRecord> runs = read_runs(options);
  const Summary summary =
      summarize(runs, golden, options.tolerance, options.bootstrap, read_behaviour_scores(options.regen_manifest),
                options.data_behaviour);
  const fs::path out(options.out);
  fs::create_directories(out);

  ReportOutcome outcome;
  outcome.text = std::string(kScoreDefinition) + " " + datasets_note(summary) + "\n\n" + summary_text(summary) +
                 finetune_text(runs);
  const WrittenFigures figures = write_figures(runs, summary, options.out);
  write_text(out / "report.md", "# IQL results\n\n" + outcome.text + figures.markdown);
  write_text(out / "scores.csv", scores_csv(summary));
  write_text(out / "suites.csv", suites_csv(summary));
  std::vector<std::string> written = {"report.md", "scores.csv", "suites.csv"};
  written.insert(written.end(), figures.files.begin(), figures.files.end());
  outcome.removed = replace_report_files(options.out, written);
  outcome.failures = count_failures(summary);
  outcome.datasets = summary.datasets;
  return outcome;
}

}  // namespace harness
