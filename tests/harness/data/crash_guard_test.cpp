// Tests for harness/data/crash_guard.cpp: a child that dies is reported with how it died, one that
// returns or throws is not, and nothing the child does reaches this process.
#include "harness/data/crash_guard.h"

#include <csignal>
#include <cstdlib>
#include <stdexcept>

#include <gtest/gtest.h>

namespace harness {
namespace {

TEST(CrashGuard, ADeadChildIsReportedAndASurvivingOneIsNot) {
  int touched = 0;
  EXPECT_EQ(crash_in_child([&] { touched = 1; }), "");
  EXPECT_EQ(touched, 0);  // the child's memory is its own
  EXPECT_EQ(crash_in_child([] { throw std::runtime_error("refused"); }), "");
  EXPECT_EQ(crash_in_child([] { std::raise(SIGABRT); }), "Aborted");
  EXPECT_EQ(crash_in_child([] { std::_Exit(3); }), "exit status 3");
}

}  // namespace
}  // namespace harness
