// The few lines a person reads in ten seconds after `make run`: the scores of IQL, BC and the
// behaviour as aligned rows, and a verdict computed from them. The long explanations stay in
// report.md.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "harness/report/summary.h"

namespace harness {

struct HeadlineRow {
  std::string name;    // "IQL"
  double mean = 0;     // D4RL-normalised x100
  double std = 0;
  std::string detail;  // "2 seeds x 20,000 updates"
};

/// One line per row, columns aligned: name, "mean ± std", detail.
std::string headline_table(const std::vector<HeadlineRow>& rows);

/// The verdict of IQL against BC and, when given, the behaviour (named `behaviour_name`):
/// "IQL beats BC by 25.3 points (2 seeds each) and the behaviour (the data's episodes) by 17.1."
/// It says when the margin over BC is within the seeds' spread (the sum of the two stds), and
/// "trails" where IQL is below.
std::string verdict_line(const MethodScores& iql, const MethodScores& bc, const std::optional<BehaviourScore>& behaviour,
                         const std::string& behaviour_name);

}  // namespace harness
