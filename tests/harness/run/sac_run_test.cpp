// Tests for harness/run/sac_run.cpp: a resumed run ends with the same bits as one that never
// stopped (learner, replay stream, metrics), refusals, and what the run directory holds.
#include <gtest/gtest.h>

#include <filesystem>

#include "autodiff/thread_pool.h"
#include "harness/run/policy_snapshot.h"
#include "harness/run/sac_run.h"
#include "harness/run/json.h"
#include "harness/run/metrics_log.h"
#include "test_support.h"
#include "tests/harness/run/strict_json.h"

namespace harness {
namespace {
namespace fs = std::filesystem;

// a small, fast run: updates begin at step 100, an epoch is 100 steps, snapshots every 200
SacRunOptions small_run(const fs::path& out, int64_t total) {
  SacRunOptions o;
  o.env = "hopper";
  o.seed = 2;
  o.config.hidden_dim = 32;
  o.config.batch_size = 32;
  o.config.warmup_steps = 100;
  o.config.steps_per_epoch = 100;
  o.config.snapshot_interval = 200;
  o.config.eval_episodes = 1;
  o.config.total_steps = total;
  o.out = out.string();
  return o;
}

// the metrics lines without their wall times
std::vector<Json> metrics_without_times(const fs::path& out) {
  std::vector<Json> lines = read_metrics((out / "metrics.jsonl").string());
  for (auto& line : lines) line.erase("train_seconds");
  return lines;
}

TEST(SacRun, AResumedRunEndsWithTheSameBitsAsOneThatNeverStopped) {
  const fs::path dir = test::test_dir();
  const SacRunResult straight = run_sac(small_run(dir / "straight", 600));
  SacRunOptions first = small_run(dir / "split", 600);
  first.stop_at = 250;  // mid-epoch, mid-episode, after updates began
  const SacRunResult part = run_sac(first);
  EXPECT_TRUE(part.interrupted);
  EXPECT_EQ(part.env_steps, 250);
  EXPECT_EQ(part.updates, 100);
  SacRunOptions second = small_run(dir / "split", 600);
  second.resume = true;
  second.stop_at = 450;
  run_sac(second);
  second.stop_at = 0;
  const SacRunResult rest = run_sac(second);
  EXPECT_FALSE(rest.interrupted);
  EXPECT_EQ(rest.env_steps, 600);
  EXPECT_EQ(rest.updates, 500);
  EXPECT_EQ(rest.parameter_hash, straight.parameter_hash);
  EXPECT_EQ(rest.replay_digest, straight.replay_digest);
  EXPECT_EQ(metrics_without_times(dir / "split"), metrics_without_times(dir / "straight"));
}

TEST(SacRun, EveryThreadCountGivesTheSameBits) {
  const fs::path dir = test::test_dir();
  // products big enough to be split (64 x 64 x 64), three deterministic evaluation episodes to share
  auto run = [&](size_t threads) {
    SacRunOptions o = small_run(dir / ("threads" + std::to_string(threads)), 300);
    o.config.hidden_dim = 64;
    o.config.batch_size = 64;
    o.config.eval_episodes = 3;
    o.threads = threads;
    return run_sac(o);
  };
  const SacRunResult one = run(1);
  for (size_t threads : {2, 3, 4}) {
    const SacRunResult r = run(threads);
    EXPECT_EQ(r.parameter_hash, one.parameter_hash) << threads << " threads";
    EXPECT_EQ(r.replay_digest, one.replay_digest) << threads << " threads";
    EXPECT_EQ(r.deterministic_score, one.deterministic_score) << threads << " threads";
    EXPECT_EQ(metrics_without_times(dir / ("threads" + std::to_string(threads))), metrics_without_times(dir / "threads1"))
        << threads << " threads";
  }
  autodiff::set_thread_count(1);
}

TEST(SacRun, LeavesSnapshotsMetricsAndARunRecord) {
  const fs::path out = test::test_dir() / "run";
  const SacRunResult r = run_sac(small_run(out, 400));
  EXPECT_TRUE(fs::exists(out / "snapshots/step-0000200.h5"));
  EXPECT_TRUE(fs::exists(out / "snapshots/step-0000400.h5"));
  EXPECT_EQ(read_snapshot_info(snapshot_path(out.string(), 400)).step, 400);
  const auto lines = read_metrics((out / "metrics.jsonl").string());
  ASSERT_EQ(lines.size(), 4u);  // one per epoch
  EXPECT_EQ(json_number(lines[0], "updates", -1), 0);
  EXPECT_EQ(json_number(lines[3], "updates", -1), 300);
  for (const char* key : {"sampled_score", "deterministic_score", "sampled_return", "alpha", "q1_loss", "entropy"})
    EXPECT_TRUE(lines[3].count(key)) << key;
  EXPECT_FALSE(lines[2].count("sampled_score"));  // step 300: no snapshot
  std::ifstream record(out / "run.json");
  const std::string text((std::istreambuf_iterator<char>(record)), std::istreambuf_iterator<char>());
  const auto run = parse_json_object(text.substr(0, text.find('\n')));
  EXPECT_EQ(json_string(run, "parameter_hash"), r.parameter_hash);
  EXPECT_EQ(json_string(run, "replay_digest"), r.replay_digest);
  EXPECT_EQ(run.at("finished"), Json(true));
  EXPECT_EQ(testing::expect_strict_json_lines((out / "metrics.jsonl").string()), 4);
  EXPECT_EQ(testing::expect_strict_json_lines((out / "run.json").string()), 1);
}

TEST(SacRun, RefusesToOverwriteARunOrToResumeWithAnotherConfig) {
  const fs::path out = test::test_dir() / "run";
  SacRunOptions o = small_run(out, 300);
  o.stop_at = 150;
  run_sac(o);
  EXPECT_THROW(run_sac(o), autodiff::Error);  // no --resume
  o.resume = true;
  o.config.q_lr = 1e-3;
  try {
    run_sac(o);
    FAIL() << "resumed with another config";
  } catch (const autodiff::Error& e) {
    EXPECT_NE(std::string(e.what()).find("config"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace harness
