// Tests for harness/report/dot_interval_chart.cpp: valid PNG and SVG of the asked size for one and
// many datasets, every method's dot drawn, and refusals.
#include <gtest/gtest.h>

#include "autodiff/error.h"
#include "harness/report/dot_interval_chart.h"
#include "tests/harness/report/image_checks.h"

namespace harness {
namespace {

const Rgb kBlue = {0, 0, 1};

DotIntervalChart chart_with_rows(size_t rows) {
  DotIntervalChart chart{"locomotion: final scores per dataset", "score",
                         {{"IQL", kBlue}, {"behaviour", kBehaviourGray}, {"paper", kPaperRed}}, {}};
  for (size_t r = 0; r < rows; ++r) {
    const double v = 10.0 * static_cast<double>(r);
    chart.rows.push_back({"dataset-" + std::to_string(r), {DotMark{v, {v - 3, v + 3}}, std::nullopt, DotMark{v + 20, {v + 15, v + 25}}}});
  }
  return chart;
}

std::pair<std::string, std::string> render(const DotIntervalChart& chart) {
  const FigureSize size = dot_interval_size(chart.rows.size());
  auto draw = [&](cairo_t* cr) { draw_dot_interval_chart(cr, chart, size); };
  return {render_png(size, draw), render_svg(size, draw)};
}

TEST(DotIntervalChart, OneDatasetGivesValidPngAndSvg) {
  const auto [png, svg] = render(chart_with_rows(1));
  const FigureSize size = dot_interval_size(1);
  EXPECT_EQ(testing::png_size(png), (testing::ImageSize{size.width, size.height}));
  EXPECT_EQ(testing::svg_size(svg), (testing::ImageSize{size.width, size.height}));
  EXPECT_GT(testing::pixels_near(png, kBlue), 30) << "the IQL dot";
}

TEST(DotIntervalChart, ManyDatasetsGrowTheFigure) {
  const auto [png, svg] = render(chart_with_rows(15));
  const FigureSize size = dot_interval_size(15);
  EXPECT_GT(size.height, dot_interval_size(1).height);
  EXPECT_EQ(testing::png_size(png), (testing::ImageSize{size.width, size.height}));
  EXPECT_EQ(testing::svg_size(svg), (testing::ImageSize{size.width, size.height}));
  EXPECT_GT(testing::pixels_near(png, kBlue), 15 * 30) << "an IQL dot per row";
}

TEST(DotIntervalChart, MarksThatDoNotMatchTheMethodsAreRefused) {
  DotIntervalChart chart = chart_with_rows(2);
  chart.rows[1].marks.pop_back();
  EXPECT_THROW(render(chart), autodiff::Error);
  EXPECT_THROW(render(chart_with_rows(0)), autodiff::Error);
  DotIntervalChart empty = chart_with_rows(1);
  empty.rows[0].marks = {std::nullopt, std::nullopt, std::nullopt};
  EXPECT_THROW(render(empty), autodiff::Error);
}

}  // namespace
}  // namespace harness
