#include "harness/report/drawing.h"

#include <array>
#include <cmath>

namespace harness {
namespace {

constexpr const char* kFontFamily = "DejaVu Sans";  // fonts-dejavu-core; fontconfig substitutes if absent
constexpr double kTickFont = 12;
constexpr double kLabelFont = 13;
constexpr double kTitleFont = 15;
constexpr double kTickLength = 5;
constexpr double kTopMargin = 40;
constexpr double kRightMargin = 24;
constexpr double kBelowAxis = 52;     // tick labels and the axis label under the frame
constexpr double kLegendRow = 22;
constexpr double kSwatchWidth = 26;
constexpr double kEntryGap = 22;      // between one legend entry and the next
constexpr Rgb kGridGray = {0.9, 0.9, 0.9};

void set_color(cairo_t* cr, Rgb c, double alpha = 1) { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha); }

void set_font(cairo_t* cr, double size) {
  cairo_select_font_face(cr, kFontFamily, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

// the width a legend entry takes, its gap to the next included
double entry_width(cairo_t* cr, const LegendEntry& e) {
  return kSwatchWidth + 8 + text_width(cr, e.label, kLabelFont) + kEntryGap;
}

// where each entry's swatch starts: left to right, a new row when the next would pass `right`
std::vector<Point> legend_layout(cairo_t* cr, const std::vector<LegendEntry>& entries, double left, double right,
                                 double first_row) {
  std::vector<Point> at;
  Point next = {left, first_row};
  for (const LegendEntry& e : entries) {
    const double w = entry_width(cr, e);
    if (next.x > left && next.x + w - kEntryGap > right) next = {left, next.y + kLegendRow};
    at.push_back(next);
    next.x += w;
  }
  return at;
}

void draw_swatch(cairo_t* cr, Point at, const LegendEntry& e) {
  const Point from = {at.x, at.y}, to = {at.x + kSwatchWidth, at.y};
  switch (e.swatch) {
    case Swatch::line: stroke_polyline(cr, {from, to}, e.color, 2); break;
    case Swatch::dashed: stroke_polyline(cr, {from, to}, e.color, 2, true); break;
    case Swatch::band:
      fill_polygon(cr, {{from.x, at.y - 6}, {to.x, at.y - 6}, {to.x, at.y + 6}, {from.x, at.y + 6}}, e.color);
      break;
    case Swatch::dot_interval:
      stroke_polyline(cr, {from, to}, e.color, 1.5);
      fill_dot(cr, {at.x + kSwatchWidth / 2, at.y}, 4, e.color);
      break;
  }
}

}  // namespace

Rgb series_color(size_t i) {
  static constexpr std::array<Rgb, 6> kPalette = {{{0.12, 0.47, 0.71},
                                                   {1.0, 0.5, 0.05},
                                                   {0.17, 0.63, 0.17},
                                                   {0.58, 0.40, 0.74},
                                                   {0.55, 0.34, 0.29},
                                                   {0.89, 0.47, 0.76}}};
  return kPalette[i % kPalette.size()];
}

void draw_text(cairo_t* cr, Point at, const std::string& text, double size, Anchor anchor, bool upward) {
  set_font(cr, size);
  const double width = text_width(cr, text, size);
  const double shift = anchor == Anchor::start ? 0 : anchor == Anchor::middle ? -width / 2 : -width;
  cairo_save(cr);
  cairo_translate(cr, at.x, at.y);
  if (upward) cairo_rotate(cr, -M_PI / 2);
  cairo_move_to(cr, shift, 0);
  set_color(cr, kInk);
  cairo_show_text(cr, text.c_str());
  cairo_restore(cr);
}

double text_width(cairo_t* cr, const std::string& text, double size) {
  set_font(cr, size);
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  return extents.x_advance;
}

void stroke_polyline(cairo_t* cr, const std::vector<Point>& points, Rgb color, double width, bool dashed) {
  if (points.empty()) return;
  cairo_save(cr);
  cairo_move_to(cr, points[0].x, points[0].y);
  for (size_t i = 1; i < points.size(); ++i) cairo_line_to(cr, points[i].x, points[i].y);
  const double dash[] = {7, 5};
  cairo_set_dash(cr, dash, dashed ? 2 : 0, 0);
  cairo_set_line_width(cr, width);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  set_color(cr, color);
  cairo_stroke(cr);
  cairo_restore(cr);
}

void fill_polygon(cairo_t* cr, const std::vector<Point>& polygon, Rgb color, double alpha) {
  if (polygon.empty()) return;
  cairo_move_to(cr, polygon[0].x, polygon[0].y);
  for (size_t i = 1; i < polygon.size(); ++i) cairo_line_to(cr, polygon[i].x, polygon[i].y);
  cairo_close_path(cr);
  set_color(cr, color, alpha);
  cairo_fill(cr);
}

void fill_dot(cairo_t* cr, Point centre, double radius, Rgb color) {
  cairo_new_sub_path(cr);
  cairo_arc(cr, centre.x, centre.y, radius, 0, 2 * M_PI);
  set_color(cr, color);
  cairo_fill(cr);
}

Frame make_frame(const FigureSize& size, double left_margin, int legend_rows, Ticks x, Ticks y) {
  Frame f;
  f.left = left_margin;
  f.top = kTopMargin;
  f.right = size.width - kRightMargin;
  f.bottom = size.height - kBelowAxis - kLegendRow * legend_rows - 8;
  f.x = std::move(x);
  f.y = std::move(y);
  return f;
}

void draw_title(cairo_t* cr, const Frame& f, const std::string& title) {
  draw_text(cr, {(f.left + f.right) / 2, f.top - 16}, title, kTitleFont, Anchor::middle);
}

void draw_x_axis(cairo_t* cr, const Frame& f, const std::string& label) {
  for (double v : f.x.values) {
    const double x = f.px(v);
    stroke_polyline(cr, {{x, f.top}, {x, f.bottom}}, kGridGray, 1);
    stroke_polyline(cr, {{x, f.bottom}, {x, f.bottom + kTickLength}}, kInk, 1);
    draw_text(cr, {x, f.bottom + kTickLength + 13}, tick_label(v, f.x), kTickFont, Anchor::middle);
  }
  stroke_polyline(cr, {{f.left, f.bottom}, {f.right, f.bottom}}, kInk, 1);
  draw_text(cr, {(f.left + f.right) / 2, f.bottom + kBelowAxis - 10}, label, kLabelFont, Anchor::middle);
}

void draw_y_axis(cairo_t* cr, const Frame& f, const std::string& label) {
  for (double v : f.y.values) {
    const double y = f.py(v);
    stroke_polyline(cr, {{f.left, y}, {f.right, y}}, kGridGray, 1);
    stroke_polyline(cr, {{f.left - kTickLength, y}, {f.left, y}}, kInk, 1);
    draw_text(cr, {f.left - kTickLength - 4, y + 4}, tick_label(v, f.y), kTickFont, Anchor::end);
  }
  stroke_polyline(cr, {{f.left, f.top}, {f.left, f.bottom}}, kInk, 1);
  draw_text(cr, {18, (f.top + f.bottom) / 2}, label, kLabelFont, Anchor::middle, true);
}

int legend_rows(cairo_t* cr, const std::vector<LegendEntry>& entries, const FigureSize& size, double left_margin) {
  const std::vector<Point> at = legend_layout(cr, entries, left_margin, size.width - kRightMargin, 0);
  return at.empty() ? 0 : static_cast<int>(std::lround(at.back().y / kLegendRow)) + 1;
}

void draw_legend(cairo_t* cr, const Frame& f, const FigureSize& size, const std::vector<LegendEntry>& entries) {
  const double first_row = f.bottom + kBelowAxis + kLegendRow / 2 + 2;
  const std::vector<Point> at = legend_layout(cr, entries, f.left, size.width - kRightMargin, first_row);
  for (size_t i = 0; i < entries.size(); ++i) {
    draw_swatch(cr, at[i], entries[i]);
    draw_text(cr, {at[i].x + kSwatchWidth + 8, at[i].y + 4}, entries[i].label, kLabelFont);
  }
}

}  // namespace harness
