// Tests for harness/grid/slurm_time.cpp: Slurm's --time forms and the warning signal's offset.
#include "harness/grid/slurm_time.h"

#include <gtest/gtest.h>

#include "harness/grid/grid_spec.h"

namespace harness {
namespace {

// the message of the GridError `action` throws ("" and a test failure if none)
template <class Action>
std::string grid_error(Action action) {
  try {
    action();
  } catch (const GridError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no GridError was thrown";
  return "";
}

TEST(SlurmTime, ReadsEveryFormSlurmAccepts) {
  EXPECT_EQ(slurm_time_seconds("90"), 90 * 60) << "M";
  EXPECT_EQ(slurm_time_seconds("10:00"), 10 * 60) << "M:S";
  EXPECT_EQ(slurm_time_seconds("12:00:00"), 12 * 3600) << "H:M:S";
  EXPECT_EQ(slurm_time_seconds("2-0"), 2 * 86400) << "D-H";
  EXPECT_EQ(slurm_time_seconds("1-2:30"), 86400 + 2 * 3600 + 30 * 60) << "D-H:M";
  EXPECT_EQ(slurm_time_seconds("1-0:0:60"), 86400 + 60) << "D-H:M:S";
}

TEST(SlurmTime, RoundsSecondsUpToWholeMinutesAsSlurmDoes) {
  EXPECT_EQ(slurm_time_seconds("1:30"), 120);
  EXPECT_EQ(slurm_time_seconds("0:0:61"), 120);
}

TEST(SlurmTime, AnythingElseNamesTheValueAndTheForms) {
  for (const std::string bad : {"", "abc", "1:2:3:4", "12:", "1-2-3", "1h", "-5"}) {
    SCOPED_TRACE("--time '" + bad + "'");
    const std::string message = grid_error([&] { slurm_time_seconds(bad); });
    EXPECT_NE(message.find("--time " + bad + ": "), std::string::npos) << message;
    EXPECT_NE(message.find("M, M:S, H:M:S, D-H, D-H:M, D-H:M:S"), std::string::npos) << message;
  }
}

// Slurm sends the signal when at most offset + 60 s are left (it checks every 30 s and adds 30 s):
// every accepted limit must leave both a run before the signal and time to checkpoint after it
TEST(StopSignal, EveryAcceptedLimitLeavesProgressBeforeTheSignalAndACheckpointAfterIt) {
  for (int minutes = 2; minutes <= 48 * 60; ++minutes) {
    const int64_t limit = minutes * 60, offset = stop_signal_seconds(std::to_string(minutes));
    EXPECT_GE(limit - offset - 60, 30) << minutes << " min: a task may stop before 30 s of progress";
    EXPECT_GE(offset + 30, 60) << minutes << " min: under a minute between the signal and the limit";
    EXPECT_LE(offset, 300) << minutes << " min";
  }
  EXPECT_EQ(stop_signal_seconds("12:00:00"), 300) << "long limits keep the 5 minutes for a long evaluation";
  EXPECT_EQ(stop_signal_seconds("2"), 30);
}

TEST(StopSignal, ALimitUnderTwoMinutesIsRefusedSayingTheShortestAccepted) {
  for (const std::string short_limit : {"1", "0:59", "0:1:00"}) {
    const std::string message = grid_error([&] { stop_signal_seconds(short_limit); });
    EXPECT_NE(message.find("--time " + short_limit + ": too short"), std::string::npos) << message;
    EXPECT_NE(message.find("give at least 2 minutes (--time 2)"), std::string::npos) << message;
  }
  EXPECT_NO_THROW(stop_signal_seconds("0:90")) << "90 seconds are rounded up to 2 minutes";
}

}  // namespace
}  // namespace harness
