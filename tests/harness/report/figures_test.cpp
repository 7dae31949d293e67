// Tests for harness/report/figures.cpp: which figures a set of runs gives (one and many datasets, a
// run with a single evaluation, IQL beside BC), and that each is a valid PNG and SVG of its size.
#include <gtest/gtest.h>

#include "harness/report/dot_interval_chart.h"
#include "harness/report/figures.h"
#include "tests/harness/report/fake_runs.h"
#include "tests/harness/report/image_checks.h"

namespace harness {
namespace {

using testing::read_bytes;
using testing::TempDir;
using testing::write_fake_run;

const std::string kPaperCsv = std::string(IQL_SOURCE_DIR) + "/golden/paper.csv";

RegenEntry entry(const std::string& name, double score) {
  RegenEntry e;
  e.name = name;
  e.behaviour_score = score;
  e.behaviour_score_std = 5;
  e.behaviour_episodes = 100;
  return e;
}

// the figures of the runs under dir/runs, written to dir/report
WrittenFigures figures_of(const TempDir& dir, const std::vector<RunRecord>& runs) {
  const Summary summary =
      summarize(runs, read_golden(kPaperCsv), ToleranceRule{}, BootstrapOptions{}, {entry("hopper-medium-regen", 57.8)});
  return write_figures(runs, summary, dir.file("report"));
}

void expect_valid_figures(const TempDir& dir, const WrittenFigures& figures) {
  ASSERT_FALSE(figures.files.empty());
  for (const std::string& file : figures.files) {
    const std::string bytes = read_bytes(dir.file("report/" + file));
    const bool png = file.ends_with(".png");
    const auto size = png ? testing::png_size(bytes) : testing::svg_size(bytes);
    ASSERT_TRUE(size) << file << " is not a valid " << (png ? "PNG" : "SVG");
    EXPECT_GT(size->width, 0) << file;
    EXPECT_NE(figures.markdown.find("(" + file + ")"), std::string::npos) << file << " is not linked";
  }
}

TEST(Figures, OneDatasetWithASingleEvaluationGivesCurveProfileAndOverview) {
  TempDir dir;
  write_fake_run(dir.file("runs"), {.dataset = "hopper-medium-regen", .final_score = 40, .curve = {{1000, 40}}});
  const WrittenFigures figures = figures_of(dir, collect_runs(dir.file("runs")));
  EXPECT_EQ(figures.files, (std::vector<std::string>{"overview/locomotion.png", "overview/locomotion.svg",
                                                     "profiles/locomotion.png", "profiles/locomotion.svg",
                                                     "curves/hopper-medium-regen.png",
                                                     "curves/hopper-medium-regen.svg"}));
  expect_valid_figures(dir, figures);
  const std::string overview = read_bytes(dir.file("report/overview/locomotion.png"));
  EXPECT_EQ(testing::png_size(overview)->height, dot_interval_size(1).height);
  EXPECT_EQ(testing::pixels_near(overview, kPaperRed, 40), 0) << "no paper score: no paper mark or legend entry";
  EXPECT_GT(testing::pixels_near(overview, kBehaviourGray, 10), 50) << "the behaviour policy's mark and legend";
}

TEST(Figures, ManyDatasetsGiveAnOverviewRowEachAndAProfilePerSuite) {
  TempDir dir;
  const std::vector<std::string> datasets = {"hopper-medium-v2", "walker2d-medium-v2", "halfcheetah-medium-v2",
                                             "antmaze-umaze-v2"};
  for (const std::string& d : datasets) {
    for (int seed = 0; seed < 3; ++seed) {
      write_fake_run(dir.file("runs"), {.dataset = d, .seed = seed, .final_score = 30.0 + 10 * seed,
                                        .curve = {{100, 5}, {200, 30.0 + 10 * seed}}});
    }
  }
  const WrittenFigures figures = figures_of(dir, collect_runs(dir.file("runs")));
  EXPECT_EQ(figures.files.size(), 2u * (2 + 2 + datasets.size()));  // overview and profile per suite, a curve each
  expect_valid_figures(dir, figures);
  const std::string overview = read_bytes(dir.file("report/overview/locomotion.png"));
  EXPECT_EQ(testing::png_size(overview)->height, dot_interval_size(3).height);
  EXPECT_GT(testing::pixels_near(overview, kPaperRed, 40), 50) << "the paper's marks";
}

TEST(Figures, BcRunsAreTheirOwnMethodInProfileAndOverview) {
  TempDir dir;
  write_fake_run(dir.file("runs/iql"), {.dataset = "hopper-medium-v2", .final_score = 60, .curve = {{100, 60}}});
  write_fake_run(dir.file("runs/iql"), {.dataset = "walker2d-medium-v2", .final_score = 70, .curve = {{100, 70}},
                                        .config = "temperature = 0\n"});
  std::vector<RunRecord> runs = collect_runs(dir.file("runs/iql"));
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].method, "IQL");
  EXPECT_EQ(runs[1].method, "BC");
  const WrittenFigures figures = figures_of(dir, runs);
  expect_valid_figures(dir, figures);
  EXPECT_NE(figures.markdown.find("walker2d-medium-v2"), std::string::npos);
}

// the curve of each method in its colour: BC's second, as in the profiles and the overview
TEST(Figures, CurvesDrawBcBesideIqlInItsOwnColour) {
  TempDir dir;
  const std::vector<CurvePoint> iql_curve = {{100, 10}, {200, 40}, {300, 60}};
  const std::vector<CurvePoint> bc_curve = {{100, 5}, {200, 20}, {300, 30}};
  for (int seed : {0, 1}) {
    write_fake_run(dir.file("runs"), {.seed = seed, .final_score = 60, .curve = iql_curve});
  }
  const WrittenFigures iql_only = figures_of(dir, collect_runs(dir.file("runs")));
  const std::string iql_curves = read_bytes(dir.file("report/curves/hopper-medium-v2.png"));
  EXPECT_EQ(testing::pixels_near(iql_curves, series_color(1), 10), 0) << "no BC runs: no BC line";
  EXPECT_GT(testing::pixels_near(iql_curves, series_color(0), 10), 100) << "IQL's line";
  for (int seed : {0, 1}) {
    write_fake_run(dir.file("runs"), {.seed = 10 + seed, .final_score = 30, .curve = bc_curve, .config = testing::kBcConfig});
  }
  const WrittenFigures both = figures_of(dir, collect_runs(dir.file("runs")));
  EXPECT_EQ(both.files, iql_only.files) << "BC's curve joins IQL's figure rather than making its own";
  const std::string curves = read_bytes(dir.file("report/curves/hopper-medium-v2.png"));
  EXPECT_GT(testing::pixels_near(curves, series_color(1), 10), 100) << "BC's line, band and legend";
  EXPECT_GT(testing::pixels_near(curves, series_color(0), 10), 100) << "IQL's line";
}

}  // namespace
}  // namespace harness
