// Tests for harness/cli/positive.cpp (issue 19, defect 1: --log-interval 0 died with SIGFPE).
#include <gtest/gtest.h>

#include "harness/cli/positive.h"

namespace harness {
namespace {

std::string check(std::string text) { return positive_count()(text); }

TEST(PositiveCount, AcceptsWholeNumbersFromOne) {
  EXPECT_EQ(check("1"), "");
  EXPECT_EQ(check("5000"), "");
}

TEST(PositiveCount, RefusesZeroNegativesFractionsAndTextInPlainWords) {
  for (const char* bad : {"0", "-3", "2.5", "ten", ""}) {
    const std::string message = check(bad);
    EXPECT_NE(message.find("must be a whole number >= 1"), std::string::npos) << bad << ": " << message;
    EXPECT_LT(message.size(), 80u) << message;  // no 300-digit range
  }
}

TEST(PositiveCount, GuardsTheTrainCommandsIntervals) {
  CLI::App app;
  int64_t interval = 1000;
  app.add_option("--log-interval", interval)->check(positive_count());
  EXPECT_THROW(app.parse(std::vector<std::string>{"0", "--log-interval"}), CLI::ValidationError);
}

}  // namespace
}  // namespace harness
