// Short-run goldens (golden/ci/<dataset>.txt): each paper dataset's configuration trained for a
// tiny budget on a fixture file of that dataset's layout, recorded as `key = value` lines (losses,
// score, parameter hash). ctest compares them exactly and shows a line diff; `make golden`
// (iql golden) rewrites them, which is a reviewed change, never done by CI.
#pragma once
#include <string>
#include <vector>

#include "harness/run/finetune.h"

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

/// The short fine-tune golden (golden/ci/finetune-antmaze-umaze-regen.txt): the fine-tune run's
/// defaults on a fixture of antmaze-umaze-regen's layout, for a few hundred steps in each phase.
struct FinetuneCiSettings {
  size_t fixture_rows = 3000;
  int64_t offline_steps = 200;
  int64_t online_steps = 200;
  int eval_episodes = 1;  // at the boundary and at the end
  uint64_t seed = 0;
};

/// Its name in golden/ci/ and for `iql golden --only`.
inline constexpr const char* kFinetuneCiName = "finetune-antmaze-umaze-regen";

/// Writes the fixture under `work_dir` and returns the fine-tune options of the golden run, its
/// run directory `out` (resume tests stop and continue it).
FinetuneOptions finetune_ci_options(const std::string& work_dir, const std::string& out,
                                    const FinetuneCiSettings& settings = {});

/// The record of a finished fine-tune run in `out` (from its metrics and run.json).
std::string finetune_ci_record(const std::string& out, const FinetuneCiSettings& settings = {});

/// Writes the fixture under `work_dir`, runs the golden fine-tune uninterrupted, returns its record.
std::string finetune_ci_golden(const std::string& work_dir);

/// "" when equal; else one line per differing key: "key: expected X, got Y", plus missing keys.
std::string golden_diff(const std::string& expected, const std::string& actual);

}  // namespace harness
