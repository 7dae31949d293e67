// End-to-end check of `iql demo` (harness/cli/demo.cpp) through the real binary, scaled down to a
// few hundred rows of random hopper data and a few updates: what it prints (the three rows, the
// verdict computed from them, the paths) and that the files behind the paths exist.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/harness/cli/iql_binary.h"
#include "tests/harness/data/test_support.h"
#include "tests/harness/render/test_support.h"

namespace harness {
namespace {

namespace fs = std::filesystem;

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(DemoCommand, PrintsTheThreeRowsTheVerdictAndThePathsOfFilesItWrote) {
  testing::TempDir dir;
  const std::string out = dir.file("demo");
  const JobOutcome run = testing::run_iql({"demo", "--out", out, "--mixture", "hopper-random-regen:300,hopper-random-regen:200",
                                          "--name", "hopper-tiny-demo", "--steps", "20", "--seeds", "1", "--eval-episodes",
                                          "1", "--video-width", "64"},
                                         dir.file("iql.log"));
  const std::string log = read_text(dir.file("iql.log"));
  ASSERT_TRUE(run.ok()) << log;
  for (const char* line : {"\nIQL  ", "\nBC  ", "\nbehaviour  ", "the data's ", "\nreport: ", "\nfigure: ", "\nvideo:  "}) {
    EXPECT_NE(log.find(line), std::string::npos) << "no \"" << line << "\" in\n" << log;
  }
  EXPECT_TRUE(log.find("\nIQL beats BC by ") != std::string::npos || log.find("\nIQL trails BC by ") != std::string::npos ||
              log.find("\nIQL ties with BC ") != std::string::npos)
      << log;
  EXPECT_TRUE(fs::exists(out + "/report/report.md"));
  EXPECT_NE(read_text(out + "/report/report.md").find("## The data of `make run`"), std::string::npos);
  EXPECT_TRUE(fs::exists(out + "/report/curves/hopper-tiny-demo.png"));
  const testing::ProbedVideo video = testing::probe_video(out + "/report/hopper-tiny-demo-iql-vs-bc.mp4");
  EXPECT_EQ(video.width, 64);
  EXPECT_EQ(video.height, 32);
  EXPECT_GT(video.frames, 1);
}

// a width the video cannot take is refused before minutes of training, not after
TEST(DemoCommand, AVideoWidthThatIsNotAMultipleOfFourIsRefusedBeforeAnyWork) {
  testing::TempDir dir;
  const JobOutcome run = testing::run_iql({"demo", "--out", dir.file("demo"), "--video-width", "66"}, dir.file("iql.log"));
  const std::string log = read_text(dir.file("iql.log"));
  EXPECT_NE(run.exit_code, 0) << log;
  EXPECT_NE(log.find("66 is not a multiple of 4"), std::string::npos) << log;
  EXPECT_FALSE(fs::exists(dir.file("demo")));
}

}  // namespace
}  // namespace harness
