#include "harness/report/figure.h"

#include <cairo-svg.h>

#include <filesystem>
#include <map>
#include <memory>
#include <regex>

#include "autodiff/error.h"
#include "harness/run/text_file.h"

namespace harness {
namespace {

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

// cairo's stream callbacks append to a std::string
cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void check_size(const FigureSize& size) {
  if (size.width <= 0 || size.height <= 0) {
    throw autodiff::Error("figure size " + std::to_string(size.width) + " x " + std::to_string(size.height) +
                          ": both must be positive");
  }
}

void check(cairo_status_t status, const char* what) {
  if (status != CAIRO_STATUS_SUCCESS) {
    throw autodiff::Error(std::string(what) + ": cairo failed (" + cairo_status_to_string(status) + ")");
  }
}

// a white page, then the figure; errors inside drawing surface as the context's status
void draw_on(cairo_surface_t* surface, const DrawFigure& draw) {
  ContextPtr cr(cairo_create(surface));
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  draw(cr.get());
  check(cairo_status(cr.get()), "drawing a figure");
}

// cairo names an SVG's groups after a process-wide surface counter ("surface6" for the sixth surface
// made): renumbered in order of appearance, the same drawing gives the same document every time
std::string renumber_surface_ids(const std::string& svg) {
  static const std::regex kSurfaceId("([\"#])surface([0-9]+)\"");
  std::map<std::string, int> renamed;
  std::string out;
  auto from = svg.cbegin();
  for (std::sregex_iterator it(svg.begin(), svg.end(), kSurfaceId), end; it != end; ++it) {
    const auto inserted = renamed.emplace((*it)[2].str(), static_cast<int>(renamed.size()) + 1);
    out.append(from, (*it)[0].first);
    out += (*it)[1].str() + "surface" + std::to_string(inserted.first->second) + "\"";
    from = (*it)[0].second;
  }
  return out.append(from, svg.cend());
}

}  // namespace

std::string render_png(const FigureSize& size, const DrawFigure& draw) {
  check_size(size);
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, size.width, size.height));
  check(cairo_surface_status(surface.get()), "creating a PNG figure");
  draw_on(surface.get(), draw);
  std::string bytes;
  check(cairo_surface_write_to_png_stream(surface.get(), append_bytes, &bytes), "encoding a PNG figure");
  return bytes;
}

std::string render_svg(const FigureSize& size, const DrawFigure& draw) {
  check_size(size);
  std::string text;
  {
    SurfacePtr surface(cairo_svg_surface_create_for_stream(append_bytes, &text, size.width, size.height));
    check(cairo_surface_status(surface.get()), "creating an SVG figure");
    draw_on(surface.get(), draw);
    cairo_surface_finish(surface.get());  // the document is complete only once the surface finishes
    check(cairo_surface_status(surface.get()), "writing an SVG figure");
  }
  return renumber_surface_ids(text);
}

std::vector<std::string> write_figure(const std::string& out_dir, const std::string& stem, const FigureSize& size,
                                      const DrawFigure& draw) {
  const std::filesystem::path base = std::filesystem::path(out_dir) / stem;
  std::filesystem::create_directories(base.parent_path());
  write_text_file(base.string() + ".png", render_png(size, draw));
  write_text_file(base.string() + ".svg", render_svg(size, draw));
  return {stem + ".png", stem + ".svg"};
}

}  // namespace harness
