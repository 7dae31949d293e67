// Off a terminal the progress line goes to the log a line at a time: from note() always, from tick()
// no more often than its interval, so a long collection logs that it moves without flooding the file.
#include "harness/run/progress.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace harness {
namespace {

std::string contents(std::FILE* f) {
  std::string text(static_cast<size_t>(std::ftell(f)), '\0');
  std::rewind(f);
  text.resize(std::fread(text.data(), 1, text.size(), f));
  return text;
}

size_t lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

TEST(Progress, OffATerminalTickWritesOneLinePerIntervalAndNoEscapes) {
  std::FILE* log = std::tmpfile();
  Progress every_tick(0, 100, log, std::chrono::milliseconds(0));
  every_tick.tick(10);
  every_tick.tick(20);
  every_tick.finish();
  const std::string text = contents(log);
  std::fclose(log);
  EXPECT_EQ(lines(text), 2u) << text;
  EXPECT_NE(text.find("step 10/100"), std::string::npos) << text;
  EXPECT_NE(text.find("step 20/100"), std::string::npos) << text;
  EXPECT_EQ(text.find('\r'), std::string::npos) << text;
}

TEST(Progress, OffATerminalTicksWithinTheIntervalStaySilentButNotesAreWritten) {
  std::FILE* log = std::tmpfile();
  Progress hourly(0, 100, log, std::chrono::hours(1));
  hourly.tick(10);
  hourly.tick(20);
  hourly.note(30, "score 12.5");
  hourly.finish();
  const std::string text = contents(log);
  std::fclose(log);
  EXPECT_EQ(lines(text), 1u) << text;
  EXPECT_NE(text.find("step 30/100"), std::string::npos) << text;
  EXPECT_NE(text.find("score 12.5"), std::string::npos) << text;
}

}  // namespace
}  // namespace harness
