// Tests for harness/report/drawing.cpp: text is measured in a real font, the legend wraps into as
// many rows as make_frame reserves, and frames map data to points.
#include <gtest/gtest.h>

#include "harness/report/drawing.h"

namespace harness {
namespace {

// a context on a small image: measuring text needs one
struct Scratch {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
  cairo_t* cr = cairo_create(surface);
  ~Scratch() {
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
  }
};

TEST(Drawing, TextWidthGrowsWithTextAndSize) {
  Scratch s;
  const double one = text_width(s.cr, "IQL", 12);
  EXPECT_GT(one, 10);  // three letters of 12-point text are wider than 10 points
  EXPECT_GT(text_width(s.cr, "IQL IQL", 12), 2 * one);
  EXPECT_NEAR(text_width(s.cr, "IQL", 24), 2 * one, 1.0);
}

TEST(Drawing, LegendWrapsWhenTheEntriesDoNotFitOneRow) {
  Scratch s;
  const LegendEntry entry{"behaviour policy: mean ± std over episodes", kBehaviourGray, Swatch::dot_interval};
  EXPECT_EQ(legend_rows(s.cr, {}, {800, 500}, 80), 0);
  EXPECT_EQ(legend_rows(s.cr, {entry}, {800, 500}, 80), 1);
  // about 330 points each: one per row beside a 400-point frame, all in one row beside a 3000-point one
  EXPECT_EQ(legend_rows(s.cr, {entry, entry, entry}, {500, 500}, 80), 3);
  EXPECT_EQ(legend_rows(s.cr, {entry, entry, entry}, {3000, 500}, 80), 1);
}

TEST(Drawing, FrameMapsTheTickRangeOntoThePlotArea) {
  const Frame f = make_frame({800, 500}, 80, 1, nice_ticks(0, 100, 5), nice_ticks(0, 1, 5));
  EXPECT_EQ(f.px(0), f.left);
  EXPECT_EQ(f.px(100), f.right);
  EXPECT_EQ(f.py(0), f.bottom);
  EXPECT_EQ(f.py(1), f.top);
  EXPECT_GT(make_frame({800, 500}, 80, 0, f.x, f.y).bottom, f.bottom) << "a legend row takes room from the plot";
}

}  // namespace
}  // namespace harness
