// Short-run goldens (golden/ci/<dataset>.txt): each paper dataset's configuration trained for a
// tiny budget on a fixture file of that dataset's layout, recorded as `key = value` lines (losses,
// score, parameter hash). ctest compares them exactly and shows a line diff; `make golden`
// (iql golden) rewrites them, which is a reviewed change, never done by CI.
#pragma once
#include <string>
#include <vector>

namespace harness {

struct GoldenCiSettings {
  size_t fixture_rows = 3000;  // rows of the generated dataset file (its seed: the dataset's index)
  int64_t steps = 200;         // updates; the config is the dataset suite's preset otherwise
  int eval_episodes = 1;       // one evaluation, at the end
  uint64_t seed = 0;
  size_t threads = 1;          // not in the record: every count gives the same one
};

/// The 15 datasets of the IQL paper, in registry order.
std::vector<std::string> golden_ci_datasets();

/// Writes the fixture under `work_dir`, trains, and returns the record text.
std::string golden_ci_record(const std::string& dataset, const std::string& work_dir,
                             const GoldenCiSettings& settings = {});

/// Where the committed record of `dataset` lives in the source tree.
std::string golden_ci_path(const std::string& dataset);

/// "" when equal; else one line per differing key: "key: expected X, got Y", plus missing keys.
std::string golden_diff(const std::string& expected, const std::string& actual);

}  // namespace harness
