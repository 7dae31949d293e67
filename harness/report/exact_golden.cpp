#include "harness/report/exact_golden.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

#include "autodiff/error.h"
#include "harness/report/csv_table.h"
#include "harness/report/number_format.h"
#include "harness/run/text_file.h"

namespace harness {
namespace {

using CellKey = std::tuple<std::string, std::string, int64_t>;  // algorithm, dataset, seed

CellKey key_of(const ExactCell& c) { return {c.algorithm, c.dataset, c.seed}; }

ExactCell cell_of(const std::string& algorithm, const RunRecord& run) {
  return {run.dataset, algorithm, run.seed, run.steps, run.final_score};
}

std::string exact(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

std::string cell_name(const ExactCell& c) {
  return c.dataset + "  " + c.algorithm + "  seed " + std::to_string(c.seed);
}

}  // namespace

std::vector<ExactCell> read_exact_golden(const std::string& path) {
  const CsvTable table = CsvTable::read(path, {"dataset", "algorithm", "seed", "steps", "final_score"},
                                        "the exact golden (e.g. golden/regen-100k.csv)");
  std::vector<ExactCell> cells;
  std::map<CellKey, size_t> seen;
  for (size_t i = 0; i < table.rows(); ++i) {
    ExactCell c{table.text(i, "dataset"), table.text(i, "algorithm"), table.integer(i, "seed"),
                table.integer(i, "steps"), table.number(i, "final_score")};
    if (!seen.emplace(key_of(c), i).second) {
      throw autodiff::Error(table.where(i) + ": " + cell_name(c) + " appears twice");
    }
    cells.push_back(std::move(c));
  }
  return cells;
}

void write_exact_golden(const std::string& path, const std::vector<std::string>& provenance,
                        const std::vector<ExactCell>& cells) {
  std::string text;
  for (const std::string& line : provenance) text += "# " + line + "\n";
  text += "dataset,algorithm,seed,steps,final_score\n";
  for (const ExactCell& c : cells) {
    text += c.dataset + "," + c.algorithm + "," + std::to_string(c.seed) + "," + std::to_string(c.steps) + "," +
            exact(c.final_score) + "\n";
  }
  write_text_file(path, text);
}

std::vector<ExactCell> exact_cells(const std::vector<AlgorithmRuns>& runs) {
  std::vector<ExactCell> cells;
  for (const AlgorithmRuns& a : runs) {
    for (const RunRecord& run : a.runs) {
      if (run.finished) cells.push_back(cell_of(a.algorithm, run));
    }
  }
  std::sort(cells.begin(), cells.end(), [](const ExactCell& x, const ExactCell& y) { return key_of(x) < key_of(y); });
  return cells;
}

std::vector<ExactCheck> check_exact(const std::vector<ExactCell>& golden, const std::vector<AlgorithmRuns>& runs) {
  std::map<CellKey, ExactCheck> checks;
  for (const ExactCell& g : golden) checks[key_of(g)] = {ExactStatus::not_run, g, {}};
  for (const AlgorithmRuns& a : runs) {
    for (const RunRecord& run : a.runs) {
      const ExactCell r = cell_of(a.algorithm, run);
      auto it = checks.find(key_of(r));
      if (it == checks.end()) {
        if (run.finished) checks[key_of(r)] = {ExactStatus::not_in_golden, {}, r};
        continue;
      }
      ExactCheck& c = it->second;
      c.run = r;
      if (!run.finished) c.status = ExactStatus::not_finished;
      else if (r.steps != c.golden.steps) c.status = ExactStatus::other_budget;
      else c.status = r.final_score == c.golden.final_score ? ExactStatus::same : ExactStatus::differs;
    }
  }
  std::vector<ExactCheck> out;
  for (auto& [key, check] : checks) out.push_back(std::move(check));
  return out;
}

std::string exact_check_line(const ExactCheck& c) {
  const ExactCell& g = c.golden;
  const ExactCell& r = c.run;
  switch (c.status) {
    case ExactStatus::same:
      return "SAME     " + cell_name(g) + ": " + fixed(g.final_score, 2) + " (" + std::to_string(g.steps) +
             " updates), bit for bit";
    case ExactStatus::differs:
      return "DIFFERS  " + cell_name(g) + ": golden " + exact(g.final_score) + ", run " + exact(r.final_score) +
             " (" + std::to_string(g.steps) + " updates): another build or platform, or changed code";
    case ExactStatus::other_budget:
      return "----     " + cell_name(g) + ": the run made " + std::to_string(r.steps) + " updates, the golden " +
             std::to_string(g.steps) + ": not comparable";
    case ExactStatus::not_finished:
      return "----     " + cell_name(g) + ": the run has not finished";
    case ExactStatus::not_in_golden:
      return "----     " + cell_name(r) + ": " + fixed(r.final_score, 2) + ", not in the golden";
    case ExactStatus::not_run:
      break;
  }
  return "----     " + cell_name(g) + ": not run (golden " + fixed(g.final_score, 2) + ")";
}

}  // namespace harness
