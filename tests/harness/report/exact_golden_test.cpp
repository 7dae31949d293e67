// Tests for harness/report/exact_golden.cpp: an exact golden written from runs reads back to the same
// doubles, and the check tells a bit-identical rerun from one that moved by one ulp, another budget,
// an unfinished run, a missing run and a run the golden lacks.
#include <gtest/gtest.h>

#include <cmath>

#include "autodiff/error.h"
#include "harness/report/exact_golden.h"
#include "tests/harness/data/test_support.h"
#include "tests/harness/report/fake_runs.h"

namespace harness {
namespace {

using testing::FakeRun;
using testing::TempDir;
using testing::write_bytes;
using testing::write_fake_run;

const double kScore = 66.123456789012345;  // needs all 17 digits to read back

std::vector<AlgorithmRuns> runs_of(const TempDir& dir) {
  return {{"iql", collect_runs(dir.file("iql"))}, {"bc", collect_runs(dir.file("bc"))}};
}

ExactStatus status_of(const std::vector<ExactCheck>& checks, const std::string& algorithm, int64_t seed) {
  for (const ExactCheck& c : checks) {
    const ExactCell& cell = c.status == ExactStatus::not_in_golden ? c.run : c.golden;
    if (cell.algorithm == algorithm && cell.seed == seed) return c.status;
  }
  ADD_FAILURE() << "no check for " << algorithm << " seed " << seed;
  return ExactStatus::not_run;
}

TEST(ExactGolden, WrittenFromRunsItReadsBackToTheSameDoubles) {
  TempDir dir;
  write_fake_run(dir.file("iql"), {.seed = 0, .final_score = kScore});
  write_fake_run(dir.file("iql"), {.seed = 1, .final_score = 1.0 / 3.0});
  write_fake_run(dir.file("bc"), {.seed = 0, .final_score = 52.5});
  write_fake_run(dir.file("bc"), {.seed = 1, .final_score = 1, .finished = false});
  const std::string path = dir.file("regen.csv");
  write_exact_golden(path, {"budget: 1000 updates"}, exact_cells(runs_of(dir)));
  const std::vector<ExactCell> back = read_exact_golden(path);
  ASSERT_EQ(back.size(), 3u);  // the unfinished BC run is left out
  EXPECT_EQ(back[0].algorithm, "bc");
  EXPECT_EQ(back[1].final_score, kScore);
  EXPECT_EQ(back[2].final_score, 1.0 / 3.0);
  EXPECT_EQ(back[2].steps, 1000);
  for (const ExactCheck& c : check_exact(back, runs_of(dir))) {
    if (c.status != ExactStatus::not_finished) {
      EXPECT_EQ(c.status, ExactStatus::same) << exact_check_line(c);
    }
  }
}

TEST(ExactGolden, TheCheckNamesEachWayACellCanDisagree) {
  TempDir dir;
  write_fake_run(dir.file("iql"), {.seed = 0, .final_score = kScore});
  write_fake_run(dir.file("iql"), {.seed = 1, .final_score = std::nextafter(kScore, 100.0)});
  write_fake_run(dir.file("iql"), {.seed = 2, .final_score = kScore, .curve = {{500, 1}, {2000, kScore}}});
  write_fake_run(dir.file("iql"), {.seed = 3, .final_score = kScore, .finished = false});
  write_fake_run(dir.file("iql"), {.seed = 4, .final_score = kScore});
  std::filesystem::create_directories(dir.file("bc"));
  const std::vector<ExactCell> golden = {{"hopper-medium-v2", "iql", 0, 1000, kScore},
                                         {"hopper-medium-v2", "iql", 1, 1000, kScore},
                                         {"hopper-medium-v2", "iql", 2, 1000, kScore},
                                         {"hopper-medium-v2", "iql", 3, 1000, kScore},
                                         {"hopper-medium-v2", "bc", 0, 1000, kScore}};
  const std::vector<ExactCheck> checks = check_exact(golden, runs_of(dir));
  EXPECT_EQ(status_of(checks, "iql", 0), ExactStatus::same);
  EXPECT_EQ(status_of(checks, "iql", 1), ExactStatus::differs);  // one ulp is a difference
  EXPECT_EQ(status_of(checks, "iql", 2), ExactStatus::other_budget);
  EXPECT_EQ(status_of(checks, "iql", 3), ExactStatus::not_finished);
  EXPECT_EQ(status_of(checks, "iql", 4), ExactStatus::not_in_golden);
  EXPECT_EQ(status_of(checks, "bc", 0), ExactStatus::not_run);
  for (const ExactCheck& c : checks) {
    if (c.status == ExactStatus::differs) {
      const std::string line = exact_check_line(c);
      EXPECT_NE(line.find("DIFFERS  hopper-medium-v2  iql  seed 1: golden 66.12345678901235"), std::string::npos) << line;
    }
  }
}

TEST(ExactGolden, ARepeatedCellOrABadNumberIsNamedWithItsLine) {
  TempDir dir;
  const std::string path = dir.file("g.csv");
  write_bytes(path, "# c\ndataset,algorithm,seed,steps,final_score\nd,iql,0,10,1.5\nd,iql,0,10,2\n");
  EXPECT_THROW(
      try { read_exact_golden(path); } catch (const autodiff::Error& e) {
        EXPECT_NE(std::string(e.what()).find("g.csv:4: d  iql  seed 0 appears twice"), std::string::npos) << e.what();
        throw;
      },
      autodiff::Error);
  write_bytes(path, "dataset,algorithm,seed,steps,final_score\nd,iql,x,10,1.5\n");
  EXPECT_THROW(
      try { read_exact_golden(path); } catch (const autodiff::Error& e) {
        EXPECT_NE(std::string(e.what()).find("g.csv:2: column 'seed' is 'x', not an integer"), std::string::npos) << e.what();
        throw;
      },
      autodiff::Error);
}

}  // namespace
}  // namespace harness
