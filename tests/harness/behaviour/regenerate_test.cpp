// Tests for harness/behaviour/regenerate.cpp and regen_manifest.cpp: recording and checking a
// content digest, refusals that name what is wrong, and D4RL's medium-expert concatenation.
#include <gtest/gtest.h>

#include <fstream>

#include "harness/behaviour/collect.h"
#include "harness/run/policy_snapshot.h"
#include "harness/behaviour/regenerate.h"
#include "harness/run/replay_stream.h"
#include "harness/data/d4rl_reader.h"
#include "harness/data/registry.h"
#include "harness/data/sha256.h"
#include "harness/run/config_options.h"
#include "harness/envs/replay_check.h"
#include "tests/harness/run/test_support.h"

namespace harness {
namespace {

using test::error_of;

// a manifest with one small random recipe, under the test's directory
std::string small_manifest(const std::filesystem::path& dir, const std::string& digest = "") {
  RegenEntry e;
  e.name = "walker2d-random-regen";
  e.env = "walker2d";
  e.recipe = "random";
  e.collection_seed = 4;
  e.rows = 1200;
  e.content_digest = digest;
  const std::string path = (dir / "manifest.toml").string();
  write_manifest(path, {e});
  return path;
}

TEST(RegenManifest, WritesAndReadsBackEveryField) {
  const auto dir = test::test_dir();
  RegenEntry e;
  e.name = "hopper-medium-regen";
  e.env = "hopper";
  e.recipe = "policy";
  e.policy = "golden/regen/policies/p.h5";
  e.policy_sha256 = "ab12";
  e.policy_step = 60000;
  e.rule = "the first snapshot whose \"sampled\" score reaches 53";
  e.collection_seed = 3;
  e.rows = 1000000;
  e.content_digest = "cd34";
  e.behaviour_score = 61.25;
  e.behaviour_score_std = 9.5;
  e.behaviour_episodes = 100;
  e.recorded_by = "iql 1234, GCC 12.2.0";
  RegenEntry other = e;
  other.name = "hopper-expert-regen";
  const std::string path = (dir / "m.toml").string();
  write_manifest(path, {e, other});
  const std::vector<RegenEntry> back = read_manifest(path);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].rule, e.rule);
  EXPECT_EQ(back[0].policy_step, 60000);
  EXPECT_EQ(back[0].behaviour_score, 61.25);
  EXPECT_EQ(back[1].name, "hopper-expert-regen");
  EXPECT_EQ(back[1].recorded_by, e.recorded_by);
}

TEST(RegenManifest, AnUnknownKeyOrAMissingRecipeIsNamed) {
  const auto dir = test::test_dir();
  std::ofstream(dir / "bad.toml") << "[hopper-medium-regen]\nenv = \"hopper\"\nrow = 10\n";
  EXPECT_NE(error_of([&] { read_manifest((dir / "bad.toml").string()); }).find("unknown key 'row'"), std::string::npos);
  const std::string path = small_manifest(dir);
  const std::string message = error_of([&] { manifest_entry(read_manifest(path), "hopper-expert-regen", path); });
  EXPECT_NE(message.find("no recipe for 'hopper-expert-regen'"), std::string::npos) << message;
  EXPECT_NE(message.find("walker2d-random-regen"), std::string::npos) << message;
}

TEST(GenerateDataset, RecordsTheDigestThenReproducesItAndRefusesAnotherOne) {
  const auto dir = test::test_dir();
  const std::string manifest = small_manifest(dir);
  GenerateOptions o;
  o.manifest = manifest;
  o.out = (dir / "unrecorded.hdf5").string();
  EXPECT_EQ(generate_dataset("walker2d-random-regen", o).check, DigestCheck::Unrecorded);
  o.out = (dir / "first.hdf5").string();
  o.record = true;
  const GenerateResult first = generate_dataset("walker2d-random-regen", o);
  EXPECT_EQ(first.check, DigestCheck::Recorded);
  EXPECT_EQ(read_manifest(manifest).front().content_digest, first.digest);
  EXPECT_GT(read_manifest(manifest).front().behaviour_episodes, 0);
  o.record = false;
  o.out = (dir / "second.hdf5").string();
  const GenerateResult second = generate_dataset("walker2d-random-regen", o);
  EXPECT_EQ(second.digest, first.digest);
  EXPECT_EQ(second.check, DigestCheck::Matched);
  EXPECT_EQ(read_d4rl(o.out, &dataset_info("walker2d-random-regen")).rows(), 1200u);

  small_manifest(dir, "0000");
  o.out = (dir / "third.hdf5").string();
  const std::string message = error_of([&] { generate_dataset("walker2d-random-regen", o); });
  EXPECT_NE(message.find("expects 0000"), std::string::npos) << message;
  EXPECT_NE(message.find(first.digest), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(o.out));  // nothing written under the final name
}

