#include "harness/report/report.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "autodiff/error.h"
#include "harness/report/manifest.h"
#include "harness/report/plot.h"
#include "harness/report/png.h"
#include "harness/report/runs.h"
#include "harness/report/steps_to_goal.h"
#include "harness/report/summary.h"
#include "harness/report/tables.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

constexpr const char* kScoreDefinition =
    "Scores are the **final** score of each run (its last evaluation, not the best during training), "
    "D4RL-normalised x100 (0 = random, 100 = expert; each seed's score is the mean over its final "
    "evaluation's episodes), as mean ± std over seeds; std is the sample "
    "std (ddof = 1) over the per-seed final scores, shown as – for one seed. Locomotion datasets are "
    "-v2; our antmaze runs are -v2, the paper's antmaze numbers were measured on -v0, and its ± are "
    "third-party transcriptions (golden/paper.csv).";

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  if (!out) throw autodiff::Error(path.string() + ": cannot write the report file");
}

std::string suites_note(const Summary& summary) {
  return "Per suite: the total of our dataset means over the paper's datasets with runs beside the "
         "paper's total over the same datasets (its \"total\" row when every dataset has runs), and the "
         "IQM (interquartile mean: the mean of the middle 50% of all finished runs' final scores, pooled "
         "over the suite's datasets) with a stratified bootstrap " +
         std::to_string(static_cast<int>(summary.bootstrap.confidence * 100 + 0.5)) +
         "% percentile CI (seeds resampled within each dataset, " + std::to_string(summary.bootstrap.resamples) +
         " resamples, seed " + std::to_string(summary.bootstrap.seed) + ").\n";
}

// the text both printed and written: tables, check, incomplete runs
std::string summary_text(const Summary& summary) {
  std::string text = "## Per dataset\n\n" + markdown_scores_table(summary) + "\n";
  const std::string not_run = not_run_text(summary);
  if (!not_run.empty()) text += not_run + "\n\n";
  text += "## Per suite\n\n" + suites_note(summary) + "\n" + markdown_suites_table(summary) + "\n";
  text += "## Golden check\n\n" + golden_check_text(summary) + "\n";
  const std::string incomplete = incomplete_runs_text(summary);
  if (!incomplete.empty()) text += "## Incomplete runs (listed, not averaged)\n\n" + incomplete + "\n";
  return text;
}

LineChart curve_chart(const DatasetRuns& runs, const CurveBand& band, const Summary& summary) {
  LineChart chart;
  chart.title = runs.dataset + ": IQL learning curve";
  chart.x_label = "update step";
  chart.y_label = "normalized score (x100)";
  chart.x = band.steps;
  chart.y = band.mean;
  chart.band_lo = band.lo;
  chart.band_hi = band.hi;
  chart.line_label = "mean of " + std::to_string(band.runs) + (band.runs == 1 ? " seed" : " seeds");
  chart.band_label = "min-max over seeds";
  auto d = std::find_if(summary.datasets.begin(), summary.datasets.end(),
                        [&](const DatasetSummary& s) { return s.dataset == runs.dataset; });
  if (d != summary.datasets.end() && d->golden) {
    chart.reference = d->golden->paper_mean;
    char label[48];
    std::snprintf(label, sizeof label, "paper %.1f", d->golden->paper_mean);
    chart.reference_label = label;
  }
  return chart;
}

struct WrittenCurves {
  std::vector<std::string> files;  // relative to the report directory
  std::string markdown;            // shows them
};

// one PNG per dataset with finished runs, and for AntMaze the final evaluation's steps to the goal
WrittenCurves write_curves(const std::vector<RunRecord>& runs, const Summary& summary, const fs::path& out) {
  WrittenCurves curves;
  for (const DatasetRuns& dataset : group_by_dataset(runs)) {
    const CurveBand band = curve_band(dataset);
    if (band.steps.empty()) continue;
    fs::create_directories(out / "curves");
    const std::string file = "curves/" + dataset.dataset + ".png";
    write_png((out / file).string(), render_line_chart(curve_chart(dataset, band, summary)));
    curves.files.push_back(file);
    curves.markdown += "![" + dataset.dataset + "](" + file + ")\n";
    const std::string steps = write_steps_to_goal_plot(dataset, out);  // AntMaze only
    if (steps.empty()) continue;
    curves.files.push_back(steps);
    curves.markdown += "![" + dataset.dataset + " steps to the goal](" + steps + ")\n";
  }
  return curves;
}

}  // namespace

ReportOutcome write_report(const ReportOptions& options) {
  const std::vector<RunRecord> runs = collect_runs(options.runs_dir);
  const std::vector<GoldenRow> golden = read_golden(options.golden);
  const Summary summary = summarize(runs, golden, options.tolerance, options.bootstrap);
  const fs::path out(options.out);
  fs::create_directories(out);

  ReportOutcome outcome;
  outcome.text = std::string(kScoreDefinition) + "\n\n" + summary_text(summary);
  const WrittenCurves curves = write_curves(runs, summary, out);
  std::string markdown = "# IQL results\n\n" + outcome.text;
  if (!curves.files.empty()) {
    markdown += "## Learning curves\n\nMean over the finished seeds (line) and their min-max (band), on the "
                "evaluation steps every seed shares; dashed: the paper's final score. AntMaze datasets also show "
                "the steps each episode of the final evaluation took to reach the goal (dashed: the time limit, "
                "where an episode that never reached it ends).\n\n" + curves.markdown;
  }
  write_text(out / "report.md", markdown);
  write_text(out / "scores.csv", scores_csv(summary));
  write_text(out / "suites.csv", suites_csv(summary));
  std::vector<std::string> written = {"report.md", "scores.csv", "suites.csv"};
  written.insert(written.end(), curves.files.begin(), curves.files.end());
  outcome.removed = replace_report_files(options.out, written);
  outcome.failures = count_failures(summary);
  return outcome;
}

}  // namespace harness
