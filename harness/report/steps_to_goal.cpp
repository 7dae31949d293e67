#include "harness/report/steps_to_goal.h"

#include <algorithm>
#include <vector>

#include "harness/data/registry.h"
#include "harness/report/drawing.h"
#include "harness/report/figure.h"
#include "harness/report/line_chart.h"
#include "harness/report/number_format.h"
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
  chart.references.push_back({static_cast<double>(dataset_env(*info).max_steps), "time limit", kBehaviourGray});
}

LineChart steps_chart(const DatasetRuns& runs, const std::vector<std::vector<int>>& steps) {
  Series mean{"mean of " + counted(static_cast<long long>(steps.size()), "seed"), series_color(0),
              {}, {}, {}, {}, "min-max over seeds"};
  for (size_t e = 0; e < steps[0].size(); ++e) {
    double sum = 0, lo = steps[0][e], hi = steps[0][e];
    for (const std::vector<int>& run : steps) {
      sum += run[e];
      lo = std::min<double>(lo, run[e]);
      hi = std::max<double>(hi, run[e]);
    }
    mean.x.push_back(static_cast<double>(e + 1));
    mean.y.push_back(sum / static_cast<double>(steps.size()));
    mean.band_lo.push_back(lo);
    mean.band_hi.push_back(hi);
  }
  LineChart chart{runs.dataset + ": steps to the goal, final evaluation", "evaluation episode", "steps", {mean}, {}, {}, {}};
  mark_time_limit(runs.dataset, chart);
  return chart;
}

}  // namespace

std::vector<std::string> write_steps_to_goal_plot(const DatasetRuns& runs, const std::string& out) {
  if (runs.suite != "antmaze") return {};
  const std::vector<std::vector<int>> steps = episode_steps(runs);
  if (steps.empty()) return {};
  const LineChart chart = steps_chart(runs, steps);
  const FigureSize size;
  return write_figure(out, "curves/" + runs.dataset + "-steps-to-goal", size,
                      [&](cairo_t* cr) { draw_line_chart(cr, chart, size); });
}

}  // namespace harness
