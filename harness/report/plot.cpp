#include "harness/report/plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "autodiff/error.h"
#include "harness/report/font.h"

namespace harness {
namespace {

constexpr Color kWhite = {255, 255, 255};
constexpr Color kInk = {0, 0, 0};
constexpr Color kGrid = {225, 225, 225};
constexpr Color kLine = {31, 119, 180};        // blue
constexpr Color kReference = {214, 39, 40};    // red
constexpr double kBandAlpha = 0.25;
constexpr int kTextScale = 2;
constexpr int kTickLength = 6;
constexpr int kXTickTarget = 5;
constexpr int kYTickTarget = 6;
constexpr size_t kMaxMarkers = 40;
constexpr int kCapHeight = kGlyphAscent * kTextScale;  // what to centre on: descenders hang below

// where the axes sit inside the canvas, and the data -> pixel maps
struct Frame {
  int left, top, right, bottom;  // pixel bounds of the plot area
  Ticks x, y;

  double px(double value) const { return left + (value - x.lo) / (x.hi - x.lo) * (right - left); }
  double py(double value) const { return bottom - (value - y.lo) / (y.hi - y.lo) * (bottom - top); }
};

void check_series(const LineChart& chart) {
  if (chart.x.empty()) throw autodiff::Error("line chart '" + chart.title + "': no points to draw");
  auto check = [&](const std::vector<double>& series, const char* name, bool optional) {
    if (optional && series.empty()) return;
    if (series.size() != chart.x.size()) {
      throw autodiff::Error("line chart '" + chart.title + "': " + name + " has " + std::to_string(series.size()) +
                            " values but x has " + std::to_string(chart.x.size()));
    }
  };
  check(chart.y, "y", false);
  check(chart.band_lo, "band_lo", true);
  check(chart.band_hi, "band_hi", true);
}

// the data's y range, with the reference line and 0 (the random policy's score) in view
std::pair<double, double> y_range(const LineChart& chart) {
  double lo = 0, hi = 0;
  for (const std::vector<double>* series : {&chart.y, &chart.band_lo, &chart.band_hi}) {
    for (double v : *series) lo = std::min(lo, v), hi = std::max(hi, v);
  }
  if (chart.reference) lo = std::min(lo, *chart.reference), hi = std::max(hi, *chart.reference);
  return {lo, hi};
}

Frame make_frame(const LineChart& chart, int width, int height) {
  Frame f;
  f.left = 100;
  f.top = 50;
  f.right = width - 30;
  f.bottom = height - 110;  // room for tick labels, the x label and the legend
  f.x = nice_ticks(chart.x.front(), chart.x.back(), kXTickTarget);
  const auto [lo, hi] = y_range(chart);
  f.y = nice_ticks(lo, hi, kYTickTarget);
  return f;
}

void draw_grid_and_axes(Canvas& c, const Frame& f) {
  for (double v : f.y.values) c.line({double(f.left), f.py(v)}, {double(f.right), f.py(v)}, kGrid);
  c.line({double(f.left), double(f.bottom)}, {double(f.right), double(f.bottom)}, kInk);
  c.line({double(f.left), double(f.top)}, {double(f.left), double(f.bottom)}, kInk);
  for (double v : f.x.values) {
    const int x = static_cast<int>(std::lround(f.px(v)));
    c.line({double(x), double(f.bottom)}, {double(x), double(f.bottom + kTickLength)}, kInk);
    const std::string label = tick_label(v, f.x);
    c.text(x - text_width(label, kTextScale) / 2, f.bottom + kTickLength + 4, label, kInk, kTextScale);
  }
  for (double v : f.y.values) {
    const int y = static_cast<int>(std::lround(f.py(v)));
    c.line({double(f.left - kTickLength), double(y)}, {double(f.left), double(y)}, kInk);
    const std::string label = tick_label(v, f.y);
    c.text(f.left - kTickLength - 4 - text_width(label, kTextScale), y - kCapHeight / 2, label, kInk, kTextScale);
  }
}

void draw_labels(Canvas& c, const Frame& f, const LineChart& chart) {
  const int h = text_height(kTextScale);
  c.text((f.left + f.right - text_width(chart.title, kTextScale)) / 2, (f.top - kCapHeight) / 2, chart.title, kInk, kTextScale);
  c.text((f.left + f.right - text_width(chart.x_label, kTextScale)) / 2, f.bottom + kTickLength + h + 16,
         chart.x_label, kInk, kTextScale);
  c.vertical_text(12, (f.top + f.bottom + text_width(chart.y_label, kTextScale)) / 2, chart.y_label, kInk, kTextScale);
}

void draw_band(Canvas& c, const Frame& f, const LineChart& chart) {
  if (chart.band_lo.empty()) return;
  std::vector<Point> polygon;  // along the top edge, back along the bottom one
  for (size_t i = 0; i < chart.x.size(); ++i) polygon.push_back({f.px(chart.x[i]), f.py(chart.band_hi[i])});
  for (size_t i = chart.x.size(); i-- > 0;) polygon.push_back({f.px(chart.x[i]), f.py(chart.band_lo[i])});
  if (chart.x.size() == 1) {  // one evaluation: a short vertical bar instead of an empty polygon
    c.line(polygon[0], polygon[1], kLine, 3);
    return;
  }
  c.fill_polygon(polygon, kLine, kBandAlpha);
}

void draw_line(Canvas& c, const Frame& f, const LineChart& chart) {
  for (size_t i = 0; i + 1 < chart.x.size(); ++i) {
    c.line({f.px(chart.x[i]), f.py(chart.y[i])}, {f.px(chart.x[i + 1]), f.py(chart.y[i + 1])}, kLine, 2);
  }
  if (chart.x.size() > kMaxMarkers) return;
  for (size_t i = 0; i < chart.x.size(); ++i) {  // a dot per evaluation, while they stay apart
    const int x = static_cast<int>(std::lround(f.px(chart.x[i])));
    const int y = static_cast<int>(std::lround(f.py(chart.y[i])));
    c.fill_rect(x - 2, y - 2, x + 2, y + 2, kLine);
  }
}

void dashed_line(Canvas& c, Point from, Point to, Color color) {
  constexpr double kDash = 8, kGap = 6;
  for (double x = from.x; x < to.x; x += kDash + kGap) c.line({x, from.y}, {std::min(x + kDash, to.x), to.y}, color, 2);
}

void draw_reference(Canvas& c, const Frame& f, const LineChart& chart) {
  if (!chart.reference) return;
  const double y = f.py(*chart.reference);
  dashed_line(c, {double(f.left), y}, {double(f.right), y}, kReference);
}

// one row under the x label: a swatch and a label per entry
void draw_legend(Canvas& c, const Frame& f, const LineChart& chart, int height) {
  const int h = text_height(kTextScale);
  const int y = height - h - 14;
  int x = f.left;
  auto entry = [&](const std::string& label, auto draw_swatch) {
    if (label.empty()) return;
    draw_swatch(x, y + kCapHeight / 2);
    c.text(x + 34, y, label, kInk, kTextScale);
    x += 34 + text_width(label, kTextScale) + 30;
  };
  entry(chart.line_label, [&](int sx, int sy) { c.line({double(sx), double(sy)}, {sx + 26.0, double(sy)}, kLine, 2); });
  if (!chart.band_lo.empty()) {
    entry(chart.band_label, [&](int sx, int sy) { c.fill_rect(sx, sy - 6, sx + 26, sy + 6, kLine, kBandAlpha); });
  }
  if (chart.reference) {
    entry(chart.reference_label, [&](int sx, int sy) { dashed_line(c, {double(sx), double(sy)}, {sx + 26.0, double(sy)}, kReference); });
  }
}

}  // namespace

Ticks nice_ticks(double data_lo, double data_hi, int target) {
  if (data_hi < data_lo) std::swap(data_lo, data_hi);
  if (data_hi == data_lo) {  // a flat series still gets an axis around it
    const double pad = data_lo == 0 ? 1 : std::fabs(data_lo) * 0.1;
    data_lo -= pad;
    data_hi += pad;
  }
  const double raw = (data_hi - data_lo) / std::max(target, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  Ticks t;
  t.step = 10 * magnitude;
  for (double m : {1.0, 2.0, 5.0}) {
    if (m * magnitude >= raw) {
      t.step = m * magnitude;
      break;
    }
  }
  t.lo = std::floor(data_lo / t.step) * t.step;
  t.hi = std::ceil(data_hi / t.step) * t.step;
  const int count = static_cast<int>(std::lround((t.hi - t.lo) / t.step));
  for (int i = 0; i <= count; ++i) t.values.push_back(t.lo + i * t.step);
  return t;
}

std::string tick_label(double value, const Ticks& ticks) {
  const double largest = std::max(std::fabs(ticks.lo), std::fabs(ticks.hi));
  const double unit = largest >= 1e6 ? 1e6 : largest >= 1e4 ? 1e3 : 1;
  const char* suffix = unit == 1e6 ? "M" : unit == 1e3 ? "k" : "";
  // a step of d x 10^k in the unit needs max(0, -k) decimals
  const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(ticks.step / unit) + 1e-9)));
  if (std::fabs(value) < ticks.step * 1e-9) return "0";
  char text[40];
  std::snprintf(text, sizeof text, "%.*f%s", decimals, value / unit, suffix);
  return text;
}

Canvas render_line_chart(const LineChart& chart, int width, int height) {
  check_series(chart);
  Canvas canvas(width, height, kWhite);
  const Frame frame = make_frame(chart, width, height);
  draw_grid_and_axes(canvas, frame);
  draw_band(canvas, frame, chart);
  draw_reference(canvas, frame, chart);
  draw_line(canvas, frame, chart);
  draw_labels(canvas, frame, chart);
  draw_legend(canvas, frame, chart, height);
  return canvas;
}

}  // namespace harness
