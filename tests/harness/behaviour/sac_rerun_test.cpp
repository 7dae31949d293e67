// Tests for harness/behaviour/sac_rerun.cpp: the manifest's sac_run read as a command line, and a
// replay set's SAC run rerun here: to the step the set needs, continued for a longer set, and with
// the rows of a run that never stopped.
#include <gtest/gtest.h>

#include <filesystem>

#include "harness/run/replay_stream.h"
#include "harness/behaviour/sac_rerun.h"
#include "harness/data/registry.h"
#include "harness/envs/env.h"
#include "tests/harness/run/test_support.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {
namespace fs = std::filesystem;

// a small, fast run: updates from step 100, epochs of 100 steps
const std::string kSmallRun =
    "iql sac --env hopper --seed 2 --hidden-dim 32 --batch-size 32 --warmup-steps 100 --steps-per-epoch 100 "
    "--snapshot-interval 200 --eval-episodes 1 --replay-capacity 1000";

RegenEntry replay_entry(int64_t rows, const std::string& sac_run = kSmallRun) {
  RegenEntry e;
  e.name = "hopper-medium-replay-regen";
  e.env = "hopper";
  e.recipe = "replay";
  e.sac_run = sac_run;
  e.rows = rows;
  return e;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

// the observations and actions of the stream's first `rows` rows, as bytes
std::string stream_bytes(const std::string& replay_dir, int64_t rows) {
  std::unique_ptr<Env> env = make_env("hopper");
  ReplayStream stream(replay_dir, {size_t(env->obs_dim()), size_t(env->act_dim()), size_t(env->model().nq),
                                   size_t(env->model().nv)}, ReplayStream::Access::read);
  const ReplayRows r = stream.read(0, rows);
  std::string text(reinterpret_cast<const char*>(r.observations.data()), r.observations.size() * sizeof(float));
  text.append(reinterpret_cast<const char*>(r.actions.data()), r.actions.size() * sizeof(float));
  return text;
}

// the reruns live beside the dataset cache: $D4RL_DATASET_DIR for one test
struct CacheDir : testing::ScopedEnv {
  explicit CacheDir(const fs::path& dir) : ScopedEnv("D4RL_DATASET_DIR", dir.string()) {}
};

TEST(SacRerun, ReadsTheCommandLineAsTheRunsEnvSeedAndHyperparameters) {
  const SacRunOptions o = parse_sac_run(kSmallRun, "manifest.toml: [x]");
  EXPECT_EQ(o.env, "hopper");
  EXPECT_EQ(o.seed, 2u);
  EXPECT_EQ(o.config.hidden_dim, 32);
  EXPECT_EQ(o.config.warmup_steps, 100);
  EXPECT_EQ(o.config.replay_capacity, 1000);
  EXPECT_EQ(parse_sac_run("iql sac --env walker2d --seed 0 --steps 5000", "m").config.total_steps, 5000);
  EXPECT_EQ(parse_sac_run("iql sac --env walker2d --seed 0", "m").config.batch_size, sac::SacConfig{}.batch_size);
}

TEST(SacRerun, ACommandLineItCannotReadIsNamedWithTheManifestAndTheWord) {
  EXPECT_NE(error_of([] { parse_sac_run("python train.py", "m.toml: [a]"); }).find("m.toml: [a]: sac_run = \"python train.py\": not an `iql sac` command line"), std::string::npos);
  EXPECT_NE(error_of([] { parse_sac_run("iql sac --seed 0", "m"); }).find("names no --env"), std::string::npos);
  EXPECT_NE(error_of([] { parse_sac_run("iql sac --env hopper --seed", "m"); }).find("'--seed' is not a --flag with a value"), std::string::npos);
  EXPECT_NE(error_of([] { parse_sac_run("iql sac --env hopper --seed -1", "m"); }).find("--seed -1 is not a seed"), std::string::npos);
  EXPECT_NE(error_of([] { parse_sac_run("iql sac --env hopper --seed 0 --hiden-dim 3", "m"); }).find("hiden_dim"), std::string::npos);
}

TEST(SacRerun, LivesBesideTheDatasetCache) {
  EXPECT_EQ(sac_rerun_dir(parse_sac_run(kSmallRun, "m"), "/data/d4rl"), "/data/d4rl/sac-runs/hopper/seed2");
}

TEST(SacRerun, RunsToTheRowsTheSetNeedsThenContinuesForALongerSetWithTheBitsOfOneRun) {
  const fs::path dir = test::test_dir();
  std::string stepped, direct;
  {
    CacheDir cache(dir / "stepped");
    replay_of_sac_run(replay_entry(200), "m");
    const std::string replay = replay_of_sac_run(replay_entry(300), "m");  // continues the run from step 200
    EXPECT_EQ(replay, (dir / "stepped/sac-runs/hopper/seed2/replay").string());
    stepped = stream_bytes(replay, 300);
  }
  {
    CacheDir cache(dir / "direct");
    direct = stream_bytes(replay_of_sac_run(replay_entry(300), "m"), 300);
  }
  EXPECT_TRUE(stepped == direct) << "the rows of a run continued from step 200 differ from one run straight to 300";
}

TEST(SacRerun, ASetTheRunHasAlreadyPassedIsCutWithoutRunningAgain) {
  const fs::path dir = test::test_dir();
  CacheDir cache(dir);
  const std::string replay = replay_of_sac_run(replay_entry(300), "m");
  const auto written = fs::last_write_time(dir / "sac-runs/hopper/seed2/checkpoint.h5");
  EXPECT_EQ(replay_of_sac_run(replay_entry(200), "m"), replay);
  EXPECT_EQ(fs::last_write_time(dir / "sac-runs/hopper/seed2/checkpoint.h5"), written);
}

}  // namespace
}  // namespace harness
