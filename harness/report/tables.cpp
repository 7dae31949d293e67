#include "harness/report/tables.h"

#include <algorithm>

#include "harness/report/number_format.h"

namespace harness {
namespace {

// "6.0" in CSV: three decimals keep the per-seed precision a script could want
std::string csv_number(double value) { return fixed(value, 3); }

// "3 seeds" when every nonzero count is the same, else `differing` (which says where to look)
std::string common_count(const std::vector<int>& counts, const std::string& noun, const std::string& differing) {
  int common = -1;
  for (int count : counts) {
    if (count == 0) continue;
    if (common >= 0 && count != common) return differing;
    common = count;
  }
  return common < 0 ? "N " + noun + "s" : counted(common, noun);
}

std::string seeds_phrase(const Summary& summary, MethodScores DatasetSummary::*method, const std::string& column) {
  std::vector<int> seeds;
  for (const DatasetSummary& d : summary.datasets) seeds.push_back((d.*method).seeds);
  return common_count(seeds, "seed", "N seeds (column " + column + ")");
}

std::string episodes_phrase(const Summary& summary) {
  std::vector<int> episodes;
  for (const DatasetSummary& d : summary.datasets) episodes.push_back(d.behaviour ? d.behaviour->episodes : 0);
  return common_count(episodes, "episode", "its episodes");
}

bool has_runs(const MethodScores& m) { return m.seeds > 0 || m.incomplete > 0; }

// a dataset is a row of the markdown tables when it has runs of either method, finished or not
bool was_run(const DatasetSummary& d) { return has_runs(d.iql) || has_runs(d.bc); }

// the per-dataset table sets BC beside IQL when any row has BC runs, and the behaviour policy when
// any row has its score
struct Comparisons {
  bool bc = false;
  bool behaviour = false;
  bool data_behaviour = false;  // a behaviour scored on the data's own episodes (a mixture)
  bool published = false;  // the paper's and CORL's numbers: only beside runs on the paper's datasets
  bool any() const { return bc || behaviour; }
};

Comparisons comparisons(const Summary& summary) {
  Comparisons c;
  for (const DatasetSummary& d : summary.datasets) {
    if (!was_run(d)) continue;
    c.bc = c.bc || has_runs(d.bc);
    c.behaviour = c.behaviour || d.behaviour.has_value();
    c.data_behaviour = c.data_behaviour || (d.behaviour && d.behaviour->of_data);
    c.published = c.published || d.golden.has_value();
  }
  return c;
}

std::string plus_minus_cell(double mean, double std) { return fixed(mean) + " ± " + fixed(std); }

std::string method_cell(const MethodScores& m) {
  if (m.seeds == 0) return has_runs(m) ? "no finished runs" : "–";
  if (m.seeds == 1) return fixed(m.mean) + " ± –";
  return plus_minus_cell(m.mean, m.std);
}

std::string behaviour_cell(const DatasetSummary& d) {
  if (!d.behaviour) return "–";
  return plus_minus_cell(d.behaviour->mean, d.behaviour->std) + (d.behaviour->of_data ? " (its data's episodes)" : "");
}

// the published columns: the paper's mean ± std, CORL's last and best
std::vector<std::string> published_cells(const DatasetSummary& d) {
  if (!d.golden) return {"–", "–", "–"};
  return {plus_minus_cell(d.golden->paper_mean, d.golden->paper_std), fixed(d.golden->corl_last, 2),
          fixed(d.golden->corl_best, 2)};
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

void append(std::vector<std::string>& cells, const std::vector<std::string>& more) {
  cells.insert(cells.end(), more.begin(), more.end());
}

std::vector<std::string> scores_header(const Summary& summary, Comparisons compare) {
  const std::string score = "final score, D4RL-normalised x100, mean ± std over ";
  std::vector<std::string> cells = {"dataset"};
  if (compare.any()) {
    append(cells, {"IQL (ours): " + score + seeds_phrase(summary, &DatasetSummary::iql, "IQL seeds"), "IQL seeds"});
  } else {
    append(cells, {"ours: " + score + seeds_phrase(summary, &DatasetSummary::iql, "seeds"), "seeds"});
  }
  if (compare.bc) {
    append(cells, {"BC (ours): mean ± std over " + seeds_phrase(summary, &DatasetSummary::bc, "BC seeds"), "BC seeds"});
  }
  if (compare.behaviour) cells.push_back("behaviour policy: mean ± std over " + episodes_phrase(summary));
  if (compare.published) append(cells, {"paper (IQL Table 1)", "CORL last", "CORL best", "check"});
  return cells;
}

std::vector<std::string> scores_row(const DatasetSummary& d, Comparisons compare) {
  std::vector<std::string> cells = {d.dataset, method_cell(d.iql), std::to_string(d.iql.seeds)};
  if (compare.bc) append(cells, {method_cell(d.bc), std::to_string(d.bc.seeds)});
  if (compare.behaviour) cells.push_back(behaviour_cell(d));
  if (compare.published) {
    append(cells, published_cells(d));
    cells.push_back(check_cell(d.check));
  }
  return cells;
}

// mean and std of one method for scores.csv: empty without finished runs, std empty for one seed
std::vector<std::string> method_fields(const MethodScores& m) {
  return {m.seeds > 0 ? csv_number(m.mean) : "", m.seeds > 1 ? csv_number(m.std) : ""};
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

bool runs_on_paper_datasets(const Summary& summary) { return comparisons(summary).published; }

std::string markdown_scores_table(const Summary& summary) {
  const Comparisons compare = comparisons(summary);
  std::string text = markdown_header(scores_header(summary, compare));
  for (const DatasetSummary& d : summary.datasets) {
    if (was_run(d)) text += markdown_row(scores_row(d, compare));
  }
  return text;
}

std::string methods_note(const Summary& summary) {
  const Comparisons compare = comparisons(summary);
  std::string note;
  if (compare.bc) {
    note += "BC is IQL's actor trained alone with temperature 0 (every advantage weight 1: behaviour cloning), "
            "on the same grid and seeds. ";
  }
  if (compare.behaviour) {
    note += "The behaviour policy is the one that collected the regenerated dataset, scored over its own episodes "
            "with its sampled actions, as it collected them (golden/regen/manifest.toml), where " +
            std::string(compare.bc ? "IQL and BC act" : "IQL acts") +
            " with the policy's mean; replay and medium-expert datasets have no single behaviour policy (–). ";
  }
  if (compare.data_behaviour) {
    note += "A mixture of policies' data has no single behaviour policy either: its behaviour is the "
            "D4RL-normalised return of the data's own complete episodes (mean ± std over them). ";
  }
  if (compare.any()) note += "The golden check and the suite table are IQL's alone.";
  return note;
}

std::string not_run_text(const Summary& summary) {
  if (!runs_on_paper_datasets(summary)) return "";
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
  const bool published = runs_on_paper_datasets(summary);
  std::string text = markdown_header(
      published ? std::vector<std::string>{"suite", "datasets with runs", "runs", "total over paper datasets (ours)",
                                           "paper total, same datasets", "IQM of all runs [95% CI]"}
                : std::vector<std::string>{"suite", "datasets with runs", "runs", "IQM of all runs [95% CI]"});
  for (const SuiteSummary& s : summary.suites) {
    if (s.datasets_with_runs == 0) continue;
    if (published) {
      text += markdown_row({s.suite, suite_datasets_cell(s), std::to_string(s.runs), total_cell(s, s.total),
                            total_cell(s, s.paper_total), iqm_cell(s)});
    } else {
      text += markdown_row({s.suite, std::to_string(s.datasets_with_runs), std::to_string(s.runs), iqm_cell(s)});
    }
  }
  return text;
}

std::string golden_check_text(const Summary& summary) {
  if (!runs_on_paper_datasets(summary)) {
    return "Nothing to check against the paper: no dataset of these runs is one of its (regenerated datasets "
           "are not D4RL's files, so its numbers are not about them).\n";
  }
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
                              "corl_last", "corl_best", "tolerance", "check", "bc_seeds", "bc_mean", "bc_std",
                              "behaviour_mean", "behaviour_std"});
  for (const DatasetSummary& d : summary.datasets) {
    const bool published = d.golden.has_value();
    auto golden_field = [&](double GoldenRow::*field) { return published ? csv_number((*d.golden).*field) : ""; };
    std::vector<std::string> fields = {d.dataset, d.suite, std::to_string(d.iql.seeds), std::to_string(d.iql.incomplete)};
    append(fields, method_fields(d.iql));
    append(fields, {golden_field(&GoldenRow::paper_mean), golden_field(&GoldenRow::paper_std),
                    golden_field(&GoldenRow::corl_last), golden_field(&GoldenRow::corl_best),
                    published ? csv_number(d.check.tolerance) : "", check_cell(d.check), std::to_string(d.bc.seeds)});
    append(fields, method_fields(d.bc));
    append(fields, {d.behaviour ? csv_number(d.behaviour->mean) : "", d.behaviour ? csv_number(d.behaviour->std) : ""});
    text += csv_row(fields);
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
