#include "harness/report/line_chart.h"

#include <algorithm>

#include "autodiff/error.h"

namespace harness {
namespace {

constexpr double kLeftMargin = 76;
constexpr int kXTickTarget = 5;
constexpr int kYTickTarget = 6;
constexpr size_t kMaxMarkers = 40;  // a dot per point while they stay apart

void check_series(const LineChart& chart) {
  if (chart.series.empty()) throw autodiff::Error("line chart '" + chart.title + "': no series to draw");
  for (const Series& s : chart.series) {
    auto check = [&](const std::vector<double>& values, const char* name, bool optional) {
      if (optional && values.empty()) return;
      if (values.size() != s.x.size()) {
        throw autodiff::Error("line chart '" + chart.title + "', series '" + s.label + "': " + name + " has " +
                              std::to_string(values.size()) + " values but x has " + std::to_string(s.x.size()));
      }
    };
    if (s.x.empty()) throw autodiff::Error("line chart '" + chart.title + "', series '" + s.label + "': no points");
    check(s.y, "y", false);
    check(s.band_lo, "band_lo", true);
    check(s.band_hi, "band_hi", true);
  }
}

// the data's range in x, and in y with the reference levels and 0 (the random policy's score) in view
Frame fit_frame(const LineChart& chart, const FigureSize& size, int legend_rows) {
  double x_lo = chart.series[0].x.front(), x_hi = x_lo, y_lo = 0, y_hi = 0;
  for (const Series& s : chart.series) {
    x_lo = std::min(x_lo, s.x.front()), x_hi = std::max(x_hi, s.x.back());
    for (const std::vector<double>* values : {&s.y, &s.band_lo, &s.band_hi}) {
      for (double v : *values) y_lo = std::min(y_lo, v), y_hi = std::max(y_hi, v);
    }
  }
  for (const ReferenceLevel& r : chart.references) y_lo = std::min(y_lo, r.y), y_hi = std::max(y_hi, r.y);
  for (const Boundary& b : chart.boundaries) x_lo = std::min(x_lo, b.x), x_hi = std::max(x_hi, b.x);
  Ticks y = chart.y_axis ? *chart.y_axis : nice_ticks(y_lo, y_hi, kYTickTarget);
  return make_frame(size, kLeftMargin, legend_rows, nice_ticks(x_lo, x_hi, kXTickTarget), y);
}

// the points of a series' values; a step function holds each value until the next x
std::vector<Point> trace(const Frame& f, const Series& s, const std::vector<double>& values) {
  std::vector<Point> points;
  for (size_t i = 0; i < s.x.size(); ++i) {
    if (s.steps && i > 0) points.push_back({f.px(s.x[i]), f.py(values[i - 1])});
    points.push_back({f.px(s.x[i]), f.py(values[i])});
  }
  return points;
}

void draw_band(cairo_t* cr, const Frame& f, const Series& s) {
  if (s.band_lo.empty()) return;
  std::vector<Point> polygon = trace(f, s, s.band_hi);
  const std::vector<Point> lower = trace(f, s, s.band_lo);
  polygon.insert(polygon.end(), lower.rbegin(), lower.rend());
  if (s.x.size() == 1) {  // one evaluation: a bar instead of a polygon without area
    stroke_polyline(cr, polygon, s.color, 6);
    return;
  }
  fill_polygon(cr, polygon, s.color);
}

void draw_series_line(cairo_t* cr, const Frame& f, const Series& s) {
  stroke_polyline(cr, trace(f, s, s.y), s.color, 2);
  if (s.steps || s.x.size() > kMaxMarkers) return;
  for (size_t i = 0; i < s.x.size(); ++i) fill_dot(cr, {f.px(s.x[i]), f.py(s.y[i])}, 3, s.color);
}

std::vector<LegendEntry> legend_of(const LineChart& chart) {
  std::vector<LegendEntry> entries;
  for (const Series& s : chart.series) {
    if (!s.label.empty()) entries.push_back({s.label, s.color, Swatch::line});
    if (!s.band_lo.empty() && !s.band_label.empty()) entries.push_back({s.band_label, s.color, Swatch::band});
  }
  for (const ReferenceLevel& r : chart.references) entries.push_back({r.label, r.color, Swatch::dashed});
  for (const Boundary& b : chart.boundaries) entries.push_back({b.label, b.color, Swatch::dashed});
  return entries;
}

}  // namespace

void draw_line_chart(cairo_t* cr, const LineChart& chart, const FigureSize& size) {
  check_series(chart);
  const std::vector<LegendEntry> legend = legend_of(chart);
  const Frame f = fit_frame(chart, size, legend_rows(cr, legend, size, kLeftMargin));
  draw_x_axis(cr, f, chart.x_label);
  draw_y_axis(cr, f, chart.y_label);
  for (const Series& s : chart.series) draw_band(cr, f, s);
  for (const ReferenceLevel& r : chart.references) {
    stroke_polyline(cr, {{f.left, f.py(r.y)}, {f.right, f.py(r.y)}}, r.color, 2, true);
  }
  for (const Boundary& b : chart.boundaries) {
    stroke_polyline(cr, {{f.px(b.x), f.top}, {f.px(b.x), f.bottom}}, b.color, 2, true);
  }
  for (const Series& s : chart.series) draw_series_line(cr, f, s);
  draw_title(cr, f, chart.title);
  draw_legend(cr, f, size, legend);
}

}  // namespace harness
