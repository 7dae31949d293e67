// Any logged metric of several runs over their updates, one line per run: what `iql plot` draws to
// look inside training (the advantage weights' effective sample size, mean Q, a loss) beside the
// score, e.g. for a sweep of one hyperparameter.
#pragma once
#include <string>
#include <vector>

#include "harness/report/line_chart.h"

namespace harness {

struct LabelledRun {
  std::string run_dir;  // holds metrics.jsonl
  std::string label;    // its legend entry
};

/// "DIR=LABEL" -> {DIR, LABEL}; a bare "DIR" is labelled with its own path.
LabelledRun labelled_run(const std::string& text);

/// The chart of `metric` (a metrics.jsonl key, e.g. "weight_ess") over "step" for each run, from the
/// lines that have it. Throws naming the run when none of its lines has the key, listing the keys it has.
LineChart metric_chart(const std::vector<LabelledRun>& runs, const std::string& metric);

}  // namespace harness
