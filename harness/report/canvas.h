// A small RGB raster for plots: pixels, lines, filled polygons (translucent bands) and text in our
// 5x7 font. Coordinates are pixels, x to the right and y down from the top-left corner; anything
// outside the canvas is clipped. Drawing is integer and double arithmetic only: the same calls give
// the same bytes everywhere.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace harness {

struct Color {
  uint8_t r = 0;
  uint8_t g = 0;
  uint8_t b = 0;
  bool operator==(const Color&) const = default;
};

struct Point {
  double x = 0;
  double y = 0;
};

class Canvas {
 public:
  /// A width x height canvas filled with `background`; throws autodiff::Error unless both are positive.
  Canvas(int width, int height, Color background);

  int width() const { return width_; }
  int height() const { return height_; }
  /// The pixel at (x, y), which must be inside the canvas.
  Color at(int x, int y) const;
  /// Row-major RGB bytes, 3 per pixel, top row first: what a PNG scanline holds.
  const std::vector<uint8_t>& rgb() const { return rgb_; }

  /// Mixes `color` into one pixel with weight `alpha` in [0, 1]; ignored outside the canvas.
  void blend(int x, int y, Color color, double alpha = 1.0);
  /// Fills the pixels x0..x1, y0..y1 (inclusive).
  void fill_rect(int x0, int y0, int x1, int y1, Color color, double alpha = 1.0);
  /// A straight line, `thickness` pixels wide (a square brush stepped along the longer axis).
  void line(Point from, Point to, Color color, int thickness = 1);
  /// Fills the polygon (even-odd rule, pixel centres), each pixel blended once with `alpha`.
  void fill_polygon(const std::vector<Point>& polygon, Color color, double alpha = 1.0);
  /// Draws `text` with its top-left corner at (x, y), each font pixel `scale` x `scale` pixels.
  void text(int x, int y, std::string_view text, Color color, int scale = 1);
  /// Draws `text` turned 90 degrees counter-clockwise (reading upwards) with its bottom-left at (x, y).
  void vertical_text(int x, int y, std::string_view text, Color color, int scale = 1);

 private:
  int width_;
  int height_;
  std::vector<uint8_t> rgb_;
};

/// The width in pixels of `text` drawn at `scale` (no trailing gap).
int text_width(std::string_view text, int scale = 1);
/// The height in pixels of a line of text at `scale`.
int text_height(int scale = 1);

}  // namespace harness
