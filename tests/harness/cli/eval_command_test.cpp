// End-to-end checks of `iql eval --video` (harness/cli/eval.cpp) and `iql datasets render`
// (harness/cli/render_dataset.cpp) through the real binary.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "harness/run/policy_snapshot.h"
#include "harness/run/config_options.h"
#include "harness/data/d4rl_fixture.h"
#include "harness/data/hdf5_file.h"
#include "harness/run/checkpoint.h"
#include "tests/harness/cli/iql_binary.h"
#include "tests/harness/data/test_support.h"
#include "tests/harness/render/test_support.h"

namespace harness {
namespace {

namespace fs = std::filesystem;

// an untrained policy of obs_dim -> act_dim saved as a checkpoint whose env is `env`; `kind` "finetune"
// marks it as a fine-tune run's, as save_finetune_checkpoint does beside its online state
std::string write_checkpoint(const testing::TempDir& dir, const std::string& env, size_t obs_dim, size_t act_dim,
                             const std::string& kind = "") {
  iql::IqlConfig config;
  config.hidden_dim = 16;
  iql::Learner learner(obs_dim, act_dim, config, 1);
  RunState run;
  run.dataset = env + "-test";
  run.env = env;
  run.obs_dim = obs_dim;
  run.act_dim = act_dim;
  run.config_toml = config_toml(config);
  const std::string path = dir.file("checkpoint.h5");
  save_checkpoint(path, learner, run, [&kind](hid_t file) {
    if (!kind.empty()) write_text_attribute(file, "kind", kind);
  });
  return path;
}

// runs iql; returns its exit code and leaves its output in dir/iql.log
int run(const testing::TempDir& dir, const std::vector<std::string>& args) {
  return testing::run_iql(args, dir.file("iql.log")).exit_code;
}

// the log is one line starting "error: " and holding `words`
void expect_one_error_line(const testing::TempDir& dir, const std::string& words) {
  const std::string log = testing::read_bytes(dir.file("iql.log"));
  EXPECT_EQ(log.rfind("error: ", 0), 0u) << log;
  EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 1) << log;
  EXPECT_NE(log.find(words), std::string::npos) << log;
}

// the first episode's length as `iql eval` prints it ("episode 0: return R, length L, ...")
int first_episode_length(const std::string& log) {
  int length = -1;
  const size_t at = log.find("episode 0:");
  if (at != std::string::npos) std::sscanf(log.c_str() + at, "episode 0: return %*f, length %d", &length);
  return length;
}

// one frame after the reset and one per step: mp4 at real time shows every step
TEST(EvalCommand, VideoHoldsTheFirstEpisodeFramePerStep) {
  testing::TempDir dir;
  const std::string checkpoint = write_checkpoint(dir, "hopper", 11, 3);
  ASSERT_EQ(run(dir, {"eval", "--checkpoint", checkpoint, "--episodes", "2", "--video", dir.file("v.mp4"),
                      "--size", "64"}),
            0)
      << testing::read_bytes(dir.file("iql.log"));
  const int length = first_episode_length(testing::read_bytes(dir.file("iql.log")));
  ASSERT_GT(length, 0);
  const testing::ProbedVideo video = testing::probe_video(dir.file("v.mp4"));
  EXPECT_EQ(video.frames, length + 1);
  EXPECT_EQ(video.width, 64);
  EXPECT_EQ(video.height, 64);
}

// the trace has a row per step, episodes in order, whose rewards sum to each printed return; and
// tracing changes no score (the same lines as an evaluation without it)
TEST(EvalCommand, TraceHoldsEveryStepAndItsRewardsSumToTheReturns) {
  testing::TempDir dir;
  const std::string checkpoint = write_checkpoint(dir, "hopper", 11, 3);
  ASSERT_EQ(run(dir, {"eval", "--checkpoint", checkpoint, "--episodes", "3", "--threads", "2"}), 0);
  const std::string plain = testing::read_bytes(dir.file("iql.log"));
  ASSERT_EQ(run(dir, {"eval", "--checkpoint", checkpoint, "--episodes", "3", "--trace", dir.file("t.csv")}), 0)
      << testing::read_bytes(dir.file("iql.log"));
  const std::string traced = testing::read_bytes(dir.file("iql.log"));
  EXPECT_EQ(traced, plain + "trace: " + dir.file("t.csv") + " (one row a step)\n" + plain);  // the log is appended
  std::FILE* csv = std::fopen(dir.file("t.csv").c_str(), "r");
  ASSERT_NE(csv, nullptr);
  char header[1024];
  ASSERT_NE(std::fgets(header, sizeof header, csv), nullptr);
  EXPECT_EQ(std::string(header).rfind("episode,step,reward,done,obs_0,", 0), 0u) << header;
  EXPECT_NE(std::string(header).find(",obs_10,action_0,action_1,action_2,next_obs_0,"), std::string::npos) << header;
  EXPECT_NE(std::string(header).find(",next_obs_10\n"), std::string::npos) << header;
  std::vector<double> returns(3, 0.0);
  std::vector<int> lengths(3, 0);
  int episode = 0, step = 0, done = 0;
  double reward = 0;
  char rest[4096];
  while (std::fscanf(csv, "%d,%d,%lf,%d,%4095s", &episode, &step, &reward, &done, rest) == 5) {
    ASSERT_EQ(step, lengths.at(episode)) << "rows in step order";
    returns[episode] += reward;
    ++lengths[episode];
    EXPECT_EQ(std::count(rest, rest + std::strlen(rest), ','), 24) << "11 observations, 3 actions, 11 next ones";
  }
  std::fclose(csv);
  for (int e = 0; e < 3; ++e) {
    char line[64];
    std::snprintf(line, sizeof line, "episode %d: return %.2f, length %d", e, returns[e], lengths[e]);
    EXPECT_NE(plain.find(line), std::string::npos) << line << "\n" << plain;
  }
}

// `make run` films one episode: the summary line says so in the singular
TEST(EvalCommand, OneEpisodeIsCountedInTheSingular) {
  testing::TempDir dir;
  const std::string checkpoint = write_checkpoint(dir, "hopper", 11, 3);
  ASSERT_EQ(run(dir, {"eval", "--checkpoint", checkpoint, "--episodes", "1"}), 0) << testing::read_bytes(dir.file("iql.log"));
  const std::string log = testing::read_bytes(dir.file("iql.log"));
  EXPECT_NE(log.find(" over 1 episode (eval seed "), std::string::npos) << log;
  EXPECT_EQ(log.find("1 episodes"), std::string::npos) << log;
}

TEST(EvalCommand, CheckpointForAnotherEnvIsOneLine) {
  testing::TempDir dir;
  const std::string checkpoint = write_checkpoint(dir, "walker2d", 11, 3);  // hopper's dims
  EXPECT_NE(run(dir, {"eval", "--checkpoint", checkpoint, "--video", dir.file("v.mp4")}), 0);
  expect_one_error_line(dir, "another environment");
  EXPECT_FALSE(fs::exists(dir.file("v.mp4")));
}

TEST(EvalCommand, UnknownVideoExtensionIsOneLine) {
  testing::TempDir dir;
  const std::string checkpoint = write_checkpoint(dir, "hopper", 11, 3);
  EXPECT_NE(run(dir, {"eval", "--checkpoint", checkpoint, "--video", dir.file("v.avi")}), 0);
  expect_one_error_line(dir, "'.avi'");
}

TEST(EvalCommand, UnwritableVideoPathIsOneLine) {
  testing::TempDir dir;
  const std::string checkpoint = write_checkpoint(dir, "hopper", 11, 3);
  EXPECT_NE(run(dir, {"eval", "--checkpoint", checkpoint, "--video", dir.file("missing/v.mp4")}), 0);
  expect_one_error_line(dir, "missing/v.mp4");
}

TEST(EvalCommand, VideoOptionsWithoutVideoAreRefused) {
  testing::TempDir dir;
  const std::string checkpoint = write_checkpoint(dir, "hopper", 11, 3);
  EXPECT_NE(run(dir, {"eval", "--checkpoint", checkpoint, "--fps", "30"}), 0);
  EXPECT_NE(testing::read_bytes(dir.file("iql.log")).find("--video"), std::string::npos);
}

// an untrained goal-reaching SAC policy: scored with its sampled actions, its goals counted
TEST(EvalCommand, ASacSnapshotIsScoredWithItsSampledActionsAndGoals) {
  testing::TempDir dir;
  sac::SacConfig config;
  config.hidden_dim = 16;
  autodiff::Rng init(3);
  sac::TanhGaussianPolicy policy(29, 8, config, init);
  const std::string snapshot = dir.file("step-0010000.h5");
  write_policy_snapshot(snapshot, policy, {"ant-goal", 10000, 4, config_toml(config)});
  ASSERT_EQ(run(dir, {"eval", "--snapshot", snapshot, "--episodes", "2", "--seed", "1"}), 0)
      << testing::read_bytes(dir.file("iql.log"));
  const std::string log = testing::read_bytes(dir.file("iql.log"));
  EXPECT_NE(log.find("SAC ant-goal seed 4 step 10000 (sampled actions): "), std::string::npos) << log;
  EXPECT_NE(log.find("goals: 0% of the episodes reached one"), std::string::npos) << log;
  // D4RL has no reference scores for the goal-reaching ant: its score is called a return
  EXPECT_NE(log.find(" return over 2 episodes"), std::string::npos) << log;
  EXPECT_EQ(log.find("normalised"), std::string::npos) << log;
}

TEST(EvalCommand, AFineTuneRunsCheckpointIsScored) {
  testing::TempDir dir;
  const std::string checkpoint = write_checkpoint(dir, "antmaze-umaze", 29, 8, "finetune");
  ASSERT_EQ(run(dir, {"eval", "--checkpoint", checkpoint, "--episodes", "1"}), 0) << testing::read_bytes(dir.file("iql.log"));
  EXPECT_NE(testing::read_bytes(dir.file("iql.log")).find("antmaze-umaze-test (antmaze-umaze) step 0: "), std::string::npos)
      << testing::read_bytes(dir.file("iql.log"));
}

TEST(EvalCommand, WithoutAPolicyItSaysWhichToGive) {
  testing::TempDir dir;
  EXPECT_NE(run(dir, {"eval", "--episodes", "2"}), 0);
  EXPECT_NE(testing::read_bytes(dir.file("iql.log")).find("--checkpoint (an IQL run's) or --snapshot"), std::string::npos)
      << testing::read_bytes(dir.file("iql.log"));
}

TEST(DatasetsRenderCommand, EpisodeOutOfRangeIsOneLine) {
  testing::TempDir dir;
  write_fixture(dir.file("data.hdf5"), dataset_info("hopper-medium-v2"), {40, 20}, 0);
  EXPECT_NE(run(dir, {"datasets", "render", "hopper-medium-v2", "--file", dir.file("data.hdf5"), "--episode", "99",
                      "--out", dir.file("x.gif")}),
            0);
  expect_one_error_line(dir, "episode 99 does not exist");
  EXPECT_FALSE(fs::exists(dir.file("x.gif")));
}

TEST(DatasetsRenderCommand, WritesTheEpisode) {
  testing::TempDir dir;
  write_fixture(dir.file("data.hdf5"), dataset_info("hopper-medium-v2"), {40, 20}, 0);
  ASSERT_EQ(run(dir, {"datasets", "render", "hopper-medium-v2", "--file", dir.file("data.hdf5"), "--episode", "0",
                      "--out", dir.file("x.gif"), "--size", "48", "--fps", "20"}),
            0)
      << testing::read_bytes(dir.file("iql.log"));
  const testing::ProbedVideo video = testing::probe_video(dir.file("x.gif"));
  EXPECT_EQ(video.width, 48);
  EXPECT_GT(video.frames, 0);
}

}  // namespace
}  // namespace harness
