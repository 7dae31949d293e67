// Tests for harness/report/plot.cpp: tick choice, tick labels, and a drawn chart.
#include <gtest/gtest.h>

#include "autodiff/error.h"
#include "harness/report/plot.h"

namespace harness {
namespace {

TEST(NiceTicks, StepIsOneTwoOrFiveTimesAPowerOfTen) {
  const Ticks t = nice_ticks(0, 1e6, 5);
  EXPECT_EQ(t.step, 200000);
  EXPECT_EQ(t.values, (std::vector<double>{0, 2e5, 4e5, 6e5, 8e5, 1e6}));
  const Ticks y = nice_ticks(3.2, 97, 6);  // raw step 15.6 -> 20
  EXPECT_EQ(y.step, 20);
  EXPECT_EQ(y.lo, 0);
  EXPECT_EQ(y.hi, 100);
}

TEST(NiceTicks, WidensAFlatRange) {
  const Ticks t = nice_ticks(0, 0, 5);
  EXPECT_LT(t.lo, 0);
  EXPECT_GT(t.hi, 0);
}

TEST(TickLabel, UsesThousandsAndMillionsWithTheDecimalsTheStepNeeds) {
  EXPECT_EQ(tick_label(4e5, nice_ticks(0, 1e6, 5)), "0.4M");
  EXPECT_EQ(tick_label(2e4, nice_ticks(0, 1e5, 5)), "20k");
  EXPECT_EQ(tick_label(300, nice_ticks(0, 400, 4)), "300");
  EXPECT_EQ(tick_label(1.5, nice_ticks(0, 3, 6)), "1.5");
  EXPECT_EQ(tick_label(0, nice_ticks(0, 3, 6)), "0");
}

LineChart sample_chart() {
  LineChart chart;
  chart.title = "hopper-medium-v2";
  chart.x_label = "step";
  chart.y_label = "score";
  chart.x = {0, 100, 200, 300};
  chart.y = {5, 30, 50, 60};
  chart.band_lo = {0, 20, 40, 55};
  chart.band_hi = {10, 40, 60, 65};
  chart.line_label = "mean";
  chart.band_label = "min-max";
  chart.reference = 66.3;
  chart.reference_label = "paper 66.3";
  return chart;
}

bool has_color(const Canvas& c, Color color) {
  for (int y = 0; y < c.height(); ++y) {
    for (int x = 0; x < c.width(); ++x) {
      if (c.at(x, y) == color) return true;
    }
  }
  return false;
}

TEST(RenderLineChart, DrawsLineBandReferenceAndText) {
  const Canvas c = render_line_chart(sample_chart(), 640, 400);
  EXPECT_EQ(c.width(), 640);
  EXPECT_EQ(c.height(), 400);
  EXPECT_TRUE(has_color(c, {31, 119, 180})) << "no mean line";
  EXPECT_TRUE(has_color(c, {214, 39, 40})) << "no reference line";
  EXPECT_TRUE(has_color(c, {0, 0, 0})) << "no axes or text";
}

TEST(RenderLineChart, IsDeterministic) {
  EXPECT_EQ(render_line_chart(sample_chart()).rgb(), render_line_chart(sample_chart()).rgb());
}

TEST(RenderLineChart, RejectsMismatchedSeries) {
  LineChart chart = sample_chart();
  chart.band_hi.pop_back();
  EXPECT_THROW(render_line_chart(chart), autodiff::Error);
  chart = sample_chart();
  chart.x.clear();
  EXPECT_THROW(render_line_chart(chart), autodiff::Error);
}

TEST(RenderLineChart, DrawsASingleEvaluation) {
  LineChart chart = sample_chart();
  chart.x = {400};
  chart.y = {3};
  chart.band_lo = {1};
  chart.band_hi = {5};
  EXPECT_NO_THROW(render_line_chart(chart));
}

}  // namespace
}  // namespace harness
