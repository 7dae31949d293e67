#include "harness/run/golden_ci.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

#include "harness/data/d4rl_fixture.h"
#include "harness/run/fingerprint.h"
#include "harness/run/metrics_log.h"
#include "harness/run/finetune.h"
#include "harness/run/text_file.h"
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

// a fixture of `info`'s layout in an emptied `dir`; returns its path
std::string fresh_fixture(const fs::path& dir, const DatasetInfo& info, size_t rows, uint64_t seed) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string file = (dir / info.file_name).string();
  write_fixture(file, info, FixtureShape{rows, 0}, seed);
  return file;
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
  // each dataset its own content, so no two records can agree by accident
  const std::vector<std::string> all = golden_ci_datasets();
  const uint64_t fixture_seed = static_cast<uint64_t>(std::find(all.begin(), all.end(), dataset) - all.begin());
  const std::string file = fresh_fixture(dir, info, s.fixture_rows, fixture_seed);

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

FinetuneOptions finetune_ci_options(const std::string& work_dir, const std::string& out, const FinetuneCiSettings& s) {
  const std::string dataset = "antmaze-umaze-regen";
  const DatasetInfo& info = dataset_info(dataset);
  FinetuneOptions options;
  options.dataset = choose_dataset(dataset, fresh_fixture(fs::path(work_dir) / kFinetuneCiName, info, s.fixture_rows, 0), "");
  options.seed = s.seed;
  options.config = finetune_preset(info);
  options.config.max_steps = s.offline_steps;
  options.online_steps = s.online_steps;
  options.eval_interval = s.offline_steps + s.online_steps;  // evaluations at the boundary and the end only
  options.eval_episodes = s.eval_episodes;
  options.log_interval = s.offline_steps + s.online_steps;
  options.out = out;
  return options;
}

std::string finetune_ci_record(const std::string& out, const FinetuneCiSettings& s) {
  const Json run = parse_json_object(read_text_file(out + "/run.json"));
  const auto last = read_metrics(out + "/metrics.jsonl").back();
  std::ostringstream record;
  record << "dataset = antmaze-umaze-regen\n"
         << "fixture = " << s.fixture_rows << " rows, seed 0\n"
         << "config = fine-tune preset, " << s.offline_steps << " offline updates, " << s.online_steps
         << " online steps, seed " << s.seed << "\n"
         << "offline_score = " << number(json_number(run, "offline_score", NAN)) << "\n";
  for (const char* key : {"value_loss", "actor_loss", "critic_loss", "mean_q", "mean_value", "normalized_score"})
    record << key << " = " << number(json_number(last, key, NAN)) << "\n";
  record << "parameter_hash = " << json_string(run, "parameter_hash") << "\n"
         << "replay_digest = " << json_string(run, "replay_digest") << "\n"
         << "blas_kernel = " << build_info().blas_kernel << "\n";  // hashes hold for this kernel family
  return record.str();
}

std::string finetune_ci_golden(const std::string& work_dir) {
  const std::string out = (fs::path(work_dir) / kFinetuneCiName / "run").string();
  run_finetune(finetune_ci_options(work_dir, out));
  return finetune_ci_record(out);
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
