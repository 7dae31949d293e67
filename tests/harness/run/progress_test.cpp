// Off a terminal the progress line goes to the log a line at a time: from note() always, from tick()
// no more often than its interval, so a long collection logs that it moves without flooding the file.
#include "harness/run/progress.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace harness {
namespace {

// what `use` makes a Progress with `log_every` write to a log file (never a terminal)
template <class Use>
std::string logged(std::chrono::milliseconds log_every, Use use) {
  std::FILE* log = std::tmpfile();
  {
    Progress progress(0, 100, log, log_every);
    use(progress);
    progress.finish();
  }
  std::string text(static_cast<size_t>(std::ftell(log)), '\0');
  std::rewind(log);
  text.resize(std::fread(text.data(), 1, text.size(), log));
  std::fclose(log);
  return text;
}

size_t lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

TEST(Progress, OffATerminalTickWritesOneLinePerIntervalAndNoEscapes) {
  const std::string text = logged(std::chrono::milliseconds(0), [](Progress& p) {
    p.tick(10);
    p.tick(20);
  });
  EXPECT_EQ(lines(text), 2u) << text;
  EXPECT_NE(text.find("step 10/100"), std::string::npos) << text;
  EXPECT_NE(text.find("step 20/100"), std::string::npos) << text;
  EXPECT_EQ(text.find('\r'), std::string::npos) << text;
}

TEST(Progress, OffATerminalTicksWithinTheIntervalStaySilentButNotesAreWritten) {
  const std::string text = logged(std::chrono::hours(1), [](Progress& p) {
    p.tick(10);
    p.tick(20);
    p.note(30, "score 12.5");
  });
  EXPECT_EQ(lines(text), 1u) << text;
  EXPECT_NE(text.find("step 30/100"), std::string::npos) << text;
  EXPECT_NE(text.find("score 12.5"), std::string::npos) << text;
}

}  // namespace
}  // namespace harness
