#include "harness/report/golden.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "autodiff/error.h"

namespace harness {
namespace {

const std::vector<std::string> kGoldenColumns = {"dataset", "suite", "paper_mean", "paper_std", "corl_last",
                                                 "corl_best"};

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.push_back("");
  return fields;
}

std::string where(const std::string& path, int line) { return path + ":" + std::to_string(line); }

double parse_number(const std::string& text, const std::string& at, const std::string& column) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0') {
    throw autodiff::Error(at + ": column '" + column + "' is '" + text + "', not a number");
  }
  return value;
}

// the position of every required column in the header
std::map<std::string, size_t> column_positions(const std::vector<std::string>& header, const std::string& at) {
  std::map<std::string, size_t> positions;
  for (const std::string& name : kGoldenColumns) {
    auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) {
      throw autodiff::Error(at + ": the header lacks column '" + name +
                            "'; it needs dataset,suite,paper_mean,paper_std,corl_last,corl_best");
    }
    positions[name] = static_cast<size_t>(it - header.begin());
  }
  return positions;
}

GoldenRow parse_row(const std::vector<std::string>& fields, const std::map<std::string, size_t>& at_column,
                    const std::string& at, size_t header_size) {
  if (fields.size() != header_size) {
    throw autodiff::Error(at + ": " + std::to_string(fields.size()) + " fields but the header has " +
                          std::to_string(header_size));
  }
  auto number = [&](const std::string& column) { return parse_number(fields[at_column.at(column)], at, column); };
  GoldenRow row;
  row.dataset = fields[at_column.at("dataset")];
  row.suite = fields[at_column.at("suite")];
  row.paper_mean = number("paper_mean");
  row.paper_std = number("paper_std");
  row.corl_last = number("corl_last");
  row.corl_best = number("corl_best");
  return row;
}

std::string fixed1(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

}  // namespace

std::vector<GoldenRow> read_golden(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw autodiff::Error(path + ": cannot read the golden table (pass --golden PATH to golden/paper.csv)");
  std::vector<GoldenRow> rows;
  std::vector<std::string> header;
  std::map<std::string, size_t> at_column;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (header.empty()) {
      header = split_csv_line(line);
      at_column = column_positions(header, where(path, number));
      continue;
    }
    GoldenRow row = parse_row(split_csv_line(line), at_column, where(path, number), header.size());
    if (find_golden(rows, row.dataset)) throw autodiff::Error(where(path, number) + ": '" + row.dataset + "' appears twice");
    rows.push_back(std::move(row));
  }
  if (header.empty()) throw autodiff::Error(path + ": no header line; the golden table is empty");
  return rows;
}

double tolerance_for(const ToleranceRule& rule, const GoldenRow& row) {
  if (rule.fixed) return *rule.fixed;
  return std::max(rule.stds * row.paper_std, rule.floor);
}

std::string describe(const ToleranceRule& rule) {
  if (rule.fixed) return "pass when |ours - paper| <= " + fixed1(*rule.fixed) + " points";
  return "pass when |ours - paper| <= max(" + fixed1(rule.stds) + " x paper std, " + fixed1(rule.floor) + ") points";
}

std::string check_line(const GoldenCheck& c) {
  const std::string seeds = std::to_string(c.seeds) + (c.seeds == 1 ? " seed" : " seeds");
  switch (c.status) {
    case CheckStatus::no_runs:
      return "----  " + c.dataset + ": no finished runs (paper " + fixed1(c.paper) + ")";
    case CheckStatus::no_golden:
      return "----  " + c.dataset + ": ours " + fixed1(c.ours) + " (" + seeds + "), not in the golden table";
    case CheckStatus::pass:
    case CheckStatus::fail:
      break;
  }
  const bool pass = c.status == CheckStatus::pass;
  return std::string(pass ? "PASS  " : "FAIL  ") + c.dataset + ": ours " + fixed1(c.ours) + " (" + seeds +
         ") vs paper " + fixed1(c.paper) + ": |diff| " + fixed1(std::fabs(c.ours - c.paper)) +
         (pass ? " <= " : " > ") + fixed1(c.tolerance);
}

const GoldenRow* find_golden(const std::vector<GoldenRow>& golden, const std::string& dataset) {
  auto it = std::find_if(golden.begin(), golden.end(), [&](const GoldenRow& r) { return r.dataset == dataset; });
  return it == golden.end() ? nullptr : &*it;
}

}  // namespace harness

