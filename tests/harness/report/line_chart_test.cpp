// Tests for harness/report/line_chart.cpp: valid PNG and SVG of the asked size for one point, many
// points and several series, the series drawn in its colour, and refusals of malformed series.
#include <gtest/gtest.h>

#include "autodiff/error.h"
#include "harness/report/line_chart.h"
#include "tests/harness/report/image_checks.h"

namespace harness {
namespace {

const FigureSize kSize = {640, 400};
const Rgb kBlue = {0, 0, 1};  // not in the axes' greys nor the references' red and grey

LineChart chart_of(std::vector<double> x, std::vector<double> y) {
  Series s{"mean of 3 seeds", kBlue, x, y, {}, {}, "min-max over seeds"};
  for (double v : y) s.band_lo.push_back(v - 5), s.band_hi.push_back(v + 5);
  return {"hopper-medium-v2: IQL learning curve", "update step", "score", {s},
          {{66.3, "paper 66.3", kPaperRed}, {57.8, "behaviour 57.8", kBehaviourGray}}, {}, {}};
}

std::string png_of(const LineChart& chart) {
  return render_png(kSize, [&](cairo_t* cr) { draw_line_chart(cr, chart, kSize); });
}

std::string svg_of(const LineChart& chart) {
  return render_svg(kSize, [&](cairo_t* cr) { draw_line_chart(cr, chart, kSize); });
}

TEST(LineChart, ManyPointsGiveValidPngAndSvgOfTheAskedSize) {
  const LineChart chart = chart_of({0, 1e5, 2e5, 3e5, 4e5, 5e5}, {5, 30, 50, 60, 62, 64});
  const std::string png = png_of(chart);
  EXPECT_EQ(testing::png_size(png), (testing::ImageSize{640, 400}));
  EXPECT_GT(testing::pixels_near(png, kBlue), 200) << "the mean line is drawn in its colour";
  EXPECT_GT(testing::pixels_near(png, kPaperRed, 30), 100) << "the paper's level is drawn";
  EXPECT_EQ(testing::svg_size(svg_of(chart)), (testing::ImageSize{640, 400}));
}

// a run evaluated once: one x, so no line and no band area, but the point and its spread show
TEST(LineChart, ASingleEvaluationIsDrawn) {
  const LineChart chart = chart_of({1000}, {42});
  const std::string png = png_of(chart);
  EXPECT_EQ(testing::png_size(png), (testing::ImageSize{640, 400}));
  EXPECT_GT(testing::pixels_near(png, kBlue), 10);
  EXPECT_EQ(testing::svg_size(svg_of(chart)), (testing::ImageSize{640, 400}));
}

TEST(LineChart, SeveralSeriesAndStepFunctionsAreDrawn) {
  LineChart chart = chart_of({0, 50, 100}, {1, 0.5, 0});
  chart.series[0].steps = true;
  chart.series.push_back({"BC", series_color(1), {0, 50, 100}, {1, 0.8, 0}, {}, {}, "", true});
  chart.y_axis = Ticks{0, 1, 0.5, {0, 0.5, 1}};
  chart.references.clear();
  const std::string png = png_of(chart);
  EXPECT_GT(testing::pixels_near(png, kBlue), 100);
  EXPECT_GT(testing::pixels_near(png, series_color(1)), 100);
  EXPECT_EQ(testing::svg_size(svg_of(chart)), (testing::ImageSize{640, 400}));
}

// a fine-tune run's curve: the line where the online phase begins crosses the plot top to bottom
TEST(LineChart, ABoundaryIsAVerticalLineInItsColour) {
  const Rgb green = {0, 0.6, 0};
  LineChart chart = chart_of({0, 1e5, 2e5, 3e5}, {5, 30, 50, 60});
  const std::string without = png_of(chart);
  chart.boundaries.push_back({1.5e5, "online from step 150000", green});
  const std::string with = png_of(chart);
  EXPECT_EQ(testing::pixels_near(without, green), 0);
  EXPECT_GT(testing::pixels_near(with, green), 150) << "a dashed line over the plot's height, and its legend swatch";
}

TEST(LineChart, MalformedSeriesAreRefusedNamingThem) {
  LineChart chart = chart_of({0, 1, 2}, {1, 2, 3});
  chart.series[0].band_hi.pop_back();
  try {
    png_of(chart);
    ADD_FAILURE() << "a band shorter than x was drawn";
  } catch (const autodiff::Error& e) {
    EXPECT_NE(std::string(e.what()).find("band_hi has 2 values but x has 3"), std::string::npos) << e.what();
  }
  chart.series.clear();
  EXPECT_THROW(png_of(chart), autodiff::Error);
  EXPECT_THROW(png_of(chart_of({}, {})), autodiff::Error);
}

}  // namespace
}  // namespace harness
