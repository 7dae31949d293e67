#include "harness/report/steps_to_goal.h"

#include <algorithm>
#include <vector>

#include "harness/data/registry.h"
#include "harness/report/plot.h"
#include "harness/report/png.h"
#include "harness/run/final_episodes.h"

namespace harness {
namespace {

// each finished run's steps per episode, cut to the episodes every run has; empty when one has none
std::vector<std::vector<int>> episode_steps(const DatasetRuns& runs) {
  std::vector<std::vector<int>> steps;
  size_t common = SIZE_MAX;
  for (const RunRecord* run : runs.finished) {
    steps.push_back(read_final_episode_steps(run->dir + "/" + kFinalEpisodesFile));
    common = std::min(common, steps.back().size());
  }
  if (steps.empty() || common == 0) return {};
  for (std::vector<int>& s : steps) s.resize(common);
  return steps;
}

// the dashed line: the evaluation env's time limit, where an episode that failed ends
void mark_time_limit(const std::string& dataset, LineChart& chart) {
  const std::vector<DatasetInfo>& registry = dataset_registry();
  const auto info = std::find_if(registry.begin(), registry.end(), [&](const DatasetInfo& d) { return d.name == dataset; });
  if (info == registry.end()) return;
  chart.reference = dataset_env(*info).max_steps;
  chart.reference_label = "time limit";
}

LineChart steps_chart(const DatasetRuns& runs, const std::vector<std::vector<int>>& steps) {
  LineChart chart;
  chart.title = runs.dataset + ": steps to the goal, final evaluation";
  chart.x_label = "evaluation episode";
  chart.y_label = "steps";
  for (size_t e = 0; e < steps[0].size(); ++e) {
    double sum = 0, lo = steps[0][e], hi = steps[0][e];
    for (const std::vector<int>& run : steps) {
      sum += run[e];
      lo = std::min<double>(lo, run[e]);
      hi = std::max<double>(hi, run[e]);
    }
    chart.x.push_back(static_cast<double>(e + 1));
    chart.y.push_back(sum / static_cast<double>(steps.size()));
    chart.band_lo.push_back(lo);
    chart.band_hi.push_back(hi);
  }
  chart.line_label = "mean of " + std::to_string(steps.size()) + (steps.size() == 1 ? " seed" : " seeds");
  chart.band_label = "min-max over seeds";
  mark_time_limit(runs.dataset, chart);
  return chart;
}

}  // namespace

std::string write_steps_to_goal_plot(const DatasetRuns& runs, const std::filesystem::path& out) {
  if (runs.suite != "antmaze") return "";
  const std::vector<std::vector<int>> steps = episode_steps(runs);
  if (steps.empty()) return "";
  std::filesystem::create_directories(out / "curves");
  const std::string file = "curves/" + runs.dataset + "-steps-to-goal.png";
  write_png((out / file).string(), render_line_chart(steps_chart(runs, steps)));
  return file;
}

}  // namespace harness
