#include "harness/report/metric_chart.h"

#include <set>

#include "autodiff/error.h"
#include "harness/run/metrics_log.h"

namespace harness {
namespace {

// the keys a run's lines have, for the message when the asked one is missing
std::string keys_of(const std::vector<Json>& lines) {
  std::set<std::string> keys;
  for (const Json& line : lines)
    for (const auto& item : line.items()) keys.insert(item.key());
  std::string text;
  for (const std::string& k : keys) text += (text.empty() ? "" : ", ") + k;
  return text;
}

Series series_of(const LabelledRun& run, const std::string& metric, size_t index) {
  const std::string path = run.run_dir + "/metrics.jsonl";
  const std::vector<Json> lines = read_metrics(path);
  Series s;
  s.label = run.label;
  s.color = series_color(index);
  for (const Json& line : lines) {
    if (line.count(metric) == 0 || line.count("step") == 0) continue;
    s.x.push_back(json_number(line, "step", 0));
    s.y.push_back(json_number(line, metric, 0));
  }
  if (s.x.empty()) throw autodiff::Error(path + " has no '" + metric + "' in any line; its keys: " + keys_of(lines));
  return s;
}

}  // namespace

LabelledRun labelled_run(const std::string& text) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos) return {text, text};
  return {text.substr(0, eq), text.substr(eq + 1)};
}

LineChart metric_chart(const std::vector<LabelledRun>& runs, const std::string& metric) {
  LineChart chart;
  chart.title = metric;
  chart.x_label = "updates";
  chart.y_label = metric;
  for (size_t i = 0; i < runs.size(); ++i) chart.series.push_back(series_of(runs[i], metric, i));
  return chart;
}

}  // namespace harness
