// AntMaze's per-episode plot: the steps each episode of the final evaluation took to reach the
// goal, an episode that never reached it counting the time limit; the mean over seeds with the
// min-max band, drawn from each finished run's final_episodes.csv.
#pragma once
#include <string>
#include <vector>

#include "harness/report/runs.h"

namespace harness {

/// Writes curves/<dataset>-steps-to-goal.png and .svg under `out` when `runs` is an AntMaze dataset
/// whose finished runs have their final episodes; returns the files relative to `out` (PNG, SVG), or
/// none when there is nothing to draw. Throws autodiff::Error when a final_episodes.csv cannot be read.
std::vector<std::string> write_steps_to_goal_plot(const DatasetRuns& runs, const std::string& out);

}  // namespace harness
