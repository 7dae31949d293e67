// IQL learns on regenerated data: the first 50,000 rows of hopper-medium-regen (the committed SAC
// medium policy, golden/regen/), 5,000 updates with the official locomotion settings, one final
// evaluation of 10 episodes. The score must be far above random (hopper-random-regen's behaviour
// scores 1.1) and exactly the committed golden (golden/ci/iql-hopper-medium-regen.txt), shown as a
// readable diff when it moves.
#include <gtest/gtest.h>

#include <filesystem>

#include "harness/behaviour/regenerate.h"
#include "harness/run/train.h"
#include "tests/golden_record.h"

namespace harness {
namespace {
namespace fs = std::filesystem;

constexpr const char* kGolden = IQL_SOURCE_DIR "/golden/ci/iql-hopper-medium-regen.txt";
constexpr double kFloor = 25.0;  // D4RL-normalised points; random hopper scores ~1, this run ~40

std::string record_of(const TrainResult& r) {
  char text[256];
  std::snprintf(text, sizeof text, "final_score %.17g\nfinal_score_std %.17g\nparameter_hash %s\n", r.final_score,
                r.final_score_std, r.parameter_hash.c_str());
  return text;
}

TEST(RegenScore, IqlOnASmallRegeneratedHopperMediumSetScoresFarAboveRandomAndAtItsGolden) {
  const fs::path dir = fs::path(::testing::TempDir()) / "regen_score";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::vector<RegenEntry> manifest = read_manifest(default_manifest_path());
  const std::string data = (dir / "hopper-medium-regen-50k.hdf5").string();
  write_d4rl(data, collect_recipe(manifest_entry(manifest, "hopper-medium-regen", default_manifest_path()), 50000));
  TrainOptions o;
  o.dataset = choose_dataset("hopper-medium-regen", data, "");
  o.config = suite_preset(o.dataset.info);
  o.config.max_steps = 5000;
  o.eval_interval = 5000;
  o.eval_episodes = 10;
  o.seed = 0;
  o.out = (dir / "run").string();
  const TrainResult r = run_train(o);
  EXPECT_GT(r.final_score, kFloor);
  testing_support::expect_golden_record(record_of(r), kGolden);
}

}  // namespace
}  // namespace harness
