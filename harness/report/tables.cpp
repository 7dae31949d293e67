#include "harness/report/tables.h"

#include "harness/report/number_format.h"

namespace harness {
namespace {

// "6.0" in CSV: three decimals keep the per-seed precision a script could want
std::string csv_number(double value) { return fixed(value, 3); }

// N when every dataset with runs has the same number of seeds, else "N" with a pointer to the column
std::string seeds_phrase(const Summary& summary) {
  int seeds = -1;
  for (const DatasetSummary& d : summary.datasets) {
    if (d.seeds == 0) continue;
    if (seeds >= 0 && d.seeds != seeds) return "N seeds (column seeds)";
    seeds = d.seeds;
  }
  if (seeds < 0) return "N seeds";
  return counted(seeds, "seed");
}

// a dataset is a row of the markdown tables when it has runs, finished or not
bool was_run(const DatasetSummary& d) { return d.seeds > 0 || d.incomplete > 0; }

std::string ours_cell(const DatasetSummary& d) {
  if (d.seeds == 0) return "no finished runs";
  if (d.seeds == 1) return fixed(d.mean) + " ± –";
  return fixed(d.mean) + " ± " + fixed(d.std);
}

std::string check_cell(const GoldenCheck& c) {
  switch (c.status) {
    case CheckStatus::pass: return "pass";
    case CheckStatus::fail: return "FAIL";
    case CheckStatus::no_runs: return "no runs";
    case CheckStatus::no_golden: return "no golden";
  }
  return "";
}

std::string markdown_row(const std::vector<std::string>& cells) {
  std::string row = "|";
  for (const std::string& cell : cells) row += " " + cell + " |";
  return row + "\n";
}

std::string markdown_header(const std::vector<std::string>& cells) {
  std::string rule = "|";
  for (size_t i = 0; i < cells.size(); ++i) rule += i == 0 ? "---|" : "---:|";
  return markdown_row(cells) + rule + "\n";
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string row;
  for (size_t i = 0; i < fields.size(); ++i) row += (i ? "," : "") + fields[i];
  return row + "\n";
}

// "9 of 9 paper", "0 of 9 paper, 1 other": which datasets the totals cover
std::string suite_datasets_cell(const SuiteSummary& s) {
  std::string text =
      std::to_string(s.paper_datasets_with_runs) + " of " + std::to_string(s.datasets_in_golden) + " paper";
  const int others = s.datasets_with_runs - s.paper_datasets_with_runs;
  return others > 0 ? text + ", " + std::to_string(others) + " other" : text;
}

// the two totals cover the paper datasets with runs: none, no totals
std::string total_cell(const SuiteSummary& s, double total) {
  return s.paper_datasets_with_runs > 0 ? fixed(total) : "–";
}

std::string iqm_cell(const SuiteSummary& s) {
  if (!s.iqm) return "–";
  return fixed(*s.iqm) + " [" + fixed(s.iqm_ci.lo) + ", " + fixed(s.iqm_ci.hi) + "]";
}

}  // namespace

std::string markdown_scores_table(const Summary& summary) {
  std::string text = markdown_header({"dataset", "ours: final score, D4RL-normalised x100, mean ± std over " +
                                                     seeds_phrase(summary),
                                      "seeds", "paper (IQL Table 1)", "CORL last", "CORL best", "check"});
  for (const DatasetSummary& d : summary.datasets) {
    if (!was_run(d)) continue;
    const bool published = d.golden.has_value();
    text += markdown_row({d.dataset, ours_cell(d), std::to_string(d.seeds),
                          published ? fixed(d.golden->paper_mean) + " ± " + fixed(d.golden->paper_std) : "–",
                          published ? fixed(d.golden->corl_last, 2) : "–", published ? fixed(d.golden->corl_best, 2) : "–",
                          check_cell(d.check)});
  }
  return text;
}

std::string not_run_text(const Summary& summary) {
  std::string names;
  int not_run = 0, published = 0;
  for (const DatasetSummary& d : summary.datasets) {
    if (!d.golden) continue;
    ++published;
    if (was_run(d)) continue;
    names += (names.empty() ? "" : ", ") + d.dataset;
    ++not_run;
  }
  if (not_run == 0) return "";
  const std::string count = not_run == published ? std::to_string(published)
                                                 : std::to_string(not_run) + " of the " + std::to_string(published);
  return "not run: " + count + (published == 1 ? " paper dataset (" : " paper datasets (") + names + ")";
}

std::string markdown_suites_table(const Summary& summary) {
  std::string text = markdown_header({"suite", "datasets with runs", "runs", "total over paper datasets (ours)",
                                      "paper total, same datasets", "IQM of all runs [95% CI]"});
  for (const SuiteSummary& s : summary.suites) {
    if (s.datasets_with_runs == 0) continue;
    text += markdown_row({s.suite, suite_datasets_cell(s), std::to_string(s.runs), total_cell(s, s.total),
                          total_cell(s, s.paper_total), iqm_cell(s)});
  }
  return text;
}

std::string golden_check_text(const Summary& summary) {
  std::string text = "Golden check against the paper's mean (" + describe(summary.tolerance) + "):\n\n";
  for (const DatasetSummary& d : summary.datasets) {
    if (was_run(d)) text += "    " + check_line(d.check) + "\n";
  }
  const std::string not_run = not_run_text(summary);
  if (!not_run.empty()) text += "    ----  " + not_run + "\n";
  return text;
}

std::string incomplete_runs_text(const Summary& summary) {
  std::string text;
  for (const RunRecord* run : summary.incomplete) text += "- " + run->dir + ": " + run->why_incomplete + "\n";
  return text;
}

std::string scores_csv(const Summary& summary) {
  std::string text = csv_row({"dataset", "suite", "seeds", "incomplete", "mean", "std", "paper_mean", "paper_std",
                              "corl_last", "corl_best", "tolerance", "check"});
  for (const DatasetSummary& d : summary.datasets) {
    const bool ran = d.seeds > 0;
    const bool published = d.golden.has_value();
    auto golden_field = [&](double GoldenRow::*field) { return published ? csv_number((*d.golden).*field) : ""; };
    text += csv_row({d.dataset, d.suite, std::to_string(d.seeds), std::to_string(d.incomplete),
                     ran ? csv_number(d.mean) : "", d.seeds > 1 ? csv_number(d.std) : "",
                     golden_field(&GoldenRow::paper_mean), golden_field(&GoldenRow::paper_std),
                     golden_field(&GoldenRow::corl_last), golden_field(&GoldenRow::corl_best),
                     published ? csv_number(d.check.tolerance) : "", check_cell(d.check)});
  }
  return text;
}

std::string suites_csv(const Summary& summary) {
  std::string text = csv_row({"suite", "datasets", "runs", "total", "paper_total", "iqm", "iqm_ci_lo", "iqm_ci_hi"});
  for (const SuiteSummary& s : summary.suites) {
    const bool totals = s.paper_datasets_with_runs > 0;
    text += csv_row({s.suite, std::to_string(s.datasets_with_runs), std::to_string(s.runs),
                     totals ? csv_number(s.total) : "", totals ? csv_number(s.paper_total) : "",
                     s.iqm ? csv_number(*s.iqm) : "", s.iqm ? csv_number(s.iqm_ci.lo) : "",
                     s.iqm ? csv_number(s.iqm_ci.hi) : ""});
  }
  return text;
}

}  // namespace harness
