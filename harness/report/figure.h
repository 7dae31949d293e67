// A figure is one drawing function rendered twice through cairo: a PNG (anti-aliased raster, for the
// markdown report) and an SVG (vector, for papers), so the two never disagree. Coordinates are
// points, x to the right and y down from the top-left corner; in the PNG one point is one pixel.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include <cairo.h>

namespace harness {

struct FigureSize {
  int width = 800;
  int height = 500;
};

/// Draws the whole figure on `cr`, whose surface is `size` points large and starts blank.
using DrawFigure = std::function<void(cairo_t* cr)>;

/// The bytes of a PNG file of `size` pixels (white background) holding the drawing. Throws
/// autodiff::Error when the size is not positive or cairo fails.
std::string render_png(const FigureSize& size, const DrawFigure& draw);

/// The text of an SVG document of `size` points holding the same drawing.
std::string render_svg(const FigureSize& size, const DrawFigure& draw);

/// Writes OUT_DIR/STEM.png and OUT_DIR/STEM.svg (each atomically; the directories of STEM are
/// created) and returns "STEM.png" and "STEM.svg", relative to out_dir.
std::vector<std::string> write_figure(const std::string& out_dir, const std::string& stem, const FigureSize& size,
                                      const DrawFigure& draw);

}  // namespace harness
