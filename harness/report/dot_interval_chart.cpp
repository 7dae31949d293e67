#include "harness/report/dot_interval_chart.h"

#include <algorithm>

#include "autodiff/error.h"

namespace harness {
namespace {

constexpr double kRowLabelFont = 12;
constexpr int kXTickTarget = 6;
constexpr int kBaseHeight = 170;  // title, axis and legend
constexpr int kRowHeight = 40;

void check_rows(const DotIntervalChart& chart) {
  if (chart.rows.empty()) throw autodiff::Error("dot chart '" + chart.title + "': no rows to draw");
  bool any = false;
  for (const DotRow& row : chart.rows) {
    if (row.marks.size() != chart.methods.size()) {
      throw autodiff::Error("dot chart '" + chart.title + "', row '" + row.label + "': " +
                            std::to_string(row.marks.size()) + " marks for " + std::to_string(chart.methods.size()) +
                            " methods");
    }
    any = any || std::any_of(row.marks.begin(), row.marks.end(), [](const auto& m) { return m.has_value(); });
  }
  if (!any) throw autodiff::Error("dot chart '" + chart.title + "': no row has a score");
}

// the x range of every mark and its interval, with 0 (the random policy's score) in view
Ticks score_ticks(const DotIntervalChart& chart) {
  double lo = 0, hi = 0;
  for (const DotRow& row : chart.rows) {
    for (const std::optional<DotMark>& m : row.marks) {
      if (!m) continue;
      lo = std::min({lo, m->value, m->interval.lo});
      hi = std::max({hi, m->value, m->interval.hi});
    }
  }
  return nice_ticks(lo, hi, kXTickTarget);
}

// the left margin fits the longest dataset name
double row_label_margin(cairo_t* cr, const DotIntervalChart& chart) {
  double widest = 0;
  for (const DotRow& row : chart.rows) widest = std::max(widest, text_width(cr, row.label, kRowLabelFont));
  return widest + 20;
}

// row r's band spans y ticks [rows - r - 1, rows - r]; method m sits at its own offset inside it
double mark_y(const Frame& f, size_t rows, size_t r, size_t m, size_t methods) {
  const double inside = (static_cast<double>(m) + 1) / (static_cast<double>(methods) + 1);
  return f.py(static_cast<double>(rows - r) - inside);
}

void draw_row(cairo_t* cr, const Frame& f, const DotIntervalChart& chart, size_t r) {
  const DotRow& row = chart.rows[r];
  const size_t rows = chart.rows.size();
  draw_text(cr, {f.left - 8, f.py(static_cast<double>(rows - r) - 0.5) + 4}, row.label, kRowLabelFont, Anchor::end);
  for (size_t m = 0; m < row.marks.size(); ++m) {
    if (!row.marks[m]) continue;
    const DotMark& mark = *row.marks[m];
    const double y = mark_y(f, rows, r, m, chart.methods.size());
    const Rgb color = chart.methods[m].color;
    stroke_polyline(cr, {{f.px(mark.interval.lo), y}, {f.px(mark.interval.hi), y}}, color, 2);
    fill_dot(cr, {f.px(mark.value), y}, 4.5, color);
  }
}

}  // namespace

FigureSize dot_interval_size(size_t rows) {
  return {800, kBaseHeight + kRowHeight * static_cast<int>(rows)};
}

void draw_dot_interval_chart(cairo_t* cr, const DotIntervalChart& chart, const FigureSize& size) {
  check_rows(chart);
  std::vector<LegendEntry> legend;
  for (const DotMethod& m : chart.methods) legend.push_back({m.label, m.color, Swatch::dot_interval});
  const double left = row_label_margin(cr, chart);
  const Ticks rows = {0, static_cast<double>(chart.rows.size()), 1, {}};  // no grid between rows
  const Frame f = make_frame(size, left, legend_rows(cr, legend, size, left), score_ticks(chart), rows);
  draw_x_axis(cr, f, chart.x_label);
  stroke_polyline(cr, {{f.left, f.top}, {f.left, f.bottom}}, kInk, 1);
  for (size_t r = 0; r < chart.rows.size(); ++r) draw_row(cr, f, chart, r);
  draw_title(cr, f, chart.title);
  draw_legend(cr, f, size, legend);
}

}  // namespace harness
