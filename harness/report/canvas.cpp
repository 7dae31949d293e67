#include "harness/report/canvas.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "autodiff/error.h"
#include "harness/report/font.h"

namespace harness {

Canvas::Canvas(int width, int height, Color background) : width_(width), height_(height) {
  if (width <= 0 || height <= 0) {
    throw autodiff::Error("Canvas: size " + std::to_string(width) + " x " + std::to_string(height) +
                          " must be positive");
  }
  rgb_.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * 3);
  for (size_t i = 0; i < rgb_.size(); i += 3) {
    rgb_[i] = background.r;
    rgb_[i + 1] = background.g;
    rgb_[i + 2] = background.b;
  }
}

Color Canvas::at(int x, int y) const {
  const size_t i = (static_cast<size_t>(y) * static_cast<size_t>(width_) + static_cast<size_t>(x)) * 3;
  return {rgb_[i], rgb_[i + 1], rgb_[i + 2]};
}

void Canvas::blend(int x, int y, Color color, double alpha) {
  if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
  const size_t i = (static_cast<size_t>(y) * static_cast<size_t>(width_) + static_cast<size_t>(x)) * 3;
  // round to nearest: alpha = 1 writes the colour exactly
  auto mix = [alpha](uint8_t under, uint8_t over) {
    return static_cast<uint8_t>(std::lround(under + alpha * (static_cast<double>(over) - under)));
  };
  rgb_[i] = mix(rgb_[i], color.r);
  rgb_[i + 1] = mix(rgb_[i + 1], color.g);
  rgb_[i + 2] = mix(rgb_[i + 2], color.b);
}

void Canvas::fill_rect(int x0, int y0, int x1, int y1, Color color, double alpha) {
  for (int y = std::max(y0, 0); y <= std::min(y1, height_ - 1); ++y) {
    for (int x = std::max(x0, 0); x <= std::min(x1, width_ - 1); ++x) blend(x, y, color, alpha);
  }
}

void Canvas::line(Point from, Point to, Color color, int thickness) {
  const double dx = to.x - from.x;
  const double dy = to.y - from.y;
  const int steps = std::max(1, static_cast<int>(std::ceil(std::max(std::fabs(dx), std::fabs(dy)))));
  const int before = (thickness - 1) / 2;  // brush pixels above/left of the centre
  for (int i = 0; i <= steps; ++i) {
    const double t = static_cast<double>(i) / steps;
    const int x = static_cast<int>(std::lround(from.x + t * dx)) - before;
    const int y = static_cast<int>(std::lround(from.y + t * dy)) - before;
    fill_rect(x, y, x + thickness - 1, y + thickness - 1, color);
  }
}

void Canvas::fill_polygon(const std::vector<Point>& polygon, Color color, double alpha) {
  if (polygon.size() < 3) return;
  std::vector<double> crossings;
  for (int y = 0; y < height_; ++y) {
    // where the row through the pixel centres crosses the edges; half-open in y so a shared vertex counts once
    const double cy = y + 0.5;
    crossings.clear();
    for (size_t i = 0; i < polygon.size(); ++i) {
      const Point& a = polygon[i];
      const Point& b = polygon[(i + 1) % polygon.size()];
      if ((a.y <= cy) == (b.y <= cy)) continue;
      crossings.push_back(a.x + (cy - a.y) / (b.y - a.y) * (b.x - a.x));
    }
    std::sort(crossings.begin(), crossings.end());
    // fill pixels whose centre lies inside each pair of crossings
    for (size_t k = 0; k + 1 < crossings.size(); k += 2) {
      const int x0 = static_cast<int>(std::ceil(crossings[k] - 0.5));
      const int x1 = static_cast<int>(std::ceil(crossings[k + 1] - 0.5)) - 1;
      for (int x = std::max(x0, 0); x <= std::min(x1, width_ - 1); ++x) blend(x, y, color, alpha);
    }
  }
}

namespace {

// calls ink(column, row) for every inked font pixel of `text`, in glyph coordinates
template <class Ink>
void for_each_ink(std::string_view text, Ink ink) {
  for (size_t i = 0; i < text.size(); ++i) {
    const GlyphRows& rows = glyph(text[i]);
    for (int row = 0; row < kGlyphHeight; ++row) {
      for (int col = 0; col < kGlyphWidth; ++col) {
        if (rows[static_cast<size_t>(row)][static_cast<size_t>(col)] == '#') {
          ink(static_cast<int>(i) * kGlyphAdvance + col, row);
        }
      }
    }
  }
}

}  // namespace

void Canvas::text(int x, int y, std::string_view text, Color color, int scale) {
  for_each_ink(text, [&](int col, int row) {
    fill_rect(x + col * scale, y + row * scale, x + (col + 1) * scale - 1, y + (row + 1) * scale - 1, color);
  });
}

void Canvas::vertical_text(int x, int y, std::string_view text, Color color, int scale) {
  // glyph column -> upwards from y, glyph row -> rightwards from x
  for_each_ink(text, [&](int col, int row) {
    fill_rect(x + row * scale, y - (col + 1) * scale + 1, x + (row + 1) * scale - 1, y - col * scale, color);
  });
}

int text_width(std::string_view text, int scale) {
  if (text.empty()) return 0;
  return (static_cast<int>(text.size()) * kGlyphAdvance - (kGlyphAdvance - kGlyphWidth)) * scale;
}

int text_height(int scale) { return kGlyphHeight * scale; }

}  // namespace harness
