// Tests for harness/report/number_format.cpp: rounding as the tables print it, and counts.
#include <gtest/gtest.h>

#include "harness/report/number_format.h"

namespace harness {
namespace {

TEST(Fixed, RoundsToOneDecimalUnlessToldOtherwise) {
  EXPECT_EQ(fixed(65.04), "65.0");
  EXPECT_EQ(fixed(7.071067), "7.1");
  EXPECT_EQ(fixed(-0.25, 2), "-0.25");
  EXPECT_EQ(fixed(67.53, 3), "67.530");
  EXPECT_EQ(fixed(101.6, 0), "102");
}

TEST(Counted, SaysSeedForOneAndSeedsOtherwise) {
  EXPECT_EQ(counted(1, "seed"), "1 seed");
  EXPECT_EQ(counted(0, "seed"), "0 seeds");
  EXPECT_EQ(counted(3, "episode"), "3 episodes");
}

}  // namespace
}  // namespace harness
