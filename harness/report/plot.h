// A line chart on a Canvas: one line (the mean over seeds) over a shaded band (its spread), an
// optional dashed reference line (the published score), axes with "nice" ticks (1, 2, 5 x 10^k),
// grid lines, a title, axis labels and a legend under the axes. Labels are printable ASCII.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "harness/report/canvas.h"

namespace harness {

struct LineChart {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<double> x;        // increasing
  std::vector<double> y;        // the line, one value per x
  std::vector<double> band_lo;  // the shaded spread, one value per x; both empty = no band
  std::vector<double> band_hi;
  std::string line_label;       // legend entries
  std::string band_label;
  std::optional<double> reference;  // dashed horizontal line, e.g. the paper's mean
  std::string reference_label;
};

/// Draws `chart`; throws autodiff::Error when x is empty or a series' length differs from x's.
Canvas render_line_chart(const LineChart& chart, int width = 800, int height = 500);

/// Axis ticks: `values` from lo to hi (inclusive) every `step`, where [lo, hi] is the data range
/// widened to whole steps and step is 1, 2 or 5 x 10^k giving about `target` intervals.
struct Ticks {
  double lo = 0;
  double hi = 1;
  double step = 1;
  std::vector<double> values;
};

Ticks nice_ticks(double data_lo, double data_hi, int target);

/// A tick's text: "0", "2.5", "200k", "1.5M", with as many decimals as the step needs.
std::string tick_label(double value, const Ticks& ticks);

}  // namespace harness
