// A dot-and-interval chart (the overview of a suite): one row per dataset, and in each row a dot per
// method (IQL, BC, the behaviour policy, the paper) at its score with a horizontal line over its
// interval; the methods sit at fixed offsets inside a row so they never hide each other.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "harness/report/drawing.h"
#include "harness/report/figure.h"
#include "harness/report/stats.h"

namespace harness {

struct DotMark {
  double value = 0;
  Interval interval;  // lo == hi: a dot without a line
};

struct DotRow {
  std::string label;                   // the dataset
  std::vector<std::optional<DotMark>> marks;  // one per method, in the chart's order; nullopt = unknown
};

struct DotMethod {
  std::string label;  // legend entry, e.g. "IQL: mean ± std over seeds"
  Rgb color;
};

struct DotIntervalChart {
  std::string title;
  std::string x_label;
  std::vector<DotMethod> methods;
  std::vector<DotRow> rows;  // top to bottom
};

/// The figure size that gives every row room: the height grows with the number of rows.
FigureSize dot_interval_size(size_t rows);

/// Draws `chart` on a figure of `size`; throws autodiff::Error when there are no rows, a row's marks
/// do not match the methods, or no row has a mark.
void draw_dot_interval_chart(cairo_t* cr, const DotIntervalChart& chart, const FigureSize& size);

}  // namespace harness
