// Tests for harness/report/figure.cpp: one drawing gives a PNG and an SVG of the asked size.
#include <gtest/gtest.h>

#include "autodiff/error.h"
#include "harness/report/figure.h"
#include "tests/harness/data/test_support.h"
#include "tests/harness/report/image_checks.h"

namespace harness {
namespace {

void blue_square(cairo_t* cr) {
  cairo_set_source_rgb(cr, 0, 0, 1);
  cairo_rectangle(cr, 10, 10, 20, 20);
  cairo_fill(cr);
}

TEST(Figure, PngHasTheAskedSizeAndTheDrawing) {
  const std::string png = render_png({320, 200}, blue_square);
  EXPECT_EQ(testing::png_size(png), (testing::ImageSize{320, 200}));
  EXPECT_EQ(testing::pixels_near(png, {0, 0, 1}, 0), 400);  // the 20 x 20 square, nothing else
}

TEST(Figure, SvgParsesAsXmlAndHasTheAskedSize) {
  const std::string svg = render_svg({320, 200}, blue_square);
  EXPECT_EQ(testing::svg_size(svg), (testing::ImageSize{320, 200})) << svg.substr(0, 300);
  EXPECT_NE(svg.find("<path"), std::string::npos) << "the square is a vector path";
}

// cairo numbers SVG groups with a process-wide counter: the second document must not differ for it
TEST(Figure, SameDrawingGivesTheSameBytes) {
  EXPECT_EQ(render_png({64, 48}, blue_square), render_png({64, 48}, blue_square));
  EXPECT_EQ(render_svg({64, 48}, blue_square), render_svg({64, 48}, blue_square));
}

TEST(Figure, NonPositiveSizeIsRefused) {
  EXPECT_THROW(render_png({0, 10}, blue_square), autodiff::Error);
  EXPECT_THROW(render_svg({10, -1}, blue_square), autodiff::Error);
}

TEST(Figure, WriteFigureWritesBothFilesUnderTheStem) {
  const std::string out = ::testing::TempDir() + "figure_test";
  const std::vector<std::string> files = write_figure(out, "sub/square", {50, 40}, blue_square);
  EXPECT_EQ(files, (std::vector<std::string>{"sub/square.png", "sub/square.svg"}));
  EXPECT_EQ(testing::png_size(testing::read_bytes(out + "/sub/square.png")), (testing::ImageSize{50, 40}));
  EXPECT_EQ(testing::svg_size(testing::read_bytes(out + "/sub/square.svg")), (testing::ImageSize{50, 40}));
}

}  // namespace
}  // namespace harness