TEST(GenerateDataset, RefusesD4rlsOwnDatasets) {
  const std::string message = error_of([] { generate_dataset("hopper-medium-v2", {}); });
  EXPECT_NE(message.find("not a regenerated one"), std::string::npos) << message;
}

// a replay stream of `rows` random walker2d steps, as `iql sac` writes it
D4rlFile write_walker2d_stream(const std::filesystem::path& dir, int64_t rows) {
  std::unique_ptr<Env> env = make_env("walker2d");
  autodiff::Rng actions(7), resets(8);
  D4rlFile f = collect_rows(*env, random_behaviour(size_t(env->act_dim()), actions), rows, resets, nullptr);
  const D4rlArrays& a = f.arrays;
  const size_t s = a.observations.shape(1), n_act = a.actions.shape(1), nq = a.qpos.shape(1), nv = a.qvel.shape(1);
  ReplayStream stream(dir.string(), {s, n_act, nq, nv});
  for (size_t r = 0; r < a.rows(); ++r) {
    stream.append({.observation = {&a.observations(r, 0), s},
                   .action = {&a.actions(r, 0), n_act},
                   .reward = a.rewards(r, 0),
                   .terminal = a.terminals[r] != 0,
                   .timeout = a.timeouts[r] != 0,
                   .next_observation = {&f.next_observations(r, 0), s},
                   .qpos = {&a.qpos(r, 0), nq},
                   .qvel = {&a.qvel(r, 0), nv},
                   .action_log_prob = f.action_log_probs(r, 0)});
  }
  stream.flush();
  return f;
}

// replay sets are float64 files, as D4RL's: the state MuJoCo had is stored whole, so check-env
// restores it exactly (through float32 a contact-rich row drifted by 6e-2 in its next observation)
TEST(GenerateDataset, AReplaySetStoresTheStateInDoubleAndReplaysThroughTheEnvironment) {
  const auto dir = test::test_dir();
  const D4rlFile collected = write_walker2d_stream(dir / "replay", 1500);
  RegenEntry e;
  e.name = "walker2d-medium-replay-regen";
  e.env = "walker2d";
  e.recipe = "replay";
  e.rows = 1500;
  GenerateOptions o;
  o.manifest = (dir / "manifest.toml").string();
  write_manifest(o.manifest, {e});
  o.out = (dir / "replay.hdf5").string();
  o.replay_dir = (dir / "replay").string();
  generate_dataset(e.name, o);

  const D4rlArrays back = read_d4rl(o.out, &dataset_info(e.name));
  EXPECT_TRUE(xt::all(xt::equal(back.qpos, collected.arrays.qpos)));
  EXPECT_TRUE(xt::all(xt::equal(back.qvel, collected.arrays.qvel)));
  std::unique_ptr<Env> env = make_env("walker2d");
  const ReplayReport report = check_replay(*env, replay_columns(back));
  for (const MaxError& err : report.state_obs) EXPECT_EQ(err.value, 0.0) << "row " << err.row;
  for (const MaxError& err : report.next_obs) EXPECT_EQ(err.value, 0.0) << "row " << err.row;
}

// issue 32: --replay for a set that is not cut from a replay stream would change nothing: refused
TEST(GenerateDataset, ReplayForASetOfAnotherRecipeIsRefused) {
  GenerateOptions o;
  o.replay_dir = "runs/sac/hopper/seed0/replay";
  try {
    generate_dataset("hopper-medium-regen", o);
    FAIL() << "--replay was ignored";
  } catch (const DatasetError& e) {
    EXPECT_NE(std::string(e.what()).find("hopper-medium-regen is made by its policy recipe, not cut from a replay "
                                         "stream; leave out --replay"),
              std::string::npos) << e.what();
  }
}

