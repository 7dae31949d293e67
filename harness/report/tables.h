// The report's tables: markdown for people (report.md, stdout) and CSV for scripts (scores.csv,
// suites.csv). Every header says which number it shows: the final score (not the best during
// training), D4RL-normalised x100, mean ± sample std over N seeds (CORL's practice).
// With BC runs or a behaviour score among the rows, the per-dataset table sets IQL, BC and the
// behaviour policy side by side; without, it shows IQL alone ("ours"), as before BC runs existed.
// The markdown shows what was run: a dataset without runs is not a row but a name in one "not run"
// line, and a suite without finished runs is left out. Runs on none of the paper's datasets (the
// regenerated ones) leave out the published columns, the paper's totals and the "not run" line:
// the paper's numbers are not about their data. The CSV files keep a row for every dataset and
// suite, so a script sees the same columns and rows whatever ran.
#pragma once
#include <string>

#include "harness/report/summary.h"

namespace harness {

/// True when some dataset of the golden table (the paper's) has runs of either method.
bool runs_on_paper_datasets(const Summary& summary);

/// The per-dataset markdown table: ours (IQL, and BC and the behaviour policy when known) beside the
/// paper and CORL (when runs_on_paper_datasets), one row per dataset with runs of either method
/// (finished or not).
std::string markdown_scores_table(const Summary& summary);

/// What the BC and behaviour columns of markdown_scores_table are; "" when the table has none.
std::string methods_note(const Summary& summary);

/// "not run: 13 of the 15 paper datasets (halfcheetah-medium-v2, ...)": the golden table's datasets
/// without runs, which the markdown tables leave out; "" when each of them has runs, or none.
std::string not_run_text(const Summary& summary);

/// The per-suite markdown table: total of the dataset means beside the paper's (when
/// runs_on_paper_datasets) and IQM [95% CI] of all runs, one row per suite with finished runs.
std::string markdown_suites_table(const Summary& summary);

/// The golden check: the tolerance rule, one PASS/FAIL line per dataset with runs, then not_run_text;
/// one line saying there is nothing to check when no paper dataset has runs.
std::string golden_check_text(const Summary& summary);

/// The runs left out of every mean, one line each with the reason; "" when there are none.
std::string incomplete_runs_text(const Summary& summary);

/// scores.csv: dataset,suite,seeds,incomplete,mean,std,paper_mean,paper_std,corl_last,corl_best,
/// tolerance,check,bc_seeds,bc_mean,bc_std,behaviour_mean,behaviour_std: IQL's numbers, the golden's,
/// then BC's and the behaviour policy's. Empty fields where there is no number (no runs, not in the
/// golden table, no behaviour score).
std::string scores_csv(const Summary& summary);

/// suites.csv: suite,datasets,runs,total,paper_total,iqm,iqm_ci_lo,iqm_ci_hi.
std::string suites_csv(const Summary& summary);

}  // namespace harness
