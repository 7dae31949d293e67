#include "harness/run/golden_ci.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

#include "harness/data/fixture_writer.h"
#include "harness/run/fingerprint.h"
#include "harness/run/metrics_log.h"
#include "harness/run/train.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);  // float precision; the hash covers every bit
  return text;
}

// "key = value" lines -> map, for diffs
std::map<std::string, std::string> parse_record(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const size_t eq = line.find(" = ");
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 3);
  }
  return out;
}

}  // namespace

std::vector<std::string> golden_ci_datasets() {
  std::vector<std::string> names;
  for (const DatasetInfo& info : dataset_registry())
    if (info.paper) names.push_back(info.name);
  return names;
}

std::string golden_ci_record(const std::string& dataset, const std::string& work_dir, const GoldenCiSettings& s) {
  const DatasetInfo& info = dataset_info(dataset);
  const fs::path dir = fs::path(work_dir) / dataset;
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string file = (dir / info.file_name).string();
  // each dataset its own content, so no two records can agree by accident
  const std::vector<std::string> all = golden_ci_datasets();
  const uint64_t fixture_seed = static_cast<uint64_t>(std::find(all.begin(), all.end(), dataset) - all.begin());
  write_fixture(file, info, FixtureShape{s.fixture_rows, 0}, fixture_seed);

  TrainOptions options;
  options.dataset = choose_dataset(dataset, file, "");
  options.seed = s.seed;
  options.config = suite_preset(info);
  options.config.max_steps = s.steps;
  options.eval_interval = s.steps;
  options.eval_episodes = s.eval_episodes;
  options.log_interval = s.steps;
  options.out = (dir / "run").string();
  options.threads = s.threads;
  const TrainResult result = run_train(options);
  const auto last = read_metrics(options.out + "/metrics.jsonl").back();

  std::ostringstream record;
  record << "dataset = " << dataset << "\n"
         << "fixture = " << s.fixture_rows << " rows, seed " << fixture_seed << "\n"
         << "config = " << info.suite << " preset, " << s.steps << " updates, seed " << s.seed << "\n";
  for (const char* key : {"value_loss", "actor_loss", "critic_loss", "mean_q", "mean_value", "normalized_score"})
    record << key << " = " << number(json_number(last, key, NAN)) << "\n";
  record << "parameter_hash = " << result.parameter_hash << "\n"
         << "blas_kernel = " << build_info().blas_kernel << "\n";  // hashes hold for this kernel family
  return record.str();
}

std::string golden_ci_path(const std::string& dataset) {
  return std::string(IQL_SOURCE_DIR) + "/golden/ci/" + dataset + ".txt";
}

std::string golden_diff(const std::string& expected, const std::string& actual) {
  const auto want = parse_record(expected), got = parse_record(actual);
  std::string diff;
  for (const auto& [key, value] : want) {
    auto it = got.find(key);
    if (it == got.end()) diff += key + ": expected " + value + ", missing\n";
    else if (it->second != value) diff += key + ": expected " + value + ", got " + it->second + "\n";
  }
  for (const auto& [key, value] : got)
    if (!want.count(key)) diff += key + ": not expected, got " + value + "\n";
  return diff;
}

}  // namespace harness