// an untrained goal-reaching policy's snapshot steering through the U-maze: the file has D4RL's
// antmaze keys, replays through the maze env, and --record writes the collection statistics
TEST(GenerateDataset, AnAntMazeSetHasD4rlsKeysReplaysAndRecordsItsStatistics) {
  const auto dir = test::test_dir();
  sac::SacConfig config;
  config.hidden_dim = 32;
  autodiff::Rng init(8);
  sac::TanhGaussianPolicy policy(29, 8, config, init);
  const std::string snapshot = (dir / "ant-goal.h5").string();
  write_policy_snapshot(snapshot, policy, {"ant-goal", 10000, 0, config_toml(config)});
  RegenEntry e;
  e.name = "antmaze-umaze-diverse-regen";
  e.env = "antmaze-umaze";
  e.recipe = "antmaze-diverse";
  e.policy = snapshot;  // absolute: the manifest's committed files are relative to the repository
  e.policy_sha256 = sha256_file(snapshot);
  e.rows = 2100;
  GenerateOptions o;
  o.manifest = (dir / "manifest.toml").string();
  write_manifest(o.manifest, {e});
  o.out = (dir / "antmaze.hdf5").string();
  o.record = true;
  const GenerateResult result = generate_dataset(e.name, o);
  EXPECT_EQ(result.rows, 2100);

  const DatasetInfo& info = dataset_info(e.name);
  EXPECT_EQ(info.suite, kAntmazeSuite);
  const D4rlArrays back = read_d4rl(o.out, &info);
  EXPECT_EQ(back.goal.shape(0), 2100u);
  EXPECT_EQ(back.timeouts[1000], 1);
  std::unique_ptr<Env> env = make_env("antmaze-umaze");
  const ReplayReport report = check_replay(*env, replay_columns(back));
  // the state is stored in float32, as D4RL's antmaze files: replays agree to its rounding
  for (const MaxError& err : report.state_obs) EXPECT_LT(err.value, 1e-6) << "row " << err.row;
  for (const MaxError& err : report.next_obs) EXPECT_LT(err.value, 1e-3) << "row " << err.row;
  const RegenEntry recorded = read_manifest(o.manifest).front();
  EXPECT_EQ(recorded.content_digest, result.digest);
  EXPECT_NE(recorded.collection_stats.find("of 3 episodes reached their target"), std::string::npos) << recorded.collection_stats;
}

D4rlFile rows_with_ends(size_t rows, const std::vector<size_t>& ends, float value) {
  D4rlFile f;
  f.arrays.observations = Tensor(std::array<size_t, 2>{rows, 2}, value);
  f.arrays.actions = Tensor(std::array<size_t, 2>{rows, 1}, value);
  f.arrays.rewards = Tensor(std::array<size_t, 2>{rows, 1}, value);
  f.arrays.terminals.assign(rows, 0);
  f.arrays.timeouts.assign(rows, 0);
  for (size_t e : ends) f.arrays.timeouts[e] = 1;
  f.next_observations = f.arrays.observations;
  return f;
}

TEST(ConcatenateEpisodes, CutsTheMediumSetAfterItsLastCompleteEpisodeAndCaps) {
  const D4rlFile medium = rows_with_ends(10, {3, 6}, 1.0f), expert = rows_with_ends(8, {4}, 2.0f);
  const D4rlFile both = concatenate_episodes(medium, expert, 100);
  ASSERT_EQ(both.arrays.rows(), 15u);  // rows 0-6 of medium, then all 8 of expert
  EXPECT_EQ(both.arrays.observations(6, 0), 1.0f);
  EXPECT_EQ(both.arrays.observations(7, 0), 2.0f);
  EXPECT_EQ(both.arrays.timeouts[6], 1);
  EXPECT_EQ(both.arrays.timeouts[11], 1);
  EXPECT_EQ(concatenate_episodes(medium, expert, 10).arrays.rows(), 10u);
}

}  // namespace
}  // namespace harness
