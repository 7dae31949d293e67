// What every chart of the report draws the same way through cairo: colours, text in DejaVu Sans
// (cairo's toy font API, which asks fontconfig), lines, bands, the plot frame with its ticks, grid
// and axis labels, and the legend. Coordinates are points, y down (see figure.h).
#pragma once
#include <string>
#include <vector>

#include <cairo.h>

#include "harness/report/figure.h"
#include "harness/report/ticks.h"

namespace harness {

struct Rgb {
  double r = 0;
  double g = 0;
  double b = 0;
};

inline constexpr Rgb kInk = {0.1, 0.1, 0.1};
inline constexpr Rgb kPaperRed = {0.84, 0.15, 0.16};       // the published score
inline constexpr Rgb kBehaviourGray = {0.45, 0.45, 0.45};  // the policy that collected the data
inline constexpr Rgb kBoundaryBlack = {0.1, 0.1, 0.1};      // where a run's next phase begins
inline constexpr double kBandAlpha = 0.2;

/// The colour of the i-th series (matplotlib's tab10 order, skipping its red: red is the paper's).
Rgb series_color(size_t i);

struct Point {
  double x = 0;
  double y = 0;
};

enum class Anchor { start, middle, end };  // where (x, y) sits along the text

/// Draws `text` with its baseline through y; `upward` turns it 90 degrees to read bottom to top.
void draw_text(cairo_t* cr, Point at, const std::string& text, double size, Anchor anchor = Anchor::start,
               bool upward = false);

/// The advance width of `text` at `size` points.
double text_width(cairo_t* cr, const std::string& text, double size);

/// A line through `points`, `width` points wide; dashed for reference levels.
void stroke_polyline(cairo_t* cr, const std::vector<Point>& points, Rgb color, double width, bool dashed = false);

/// Fills the polygon (a band: along its top edge, back along its bottom one) translucently.
void fill_polygon(cairo_t* cr, const std::vector<Point>& polygon, Rgb color, double alpha = kBandAlpha);

/// A filled circle.
void fill_dot(cairo_t* cr, Point centre, double radius, Rgb color);

/// The plot area in the figure and its data -> point maps.
struct Frame {
  double left = 0, top = 0, right = 0, bottom = 0;
  Ticks x, y;

  double px(double value) const { return left + (value - x.lo) / (x.hi - x.lo) * (right - left); }
  double py(double value) const { return bottom - (value - y.lo) / (y.hi - y.lo) * (bottom - top); }
};

/// The frame's margins: room for the title, tick labels, axis labels and `legend_rows` of legend.
Frame make_frame(const FigureSize& size, double left_margin, int legend_rows, Ticks x, Ticks y);

/// The title, centred over the plot area.
void draw_title(cairo_t* cr, const Frame& f, const std::string& title);
/// The bottom axis: line, ticks with labels, vertical grid lines, and its label below.
void draw_x_axis(cairo_t* cr, const Frame& f, const std::string& label);
/// The left axis: line, ticks with labels, horizontal grid lines, and its label reading upwards.
void draw_y_axis(cairo_t* cr, const Frame& f, const std::string& label);

enum class Swatch { line, dashed, band, dot_interval };

struct LegendEntry {
  std::string label;
  Rgb color;
  Swatch swatch = Swatch::line;
};

/// The legend rows `entries` need beside a frame `left_margin` from the figure's left edge
/// (make_frame reserves them).
int legend_rows(cairo_t* cr, const std::vector<LegendEntry>& entries, const FigureSize& size, double left_margin);

/// The entries in rows at the foot of the figure, from the frame's left edge, wrapping before its
/// right edge.
void draw_legend(cairo_t* cr, const Frame& f, const FigureSize& size, const std::vector<LegendEntry>& entries);

}  // namespace harness
