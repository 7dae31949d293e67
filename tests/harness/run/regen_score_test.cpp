// Short IQL runs on regenerated data, one per suite, each exactly at its committed golden
// (golden/ci/iql-*-regen*.txt, a readable diff when it moves): on the first rows of a regenerated
// set, or of `make run`'s mixture, collected from committed policies (golden/regen/), with the
// suite's official settings and one final evaluation.
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>

#include "harness/behaviour/collect_antmaze.h"
#include "harness/behaviour/mixture.h"
#include "harness/behaviour/regenerate.h"
#include "harness/run/train.h"
#include "tests/golden_record.h"

namespace harness {
namespace {
namespace fs = std::filesystem;

// the first `rows` rows of a regenerated set of the manifest, collected afresh from its recipe
D4rlFile first_rows(const std::string& dataset, int64_t rows) {
  const std::vector<RegenEntry> manifest = read_manifest(default_manifest_path());
  return collect_recipe(manifest_entry(manifest, dataset, default_manifest_path()), rows);
}

// IQL with the dataset's official settings for `updates` updates, one evaluation at the end;
// a `temperature` of 0 is BC. `env` names the env of a dataset outside the registry (a mixture).
TrainResult train_short(const std::string& dataset, const D4rlFile& data, int64_t updates, int eval_episodes,
                        std::optional<double> temperature = std::nullopt, const std::string& env = "") {
  const std::string method = temperature == 0.0 ? "_bc" : "";
  const fs::path dir = fs::path(::testing::TempDir()) / ("regen_score_" + dataset + method);
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string file = (dir / (dataset + ".hdf5")).string();
  write_d4rl(file, data);
  TrainOptions o;
  o.dataset = choose_dataset(dataset, file, env);
  o.config = suite_preset(o.dataset.info);
  if (temperature) o.config.temperature = *temperature;
  o.config.max_steps = updates;
  o.eval_interval = updates;
  o.eval_episodes = eval_episodes;
  o.seed = 0;
  o.out = (dir / "run").string();
  return run_train(o);
}

std::string record_of(const TrainResult& r) {
  char text[256];
  std::snprintf(text, sizeof text, "final_score %.17g\nfinal_score_std %.17g\nparameter_hash %s\n", r.final_score,
                r.final_score_std, r.parameter_hash.c_str());
  return text;
}

// `make run`'s data (50 episodes of hopper's expert policy, then 50,000 rows of random actions) and
// its seed 0 runs (10,000 updates, the same bits), 10 episodes: IQL far above BC, both at their
// golden. (On a tenth of the data at 5,000 updates both still fall as random hoppers do: 3.8, 3.7.)
TEST(RegenScore, OnTheDemosMixtureIqlBeatsBcAndBothAreAtTheirGolden) {
  const std::vector<MixturePart> parts = demo_mixture();
  const std::vector<RegenEntry> manifest = read_manifest(default_manifest_path());
  const D4rlFile data = collect_mixture(mixture_entries(manifest, default_manifest_path(), parts), parts).file;
  const TrainResult iql = train_short(kDemoDataset, data, 10000, 10, std::nullopt, "hopper");
  const TrainResult bc = train_short(kDemoDataset, data, 10000, 10, 0.0, "hopper");
  // D4RL-normalised points: IQL's hopper hops on where BC's falls as a random one does (15.3 vs 3.1)
  EXPECT_GT(iql.final_score, bc.final_score + 10.0);
  testing_support::expect_golden_record("IQL\n" + record_of(iql) + "BC\n" + record_of(bc),
                                        IQL_SOURCE_DIR "/golden/ci/iql-bc-hopper-expert-random-regen-demo.txt");
}

// 100 episodes of antmaze-umaze-regen (the goal-reaching ant steered by the planner), 5,000 updates,
// 50 episodes. The set is checked, not the score: IQL needs far more updates than a test can afford
// on AntMaze (README: tens of thousands on the whole set), so the golden pins the pipeline's bits.
TEST(RegenScore, IqlOnASmallRegeneratedAntMazeUmazeSetOfGoalReachingEpisodesIsAtItsGolden) {
  const D4rlFile data = first_rows("antmaze-umaze-regen", 100 * (kAntMazeEpisodeSteps + 1));
  const AntMazeStatistics stats = antmaze_statistics(data.arrays);
  EXPECT_EQ(stats.episodes, 100);
  EXPECT_GE(stats.episodes_reaching_target, 90);              // the whole set: 96.0% of 1000 episodes
  EXPECT_GT(stats.rewarded_rows, 10010);                     // 10% of the rows; the whole set: 17.8%
  const TrainResult r = train_short("antmaze-umaze-regen", data, 5000, 50);
  testing_support::expect_golden_record(record_of(r), IQL_SOURCE_DIR "/golden/ci/iql-antmaze-umaze-regen.txt");
}

}  // namespace
}  // namespace harness
