#include "harness/report/figures.h"

#include <algorithm>
#include <set>

#include "harness/report/dot_interval_chart.h"
#include "harness/report/line_chart.h"
#include "harness/report/number_format.h"
#include "harness/report/performance_profile.h"
#include "harness/report/steps_to_goal.h"

namespace harness {
namespace {

constexpr int kProfilePoints = 201;
constexpr const char* kScoreAxis = "D4RL-normalised score (x100)";

const DatasetSummary* summary_of(const Summary& summary, const std::string& dataset) {
  auto it = std::find_if(summary.datasets.begin(), summary.datasets.end(),
                         [&](const DatasetSummary& d) { return d.dataset == dataset; });
  return it == summary.datasets.end() ? nullptr : &*it;
}

std::vector<const RunRecord*> finished_runs(const std::vector<DatasetRuns>& datasets) {
  std::vector<const RunRecord*> runs;
  for (const DatasetRuns& d : datasets) runs.insert(runs.end(), d.finished.begin(), d.finished.end());
  return runs;
}

// the methods of some runs in a fixed order: IQL first, then the others by name
std::vector<std::string> methods_of(const std::vector<const RunRecord*>& runs) {
  std::set<std::string> names;
  for (const RunRecord* run : runs) names.insert(run->method);
  std::vector<std::string> methods(names.begin(), names.end());
  std::stable_partition(methods.begin(), methods.end(), [](const std::string& m) { return m == kIqlMethod; });
  return methods;
}

// a method keeps its colour in every figure, whichever other methods the figure shows
Rgb method_color(const std::string& method) { return series_color(method == kIqlMethod ? 0 : 1); }

std::vector<double> scores_of(const DatasetRuns& runs, const std::string& method) {
  return final_scores(of_method(runs, method));
}

// "![name](stem.png) ([SVG](stem.svg))": the PNG shown, the vector file a click away
std::string figure_markdown(const std::string& name, const std::vector<std::string>& files) {
  return "![" + name + "](" + files[0] + ") ([SVG](" + files[1] + "))\n\n";
}

void add(WrittenFigures& figures, const std::string& name, const std::vector<std::string>& files) {
  figures.files.insert(figures.files.end(), files.begin(), files.end());
  figures.markdown += figure_markdown(name, files);
}

// ---- learning curves ----

std::vector<ReferenceLevel> reference_levels(const DatasetSummary* d) {
  std::vector<ReferenceLevel> levels;
  if (!d) return levels;
  if (d->golden) levels.push_back({d->golden->paper_mean, "paper " + fixed(d->golden->paper_mean), kPaperRed});
  if (d->behaviour) {
    const std::string name = d->behaviour->of_data ? "data's episodes " : "behaviour ";
    levels.push_back({d->behaviour->mean, name + fixed(d->behaviour->mean), kBehaviourGray});
  }
  return levels;
}

// fine-tune runs: where their online phase begins (one line per distinct boundary step)
std::vector<Boundary> online_boundaries(const DatasetRuns& runs) {
  std::set<int64_t> steps;
  for (const RunRecord* r : runs.finished) {
    if (r->offline_steps > 0) steps.insert(r->offline_steps);
  }
  std::vector<Boundary> boundaries;
  for (int64_t step : steps) {
    boundaries.push_back({static_cast<double>(step), "online from step " + std::to_string(step), kBoundaryBlack});
  }
  return boundaries;
}

// one line and band per method; a method whose seeds share no evaluation step has no line
std::vector<Series> curve_series(const DatasetRuns& runs) {
  std::vector<Series> series;
  for (const std::string& method : methods_of(runs.finished)) {
    const CurveBand band = curve_band(of_method(runs, method));
    if (band.steps.empty()) continue;
    series.push_back({method + ": mean of " + counted(band.runs, "seed"), method_color(method), band.steps, band.mean,
                      band.lo, band.hi, "min-max over seeds"});
  }
  return series;
}

void write_curves(WrittenFigures& figures, const std::vector<DatasetRuns>& groups, const Summary& summary,
                  const std::string& out) {
  for (const DatasetRuns& dataset : groups) {
    std::vector<Series> series = curve_series(dataset);
    if (series.empty()) continue;
    const LineChart chart{dataset.dataset + ": learning curves", "update step", kScoreAxis, std::move(series),
                          reference_levels(summary_of(summary, dataset.dataset)), {}, online_boundaries(dataset)};
    const FigureSize size;
    add(figures, dataset.dataset,
        write_figure(out, "curves/" + dataset.dataset, size, [&](cairo_t* cr) { draw_line_chart(cr, chart, size); }));
    for (const Boundary& b : chart.boundaries) {
      figures.markdown += "Fine-tuning: offline until step " + std::to_string(static_cast<int64_t>(b.x)) +
                          ", online after it (the dashed black line); steps count updates in both phases.\n\n";
    }
    // one method per plot: IQL's, the one checked against the paper
    const std::vector<std::string> steps = write_steps_to_goal_plot(of_method(dataset, kIqlMethod), out);
    if (!steps.empty()) add(figures, dataset.dataset + " steps to the goal", steps);
  }
}

// ---- performance profiles ----

// per method, one stratum per dataset of the suite with finished runs of that method
std::vector<std::vector<double>> method_strata(const std::vector<DatasetRuns>& suite, const std::string& method) {
  std::vector<std::vector<double>> strata;
  for (const DatasetRuns& d : suite) {
    std::vector<double> scores = scores_of(d, method);
    if (!scores.empty()) strata.push_back(std::move(scores));
  }
  return strata;
}

// thresholds over every score of the suite, 0 and 100 (random and expert) included
std::vector<double> suite_taus(const std::vector<DatasetRuns>& suite) {
  double lo = 0, hi = 100;
  for (const DatasetRuns& d : suite) {
    for (const RunRecord* run : d.finished) lo = std::min(lo, run->final_score), hi = std::max(hi, run->final_score);
  }
  const Ticks range = nice_ticks(lo, hi, 5);
  return tau_grid(range.lo, range.hi, kProfilePoints);
}

LineChart profile_chart(const std::string& suite, const std::vector<DatasetRuns>& datasets,
                        const BootstrapOptions& bootstrap) {
  const std::vector<double> taus = suite_taus(datasets);
  const int percent = static_cast<int>(bootstrap.confidence * 100 + 0.5);
  LineChart chart{suite + ": performance profile (final scores, " +
                      counted(static_cast<long long>(datasets.size()), "dataset") + ")",
                  "normalised score threshold tau", "fraction of runs with score > tau", {}, {},
                  Ticks{0, 1, 0.2, {0, 0.2, 0.4, 0.6, 0.8, 1.0}}, {}};
  const std::vector<std::string> methods = methods_of(finished_runs(datasets));
  for (const std::string& method : methods) {
    const Profile p = performance_profile(method_strata(datasets, method), taus, bootstrap);
    chart.series.push_back({method + " (" + counted(p.runs, "run") + ")", method_color(method), p.tau,
                            p.fraction, p.lo, p.hi, std::to_string(percent) + "% stratified bootstrap", true});
  }
  return chart;
}

// the suites in the summary's order, each with its datasets that have finished runs
std::vector<std::pair<std::string, std::vector<DatasetRuns>>> by_suite(const std::vector<DatasetRuns>& groups,
                                                                       const Summary& summary) {
  std::vector<std::pair<std::string, std::vector<DatasetRuns>>> suites;
  for (const SuiteSummary& s : summary.suites) {
    std::vector<DatasetRuns> members;
    for (const DatasetRuns& g : groups) {
      if (g.suite == s.suite && !g.finished.empty()) members.push_back(g);
    }
    if (!members.empty()) suites.emplace_back(s.suite, std::move(members));
  }
  return suites;
}

// ---- overview ----

DotMark plus_minus(double centre, double spread) { return {centre, {centre - spread, centre + spread}}; }

std::optional<DotMark> mean_and_std(const std::vector<double>& scores) {
  if (scores.empty()) return std::nullopt;
  return plus_minus(mean(scores), sample_std(scores));
}

// a method no dataset has a score for (no paper numbers for regenerated sets) stays out of the legend
void drop_methods_without_marks(DotIntervalChart& chart) {
  for (size_t m = chart.methods.size(); m-- > 0;) {
    const bool known = std::any_of(chart.rows.begin(), chart.rows.end(), [m](const DotRow& r) { return r.marks[m].has_value(); });
    if (known) continue;
    chart.methods.erase(chart.methods.begin() + static_cast<std::ptrdiff_t>(m));
    for (DotRow& r : chart.rows) r.marks.erase(r.marks.begin() + static_cast<std::ptrdiff_t>(m));
  }
}

DotIntervalChart overview_chart(const std::string& suite, const std::vector<DatasetRuns>& datasets,
                                const Summary& summary) {
  const std::vector<std::string> methods = methods_of(finished_runs(datasets));
  DotIntervalChart chart{suite + ": final scores per dataset", kScoreAxis, {}, {}};
  for (const std::string& method : methods) chart.methods.push_back({method + ": mean ± std over seeds", method_color(method)});
  chart.methods.push_back({"behaviour policy: mean ± std over episodes", kBehaviourGray});
  chart.methods.push_back({"paper: mean ± std", kPaperRed});
  for (const DatasetRuns& d : datasets) {
    DotRow row{d.dataset, {}};
    for (const std::string& m : methods) row.marks.push_back(mean_and_std(scores_of(d, m)));
    std::optional<DotMark> behaviour_mark, paper_mark;
    const DatasetSummary* s = summary_of(summary, d.dataset);
    if (s && s->behaviour) behaviour_mark = plus_minus(s->behaviour->mean, s->behaviour->std);
    if (s && s->golden) paper_mark = plus_minus(s->golden->paper_mean, s->golden->paper_std);
    row.marks.push_back(behaviour_mark);
    row.marks.push_back(paper_mark);
    chart.rows.push_back(std::move(row));
  }
  drop_methods_without_marks(chart);
  return chart;
}

void write_overview(WrittenFigures& figures, const std::string& suite, const std::vector<DatasetRuns>& datasets,
                    const Summary& summary, const std::string& out) {
  const DotIntervalChart chart = overview_chart(suite, datasets, summary);
  const FigureSize size = dot_interval_size(chart.rows.size());
  add(figures, suite + " overview",
      write_figure(out, "overview/" + suite, size, [&](cairo_t* cr) { draw_dot_interval_chart(cr, chart, size); }));
}

void write_profile(WrittenFigures& figures, const std::string& suite, const std::vector<DatasetRuns>& datasets,
                   const BootstrapOptions& bootstrap, const std::string& out) {
  const LineChart chart = profile_chart(suite, datasets, bootstrap);
  const FigureSize size;
  add(figures, suite + " performance profile",
      write_figure(out, "profiles/" + suite, size, [&](cairo_t* cr) { draw_line_chart(cr, chart, size); }));
}

}  // namespace

WrittenFigures write_figures(const std::vector<RunRecord>& runs, const Summary& summary, const std::string& out) {
  WrittenFigures figures;
  const std::vector<DatasetRuns> groups = group_by_dataset(runs);
  const auto suites = by_suite(groups, summary);
  if (suites.empty()) return figures;
  figures.markdown += "## Overview\n\nEach dataset's final score per method: a dot at the mean, a line over "
                      "± one std (seeds for runs, episodes for the behaviour policy, the published ± for the "
                      "paper).\n\n";
  for (const auto& [suite, datasets] : suites) write_overview(figures, suite, datasets, summary, out);
  figures.markdown += "## Performance profiles\n\nThe fraction of runs (seeds of every dataset in the suite, "
                      "pooled) whose final score is above each threshold tau, with a stratified bootstrap band "
                      "(seeds resampled within each dataset, " + std::to_string(summary.bootstrap.resamples) +
                      " resamples, seed " + std::to_string(summary.bootstrap.seed) + "), as rliable draws them.\n\n";
  for (const auto& [suite, datasets] : suites) write_profile(figures, suite, datasets, summary.bootstrap, out);
  WrittenFigures curves;
  write_curves(curves, groups, summary, out);
  if (curves.files.empty()) return figures;
  figures.files.insert(figures.files.end(), curves.files.begin(), curves.files.end());
  figures.markdown += "## Learning curves\n\nPer method, the mean over the finished seeds (line) and their "
                      "min-max (band), on the evaluation steps every seed shares; dashed: the paper's final score and the "
                      "behaviour policy's score where known. AntMaze datasets also show the steps each episode "
                      "of IQL's final evaluation took to reach the goal (dashed: the time limit, where an episode "
                      "that never reached it ends).\n\n" + curves.markdown;
  return figures;
}

}  // namespace harness
