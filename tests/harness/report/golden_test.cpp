// Tests for harness/report/golden.cpp and the table it reads, golden/paper.csv.
#include <gtest/gtest.h>

#include <cmath>

#include "autodiff/error.h"
#include "harness/report/golden.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

using testing::TempDir;
using testing::write_bytes;

const std::string kPaperCsv = std::string(IQL_SOURCE_DIR) + "/golden/paper.csv";
constexpr double kRounding = 0.05;  // the paper prints one decimal

double suite_total(const std::vector<GoldenRow>& rows, const std::string& suite, int& count) {
  double total = 0;
  count = 0;
  for (const GoldenRow& r : rows) {
    if (r.suite == suite) total += r.paper_mean, ++count;
  }
  return total;
}

TEST(PaperCsv, HoldsTheFifteenDatasetsOfTable1) {
  const std::vector<GoldenRow> rows = read_golden(kPaperCsv);
  ASSERT_EQ(rows.size(), 15u);
  for (const GoldenRow& r : rows) {
    EXPECT_EQ(r.dataset.substr(r.dataset.size() - 3), "-v2") << r.dataset;
    EXPECT_GT(r.paper_std, 0) << r.dataset;
  }
  EXPECT_EQ(rows[1].dataset, "hopper-medium-v2");
  EXPECT_EQ(rows[1].paper_mean, 66.3);
  EXPECT_EQ(rows[1].corl_best, 80.46);
}

TEST(PaperCsv, SuiteTotalsMatchThePaper) {
  const std::vector<GoldenRow> rows = read_golden(kPaperCsv);
  int count = 0;
  EXPECT_NEAR(suite_total(rows, "locomotion", count), 692.6, kRounding);
  EXPECT_EQ(count, 9);
  EXPECT_NEAR(suite_total(rows, "antmaze", count), 378.0, kRounding);
  EXPECT_EQ(count, 6);
}

TEST(ReadGolden, AcceptsColumnsInAnyOrderAndSkipsComments) {
  TempDir dir;
  write_bytes(dir.file("g.csv"), "# note\nsuite,dataset,corl_best,corl_last,paper_std,paper_mean\nlocomotion,x-v2,4,3,2,1\n");
  const std::vector<GoldenRow> rows = read_golden(dir.file("g.csv"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].dataset, "x-v2");
  EXPECT_EQ(rows[0].paper_mean, 1);
  EXPECT_EQ(rows[0].corl_best, 4);
}

// the message of the autodiff::Error `read_golden(path)` throws
std::string golden_error(const std::string& path) {
  try {
    read_golden(path);
  } catch (const autodiff::Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error reading " << path;
  return "";
}

TEST(ReadGolden, MissingColumnIsNamed) {
  TempDir dir;
  write_bytes(dir.file("g.csv"), "dataset,suite,paper_mean\n");
  EXPECT_NE(golden_error(dir.file("g.csv")).find("lacks column 'paper_std'"), std::string::npos);
}

TEST(ReadGolden, BadNumberNamesLineAndColumn) {
  TempDir dir;
  write_bytes(dir.file("g.csv"), "dataset,suite,paper_mean,paper_std,corl_last,corl_best\nx,locomotion,47.4,?,1,2\n");
  const std::string message = golden_error(dir.file("g.csv"));
  EXPECT_NE(message.find("g.csv:2: column 'paper_std' is '?'"), std::string::npos) << message;
}

TEST(ReadGolden, DuplicateDatasetIsRejected) {
  TempDir dir;
  write_bytes(dir.file("g.csv"), "dataset,suite,paper_mean,paper_std,corl_last,corl_best\nx,l,1,1,1,1\nx,l,2,2,2,2\n");
  EXPECT_NE(golden_error(dir.file("g.csv")).find("'x' appears twice"), std::string::npos);
}

TEST(Tolerance, IsTwoPaperStdsButAtLeastFivePoints) {
  const ToleranceRule rule;
  GoldenRow row;
  row.paper_std = 0.2;
  EXPECT_EQ(tolerance_for(rule, row), 5.0);
  row.paper_std = 14.3;
  EXPECT_EQ(tolerance_for(rule, row), 28.6);
  EXPECT_EQ(describe(rule), "pass when |ours - paper| <= max(2.0 x paper std, 5.0) points");
}

TEST(Tolerance, FixedValueReplacesTheRule) {
  ToleranceRule rule;
  rule.fixed = 3.0;
  GoldenRow row;
  row.paper_std = 14.3;
  EXPECT_EQ(tolerance_for(rule, row), 3.0);
  EXPECT_EQ(describe(rule), "pass when |ours - paper| <= 3.0 points");
}

TEST(CheckLine, SaysPassFailOrNoRunsWithTheNumbers) {
  GoldenCheck c{"hopper-medium-v2", CheckStatus::pass, 5, 64.2, 66.3, 11.4, true};
  EXPECT_EQ(check_line(c), "PASS  hopper-medium-v2: ours 64.2 (5 seeds) vs paper 66.3: |diff| 2.1 <= 11.4");
  c.status = CheckStatus::fail;
  c.ours = 40;
  EXPECT_EQ(check_line(c), "FAIL  hopper-medium-v2: ours 40.0 (5 seeds) vs paper 66.3: |diff| 26.3 > 11.4");
  c.status = CheckStatus::no_runs;
  EXPECT_EQ(check_line(c), "----  hopper-medium-v2: no finished runs (paper 66.3)");
  // a dataset the golden table lacks has no paper number to show, not a 0.0
  const GoldenCheck other{"hopper-medium-regen", CheckStatus::no_runs};
  EXPECT_EQ(check_line(other), "----  hopper-medium-regen: no finished runs");
}

}  // namespace
}  // namespace harness
