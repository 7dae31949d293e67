// A line chart: series (a line, optionally over a shaded band), horizontal reference levels (the
// paper's score, the behaviour policy's) and vertical boundaries (where fine-tuning goes online) as
// dashed lines, axes with nice ticks, a title and a legend
// under the axes. The learning curves and the performance profiles are both drawn with it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "harness/report/drawing.h"
#include "harness/report/figure.h"

namespace harness {

struct Series {
  std::string label;            // legend entry of the line
  Rgb color;
  std::vector<double> x;        // increasing
  std::vector<double> y;        // one value per x
  std::vector<double> band_lo;  // the shaded band, one value per x; both empty = no band
  std::vector<double> band_hi;
  std::string band_label;       // legend entry of the band; "" = none
  bool steps = false;           // a step function (a profile): flat until the next x
};

struct ReferenceLevel {
  double y = 0;
  std::string label;
  Rgb color;
};

// a vertical dashed line at x: where a phase begins
struct Boundary {
  double x = 0;
  std::string label;
  Rgb color;
};

struct LineChart {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<Series> series;
  std::vector<ReferenceLevel> references;
  std::optional<Ticks> y_axis;  // a fixed axis (a fraction: 0 to 1); else fitted to the data and 0
  std::vector<Boundary> boundaries;
};

/// Draws `chart` on a figure of `size`; throws autodiff::Error when there is no series, a series is
/// empty, or a series' y or band length differs from its x's.
void draw_line_chart(cairo_t* cr, const LineChart& chart, const FigureSize& size);

}  // namespace harness
