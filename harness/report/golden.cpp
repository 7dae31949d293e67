#include "harness/report/golden.h"

#include <algorithm>
#include <cmath>

#include "autodiff/error.h"
#include "harness/report/csv_table.h"
#include "harness/report/number_format.h"

namespace harness {
namespace {

const std::vector<std::string> kGoldenColumns = {"dataset", "suite", "paper_mean", "paper_std", "corl_last",
                                                 "corl_best"};

GoldenRow parse_row(const CsvTable& table, size_t i) {
  GoldenRow row;
  row.dataset = table.text(i, "dataset");
  row.suite = table.text(i, "suite");
  row.paper_mean = table.number(i, "paper_mean");
  row.paper_std = table.number(i, "paper_std");
  row.corl_last = table.number(i, "corl_last");
  row.corl_best = table.number(i, "corl_best");
  return row;
}

}  // namespace

std::vector<GoldenRow> read_golden(const std::string& path) {
  const CsvTable table = CsvTable::read(path, kGoldenColumns, "the golden table (pass --golden PATH to golden/paper.csv)");
  std::vector<GoldenRow> rows;
  for (size_t i = 0; i < table.rows(); ++i) {
    GoldenRow row = parse_row(table, i);
    if (find_golden(rows, row.dataset)) throw autodiff::Error(table.where(i) + ": '" + row.dataset + "' appears twice");
    rows.push_back(std::move(row));
  }
  return rows;
}

double tolerance_for(const ToleranceRule& rule, const GoldenRow& row) {
  if (rule.fixed) return *rule.fixed;
  return std::max(rule.stds * row.paper_std, rule.floor);
}

std::string describe(const ToleranceRule& rule) {
  if (rule.fixed) return "pass when |ours - paper| <= " + fixed(*rule.fixed) + " points";
  return "pass when |ours - paper| <= max(" + fixed(rule.stds) + " x paper std, " + fixed(rule.floor) + ") points";
}

std::string check_line(const GoldenCheck& c) {
  const std::string seeds = counted(c.seeds, "seed");
  switch (c.status) {
    case CheckStatus::no_runs:
      return "----  " + c.dataset + ": no finished runs" + (c.in_golden ? " (paper " + fixed(c.paper) + ")" : "");
    case CheckStatus::no_golden:
      return "----  " + c.dataset + ": ours " + fixed(c.ours) + " (" + seeds + "), not in the golden table";
    case CheckStatus::pass:
    case CheckStatus::fail:
      break;
  }
  const bool pass = c.status == CheckStatus::pass;
  return std::string(pass ? "PASS  " : "FAIL  ") + c.dataset + ": ours " + fixed(c.ours) + " (" + seeds +
         ") vs paper " + fixed(c.paper) + ": |diff| " + fixed(std::fabs(c.ours - c.paper)) +
         (pass ? " <= " : " > ") + fixed(c.tolerance);
}

const GoldenRow* find_golden(const std::vector<GoldenRow>& golden, const std::string& dataset) {
  auto it = std::find_if(golden.begin(), golden.end(), [&](const GoldenRow& r) { return r.dataset == dataset; });
  return it == golden.end() ? nullptr : &*it;
}

}  // namespace harness

