// Test support for the harness/report tests: run directories written the way `iql train` writes
// them (run.json and metrics.jsonl through the harness's own JSON writer), with chosen scores.
#pragma once
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "harness/report/runs.h"
#include "harness/run/json.h"
#include "tests/harness/data/test_support.h"

namespace harness::testing {

struct FakeRun {
  std::string dataset = "hopper-medium-v2";
  int seed = 0;
  double final_score = 50;
  bool finished = true;
  bool write_record = true;           // false: only metrics.jsonl, as while training
  double diverged_at = 0;             // > 0: run.json says training diverged at this update
  std::vector<CurvePoint> curve = {};  // evaluation lines; a loss-only line goes between them
  std::string config = "";            // the resolved config (TOML text) in config.toml and run.json; "" = none
};

// the config of a BC run: IQL's actor with temperature 0
inline const std::string kBcConfig = "temperature = 0\n";

/// Writes `run` under runs_dir/<dataset>/seed<S>/ and returns that directory.
inline std::string write_fake_run(const std::string& runs_dir, const FakeRun& run) {
  const std::filesystem::path dir =
      std::filesystem::path(runs_dir) / run.dataset / ("seed" + std::to_string(run.seed));
  std::filesystem::create_directories(dir);
  if (!run.config.empty()) std::ofstream(dir / "config.toml") << run.config;  // as `iql train` writes it first
  std::ofstream metrics(dir / "metrics.jsonl");
  for (const CurvePoint& p : run.curve) {
    metrics << JsonObject().add("step", p.step - 1).add("value_loss", 0.5).add("actor_loss", 1.0).str() << "\n";
    metrics << JsonObject().add("step", p.step).add("value_loss", 0.5).add("normalized_score", p.score)
                   .add("normalized_score_std", 1.0).add("episodes", 10.0).str() << "\n";
  }
  if (run.write_record) {
    const double max_steps = run.curve.empty() ? 1000 : run.curve.back().step;
    JsonObject record;
    record.add("dataset", run.dataset).add("env", "hopper").add("suite", suite_of(run.dataset))
        .add("seed", static_cast<double>(run.seed)).add("steps", run.finished ? max_steps : max_steps / 2)
        .add("max_steps", max_steps).add("finished", run.finished).add("final_score", run.final_score)
        .add("final_score_std", 2.0).add("parameter_hash", "abc").add("dataset_sha256", "def")
        .add("diverged_at", run.diverged_at).add("git_commit", "fakecommit").add("compiler", "GCC")
        .add("blas_kernel", "Haswell");
    if (!run.config.empty()) record.add("config", run.config);
    std::ofstream(dir / "run.json") << record.str() << "\n";
  }
  return dir.string();
}

}  // namespace harness::testing
