// Tests for harness/report/ticks.cpp: tick choice and tick labels.
#include <gtest/gtest.h>

#include "harness/report/ticks.h"

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

}  // namespace
}  // namespace harness
