#include "harness/report/finetune_table.h"

#include "harness/report/number_format.h"
#include "harness/report/stats.h"

namespace harness {
namespace {

// "mean ± std", with – for the std of one seed (as the per-dataset table)
std::string mean_std(const std::vector<double>& values) {
  const std::string spread = values.size() > 1 ? fixed(sample_std(values)) : "–";
  return fixed(mean(values)) + " ± " + spread;
}

struct Row {
  std::string dataset;
  std::vector<double> offline, online;
};

std::vector<Row> rows_of(const std::vector<RunRecord>& runs) {
  std::vector<Row> rows;
  for (const RunRecord& run : runs) {
    if (run.offline_steps <= 0 || !run.finished) continue;
    if (rows.empty() || rows.back().dataset != run.dataset) rows.push_back({run.dataset, {}, {}});
    rows.back().offline.push_back(run.offline_score);
    rows.back().online.push_back(run.final_score);
  }
  return rows;
}

}  // namespace

std::string markdown_finetune_table(const std::vector<RunRecord>& runs) {
  const std::vector<Row> rows = rows_of(runs);
  if (rows.empty()) return "";
  std::string table = "| Dataset | Offline | -> Online | Seeds |\n|---|---:|---:|---:|\n";
  for (const Row& r : rows) {
    table += "| " + r.dataset + " | " + mean_std(r.offline) + " | " + mean_std(r.online) + " | " +
             std::to_string(r.offline.size()) + " |\n";
  }
  return table;
}

}  // namespace harness
