// Tests for harness/report/report.cpp: the files `iql report` writes, end to end on fake runs.
#include <gtest/gtest.h>

#include "harness/report/report.h"
#include "tests/harness/report/fake_runs.h"

namespace harness {
namespace {

using testing::read_bytes;
using testing::TempDir;
using testing::write_fake_run;

const std::string kPaperCsv = std::string(IQL_SOURCE_DIR) + "/golden/paper.csv";

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_fake_run(dir.file("runs"), {.seed = 0, .final_score = 62, .curve = {{100, 10}, {200, 40}, {300, 62}}});
    write_fake_run(dir.file("runs"), {.seed = 1, .final_score = 68, .curve = {{100, 20}, {200, 50}, {300, 68}}});
    write_fake_run(dir.file("runs"), {.dataset = "antmaze-umaze-v2", .final_score = 0, .curve = {{300, 0}}});
    options.runs_dir = dir.file("runs");
    options.golden = kPaperCsv;
    options.out = dir.file("report");
  }

  TempDir dir;
  ReportOptions options;
};

TEST_F(ReportTest, WritesTablesAndOneCurvePerDataset) {
  const ReportOutcome outcome = write_report(options);
  for (const char* file : {"report.md", "scores.csv", "suites.csv", "curves/hopper-medium-v2.png",
                           "curves/antmaze-umaze-v2.png"}) {
    EXPECT_TRUE(std::filesystem::exists(dir.file("report/") + file)) << file;
  }
  const std::string markdown = read_bytes(dir.file("report/report.md"));
  EXPECT_NE(markdown.find("![hopper-medium-v2](curves/hopper-medium-v2.png)"), std::string::npos);
  EXPECT_NE(outcome.text.find("PASS  hopper-medium-v2: ours 65.0 (2 seeds)"), std::string::npos) << outcome.text;
  EXPECT_NE(outcome.text.find("----  walker2d-medium-v2: no runs"), std::string::npos);
  EXPECT_EQ(outcome.failures, 1);  // antmaze-umaze at 0 against 87.5
}

TEST_F(ReportTest, SameRunsGiveByteIdenticalFiles) {
  write_report(options);
  ReportOptions again = options;
  again.out = dir.file("report2");
  write_report(again);
  for (const char* file : {"report.md", "scores.csv", "suites.csv", "curves/hopper-medium-v2.png"}) {
    EXPECT_EQ(read_bytes(dir.file("report/") + file), read_bytes(dir.file("report2/") + file)) << file;
  }
}

TEST_F(ReportTest, MissingGoldenIsNamed) {
  options.golden = dir.file("nope.csv");
  try {
    write_report(options);
    FAIL() << "no error";
  } catch (const autodiff::Error& e) {
    EXPECT_NE(std::string(e.what()).find("nope.csv"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace harness
