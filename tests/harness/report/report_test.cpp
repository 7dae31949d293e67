// Tests for harness/report/report.cpp: the files `iql report` writes, end to end on fake runs.
#include <gtest/gtest.h>

#include <filesystem>

#include "autodiff/error.h"
#include "harness/report/drawing.h"
#include "harness/report/manifest.h"
#include "harness/report/report.h"
#include "tests/harness/report/fake_runs.h"
#include "tests/harness/report/image_checks.h"
#include "tests/harness/report/same_lines.h"

namespace harness {
namespace {

using testing::read_bytes;
using testing::same_lines;
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

// `iql report` run outside the repository finds the published numbers (it looked in ./golden/)
TEST(ReportOptions, ThePublishedNumbersAreThisSourceTreesWhereverTheCommandRuns) {
  EXPECT_EQ(ReportOptions{}.golden, kPaperCsv);
  EXPECT_TRUE(std::filesystem::exists(ReportOptions{}.golden));
}

TEST_F(ReportTest, WritesTablesAndEveryFigureAsPngAndSvgAndLinksThem) {
  const ReportOutcome outcome = write_report(options);
  for (const char* file : {"report.md", "scores.csv", "suites.csv"}) {
    EXPECT_TRUE(std::filesystem::exists(dir.file("report/") + file)) << file;
  }
  const std::string markdown = read_bytes(dir.file("report/report.md"));
  for (const char* figure : {"curves/hopper-medium-v2", "curves/antmaze-umaze-v2", "profiles/locomotion",
                             "profiles/antmaze", "overview/locomotion", "overview/antmaze"}) {
    const std::string stem = figure;
    EXPECT_TRUE(testing::png_size(read_bytes(dir.file("report/" + stem + ".png")))) << stem;
    EXPECT_TRUE(testing::svg_size(read_bytes(dir.file("report/" + stem + ".svg")))) << stem;
    EXPECT_NE(markdown.find("](" + stem + ".png) ([SVG](" + stem + ".svg))"), std::string::npos) << stem;
  }
  EXPECT_NE(outcome.text.find("PASS  hopper-medium-v2: ours 65.0 (2 seeds)"), std::string::npos) << outcome.text;
  EXPECT_NE(outcome.text.find("----  not run: 13 of the 15 paper datasets (halfcheetah-medium-v2, "
                              "walker2d-medium-v2, "),
            std::string::npos)
      << outcome.text;
  EXPECT_EQ(outcome.failures, 1);  // antmaze-umaze at 0 against 87.5
  EXPECT_TRUE(outcome.removed.empty());
}

// only what the manifest of the earlier report lists goes, even where a user's file has a curve's name
TEST_F(ReportTest, RemovesTheCurveOfADatasetWhoseRunsAreGoneAndNothingElse) {
  write_report(options);
  std::filesystem::remove_all(dir.file("runs/antmaze-umaze-v2"));
  for (const char* mine : {"report/curves/walker2d-medium-v2.png", "report/curves/notes.png", "report/notes.md"}) {
    testing::write_bytes(dir.file(mine), "a user's file");
  }
  const ReportOutcome outcome = write_report(options);
  EXPECT_EQ(outcome.removed, (std::vector<std::string>{"overview/antmaze.png", "overview/antmaze.svg",
                                                       "profiles/antmaze.png", "profiles/antmaze.svg",
                                                       "curves/antmaze-umaze-v2.png", "curves/antmaze-umaze-v2.svg"}));
  EXPECT_FALSE(std::filesystem::exists(dir.file("report/curves/antmaze-umaze-v2.png")));
  for (const char* kept : {"report/curves/hopper-medium-v2.png", "report/curves/walker2d-medium-v2.png",
                           "report/curves/notes.png", "report/notes.md"}) {
    EXPECT_TRUE(std::filesystem::exists(dir.file(kept))) << kept;
  }
  EXPECT_EQ(read_bytes(dir.file("report/") + kReportManifest).find("antmaze"), std::string::npos);
  EXPECT_TRUE(write_report(options).removed.empty()) << "a report of the same runs removes nothing";
}

TEST_F(ReportTest, SameRunsGiveByteIdenticalFiles) {
  write_report(options);
  ReportOptions again = options;
  again.out = dir.file("report2");
  write_report(again);
  for (const char* file : {"report.md", "scores.csv", "suites.csv", "curves/hopper-medium-v2.png",
                           "curves/hopper-medium-v2.svg", "profiles/locomotion.png", "overview/locomotion.svg"}) {
    EXPECT_EQ(read_bytes(dir.file("report/") + file), read_bytes(dir.file("report2/") + file)) << file;
  }
}

TEST_F(ReportTest, BcRunsOfTheirOwnDirectoryJoinTheTablesAndFigures) {
  for (int seed : {0, 1}) {
    write_fake_run(dir.file("runs-bc"), {.seed = seed, .final_score = 40.0 + 4 * seed,
                                         .curve = {{100, 5}, {200, 20}, {300, 40.0 + 4 * seed}},
                                         .config = testing::kBcConfig});
  }
  write_report(options);
  const std::string iql_only_curves = read_bytes(dir.file("report/curves/hopper-medium-v2.png"));
  options.bc_runs_dir = dir.file("runs-bc");
  const ReportOutcome outcome = write_report(options);
  EXPECT_NE(outcome.text.find("| hopper-medium-v2 | 65.0 ± 4.2 | 2 | 42.0 ± 2.8 | 2 | 66.3 ± 5.7 |"),
            std::string::npos) << outcome.text;
  EXPECT_NE(outcome.text.find("PASS  hopper-medium-v2: ours 65.0 (2 seeds)"), std::string::npos) << outcome.text;
  EXPECT_NE(read_bytes(dir.file("report/scores.csv")).find(",pass,2,42.000,2.828,,\n"), std::string::npos)
      << read_bytes(dir.file("report/scores.csv"));
  const std::string curves = read_bytes(dir.file("report/curves/hopper-medium-v2.png"));
  EXPECT_EQ(testing::pixels_near(iql_only_curves, series_color(1), 10), 0);
  EXPECT_GT(testing::pixels_near(curves, series_color(1), 10), 100) << "BC's learning curve beside IQL's";
  EXPECT_GT(testing::pixels_near(read_bytes(dir.file("report/overview/locomotion.png")), series_color(1), 10), 20)
      << "BC's mark in the overview";
}

TEST_F(ReportTest, ABcRunAmongTheIqlRunsIsAnErrorNamingItAndTheFix) {
  const std::string bc_run = write_fake_run(dir.file("runs"), {.seed = 5, .final_score = 40, .config = testing::kBcConfig});
  try {
    write_report(options);
    FAIL() << "no error for a BC run among the IQL runs";
  } catch (const autodiff::Error& e) {
    EXPECT_NE(std::string(e.what()).find(bc_run + ": trained as BC"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--bc"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("report/report.md"))) << "no report of mixed methods";
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

// what `make run` reports: one dataset outside the paper, two seeds, so nothing of the paper's is
// set beside it. The golden text of the sections a reader looks at first; a change shows as a line
// diff
class DemoReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int seed : {0, 1}) {
      write_fake_run(dir.file("runs"), {.dataset = "hopper-random-demo", .seed = seed, .final_score = 4.0 + 2 * seed,
                                        .curve = {{1000, 3}, {2000, 4.0 + 2 * seed}}});
    }
    options.runs_dir = dir.file("runs");
    options.golden = kPaperCsv;
    options.out = dir.file("report");
  }

  // `heading` and what follows it up to the next heading
  std::string section(const std::string& heading) {
    const size_t begin = text.find(heading);
    if (begin == std::string::npos) return "(no '" + heading + "' in the report)\n" + text;
    const size_t end = text.find("\n## ", begin);
    return text.substr(begin, end == std::string::npos ? end : end + 1 - begin);
  }

  TempDir dir;
  ReportOptions options;
  std::string text;
};

const std::string kDemoPerDataset =
    "## Per dataset\n"
    "\n"
    "| dataset | ours: final score, D4RL-normalised x100, mean ± std over 2 seeds | seeds |\n"
    "|---|---:|---:|\n"
    "| hopper-random-demo | 5.0 ± 1.4 | 2 |\n"
    "\n";

const std::string kDemoSuitesTable =
    "| suite | datasets with runs | runs | IQM of all runs [95% CI] |\n"
    "|---|---:|---:|---:|\n"
    "| locomotion | 1 | 2 | 5.0 [4.0, 6.0] |\n";

const std::string kDemoGoldenCheck =
    "## Golden check\n"
    "\n"
    "Nothing to check against the paper: no dataset of these runs is one of its (regenerated datasets are not "
    "D4RL's files, so its numbers are not about them).\n"
    "\n";

TEST_F(DemoReportTest, TablesShowTheDatasetThatRanAndNothingOfThePapers) {
  text = write_report(options).text;
  EXPECT_TRUE(same_lines(section("## Per dataset"), kDemoPerDataset));
  EXPECT_NE(section("## Per suite").find("\n\n" + kDemoSuitesTable + "\n"), std::string::npos)
      << section("## Per suite");
  EXPECT_TRUE(same_lines(section("## Golden check"), kDemoGoldenCheck));
}

}  // namespace
}  // namespace harness
