// Tests for harness/cli/number_option.cpp: numbers refused in plain words where they are parsed
// (issue 19: --log-interval 0 died with SIGFPE; issue 32: -1 for a seed, 1e20 for a count, nan).
#include <gtest/gtest.h>

#include <cstdint>

#include "harness/cli/number_option.h"

namespace harness {
namespace {

TEST(NumberOption, AWholeNumberInItsRangeIsAccepted) {
  EXPECT_EQ(whole_number_problem<int>("1", 1), "");
  EXPECT_EQ(whole_number_problem<uint64_t>("18446744073709551615", 0), "");
  EXPECT_EQ(whole_number_problem<int>("4096", 1, 4096), "");
}

TEST(NumberOption, AWholeNumberIsRefusedSayingWhatIsWanted) {
  EXPECT_EQ(whole_number_problem<int>("0", 1), "'0' is not a whole number >= 1");
  EXPECT_EQ(whole_number_problem<uint64_t>("-1", 0), "'-1' is not a whole number >= 0");
  EXPECT_EQ(whole_number_problem<int>("2.5", 1), "'2.5' is not a whole number >= 1");
  EXPECT_EQ(whole_number_problem<int>("", 1), "'' is not a whole number >= 1");
  EXPECT_EQ(whole_number_problem<int>("99999999999", 1), "'99999999999' is too large: at most 2147483647");
  EXPECT_EQ(whole_number_problem<int>("4097", 1, 4096), "'4097' is too large: at most 4096");
  EXPECT_EQ(whole_number_problem<int64_t>("-99999999999999999999", 1),
            "'-99999999999999999999' is too small: it must be a whole number >= 1");
}

TEST(NumberOption, ARealNumberMustBeFiniteAndInItsBounds) {
  EXPECT_EQ(real_number_problem("12.5", 0, true), "");
  EXPECT_EQ(real_number_problem("0", 0, true), "'0' is not a finite number > 0");
  EXPECT_EQ(real_number_problem("0", 0, false), "");
  for (const char* bad : {"nan", "inf", "-inf", "1e400", "fast"}) {
    EXPECT_NE(real_number_problem(bad, 0, false).find("is not a finite number >= 0"), std::string::npos) << bad;
  }
  EXPECT_EQ(real_number_problem("2000", 0, true, 1000), "'2000' is too large: at most 1000");
}

TEST(NumberOption, TheCheckRunsWhereTheOptionIsParsedAndNamesIt) {
  CLI::App app;
  int64_t interval = 1000;
  add_whole(app, "--log-interval", interval, "updates between metrics lines", int64_t{1});
  try {
    app.parse(std::vector<std::string>{"0", "--log-interval"});  // CLI11 takes them in reverse
    FAIL() << "--log-interval 0 was accepted";
  } catch (const CLI::ValidationError& e) {
    EXPECT_EQ(std::string(e.what()), "--log-interval: '0' is not a whole number >= 1");
  }
}

}  // namespace
}  // namespace harness
