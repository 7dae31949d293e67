// Tests for harness/report/headline.cpp: the verdict's words follow the numbers, and the rows align.
#include <gtest/gtest.h>

#include "harness/report/headline.h"

namespace harness {
namespace {

MethodScores scores(int seeds, double mean, double std) { return {seeds, 0, mean, std}; }

TEST(Headline, TheVerdictStatesTheMarginsOverBcAndTheBehaviour) {
  EXPECT_EQ(verdict_line(scores(2, 40.0, 1.0), scores(2, 14.7, 2.0), BehaviourScore{21.0, 20.0, 100}, "the behaviour"),
            "IQL beats BC by 25.3 points (2 seeds each) and beats the behaviour by 19.0 points.");
  EXPECT_EQ(verdict_line(scores(3, 30.0, 1.0), scores(2, 40.0, 1.0), BehaviourScore{21.0, 20.0, 100}, "the behaviour"),
            "IQL trails BC by 10.0 points (IQL 3 seeds, BC 2) but beats the behaviour by 9.0 points.");
  EXPECT_EQ(verdict_line(scores(2, 30.0, 1.0), scores(2, 20.0, 1.0), BehaviourScore{50.0, 1.0, 100}, "the medium policy"),
            "IQL beats BC by 10.0 points (2 seeds each) but trails the medium policy by 20.0 points.");
}

TEST(Headline, TheVerdictSaysWhenTheMarginIsWithinTheSeedsSpread) {
  EXPECT_EQ(verdict_line(scores(2, 31.0, 2.0), scores(2, 29.0, 1.5), std::nullopt, ""),
            "IQL beats BC by 2.0 points (2 seeds each), within the seeds' spread (2.0 + 1.5).");
  EXPECT_EQ(verdict_line(scores(2, 31.0, 2.0), scores(2, 31.02, 1.5), std::nullopt, ""),
            "IQL ties with BC (2 seeds each).");
}

TEST(Headline, RowsAlignTheirScoresOnTheRight) {
  const std::string table = headline_table({{"IQL", 40.04, 1.0, "2 seeds"}, {"behaviour", 1.0, 20.0, "100 episodes"}});
  EXPECT_EQ(table,
            "IQL        40.0 ± 1.0  2 seeds\n"
            "behaviour  1.0 ± 20.0  100 episodes\n");
}

}  // namespace
}  // namespace harness
