// iql plot RUN[=LABEL]... --metric KEY [--metric KEY ...] --out DIR [--title TEXT]
// One chart per metrics.jsonl key, a line per run over its updates: a look inside training (the
// advantage weights' spread, mean Q and V, losses) beside the score, e.g. across a sweep.
#include <cstdio>
#include <memory>

#include "harness/cli/commands.h"
#include "harness/cli/path_option.h"
#include "harness/report/figure.h"
#include "harness/report/metric_chart.h"

namespace harness {
namespace {

struct PlotCommand {
  std::vector<std::string> runs;
  std::vector<std::string> metrics;
  std::string out;
  std::string title;
};

void run_plot(const PlotCommand& c) {
  std::vector<LabelledRun> runs;
  for (const std::string& text : c.runs) runs.push_back(labelled_run(text));
  for (const std::string& metric : c.metrics) {
    LineChart chart = metric_chart(runs, metric);
    if (!c.title.empty()) chart.title = c.title + ": " + metric;
    const FigureSize size;
    const std::vector<std::string> files =
        write_figure(c.out, metric, size, [&](cairo_t* cr) { draw_line_chart(cr, chart, size); });
    std::printf("%s/%s\n", c.out.c_str(), files.front().c_str());
  }
}

}  // namespace

void add_plot_command(CLI::App& app) {
  auto c = std::make_shared<PlotCommand>();
  CLI::App* cmd = app.add_subcommand("plot", "Chart any logged metric (metrics.jsonl key) of several runs over their updates");
  cmd->add_option("runs", c->runs, "run directories, each optionally DIR=LABEL for its legend entry")->required();
  cmd->add_option("--metric", c->metrics, "a metrics.jsonl key, e.g. normalized_score, weight_ess, mean_q (repeatable)")
      ->required();
  add_output_dir(*cmd, "--out", c->out, "directory for METRIC.png and METRIC.svg")->required();
  cmd->add_option("--title", c->title, "title before each chart's metric");
  cmd->callback([c] { run_plot(*c); });
}

}  // namespace harness
