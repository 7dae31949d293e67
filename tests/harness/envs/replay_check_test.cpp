// Tests for harness/envs/replay_check.cpp: the dataset fidelity check on fixture files made by
// rolling out our own environments (so they replay up to float32 storage), written and read back
// with the harness's D4RL writer and reader.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <string>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xview.hpp>

#include "harness/data/d4rl_writer.h"
#include "harness/envs/antmaze.h"
#include "harness/envs/replay_check.h"

namespace harness {
namespace {

constexpr size_t kRows = 300;
constexpr size_t kEpisodeRows = 120;   // a short time limit, so files hold timeouts too
constexpr double kNextObsTol = 5e-4;   // stepping from a float32-rounded state (seen: <= 1e-4)
constexpr double kRewardTol = 1e-4;    // dx / dt amplifies that rounding (seen: <= 5e-6)
constexpr double kOffByOneMin = 1e-3;  // a state error this large means the columns are misaligned

// a file name under the temp dir, removed on destruction
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& stem)
      : path((std::filesystem::temp_directory_path() /
              (stem + "_" + std::to_string(::getpid()) + ".hdf5")).string()) {}
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

// D4RL's layout from a random-action rollout of our env: row t holds the state and observation
// before actions[t], and the reward and flags of that step
D4rlFile rollout_file(Env& env, uint64_t seed) {
  const EnvSpec& spec = env.spec();
  D4rlFile file;
  D4rlArrays& a = file.arrays;
  a.observations = xt::zeros<float>({kRows, size_t(spec.obs_dim)});
  a.actions = xt::zeros<float>({kRows, size_t(spec.act_dim)});
  a.rewards = xt::zeros<float>({kRows, size_t(1)});
  a.qpos = xt::zeros<double>({kRows, size_t(spec.nq)});
  a.qvel = xt::zeros<double>({kRows, size_t(spec.nv)});
  file.next_observations = xt::zeros<float>({kRows, size_t(spec.obs_dim)});
  a.terminals.assign(kRows, 0);
  a.timeouts.assign(kRows, 0);

  autodiff::Rng rng = autodiff::Rng::stream(seed, "reset");
  autodiff::Rng action_rng = autodiff::Rng::stream(seed, "actions");
  std::vector<float> obs = env.reset(rng);
  std::vector<float> action(spec.act_dim);
  size_t episode_step = 0;
  for (size_t t = 0; t < kRows; ++t) {
    for (int i = 0; i < spec.nq; ++i) a.qpos(t, i) = static_cast<float>(env.data().qpos[i]);  // as a float32 file
    for (int i = 0; i < spec.nv; ++i) a.qvel(t, i) = static_cast<float>(env.data().qvel[i]);
    for (int i = 0; i < spec.obs_dim; ++i) a.observations(t, i) = obs[i];
    for (int i = 0; i < spec.act_dim; ++i) a.actions(t, i) = action[i] = float(action_rng.uniform(-1, 1));
    const StepResult& step = env.step(action);
    a.rewards(t, 0) = static_cast<float>(step.reward);
    for (int i = 0; i < spec.obs_dim; ++i) file.next_observations(t, i) = step.observation[i];
    obs = step.observation;
    a.terminals[t] = step.terminated;
    a.timeouts[t] = !step.terminated && ++episode_step == kEpisodeRows;
    if (a.terminals[t] || a.timeouts[t]) {
      obs = env.reset(rng);
      episode_step = 0;
    }
  }
  return file;
}

// rollout -> HDF5 file -> read back -> replay through a fresh env
ReplayReport check_own_rollout(const std::string& env_name, const std::string& dataset) {
  std::unique_ptr<Env> env = make_env(env_name);
  TempFile tmp("replay_" + env_name);
  write_d4rl(tmp.path, rollout_file(*env, 1));
  const DatasetInfo& info = dataset_info(dataset);
  const D4rlArrays arrays = read_d4rl(tmp.path, &info, InfoKeys::read);
  std::unique_ptr<Env> replay_env = make_env(env_name);
  return check_replay(*replay_env, replay_columns(arrays));
}

double worst(const std::vector<MaxError>& errors) {
  double w = 0.0;
  for (const MaxError& e : errors) w = std::max(w, e.value);
  return w;
}

TEST(ReplayCheck, OwnLocomotionRolloutsReplayWithinStorageRounding) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"hopper", "hopper-medium-v2"}, {"walker2d", "walker2d-medium-v2"},
      {"halfcheetah", "halfcheetah-medium-v2"}};
  for (const auto& [env, dataset] : cases) {
    const ReplayReport report = check_own_rollout(env, dataset);
    EXPECT_EQ(report.rows, kRows) << env;
    EXPECT_GT(report.transitions, kRows / 2) << env;
    EXPECT_LT(report.transitions, kRows) << env << ": episode ends are not transitions";
    // obs is a float32 copy of qpos/qvel, and so is the file's qpos/qvel: exact
    EXPECT_EQ(worst(report.state_obs), 0.0) << env;
    EXPECT_LT(worst(report.next_obs), kNextObsTol) << env;
    EXPECT_TRUE(report.rewards_checked);
    EXPECT_LT(report.reward.value, kRewardTol) << env << " at row " << report.reward.row;
    EXPECT_EQ(report.termination_mismatches, 0u) << env;
    EXPECT_EQ(report.physics_warnings, 0u) << env;
  }
}

TEST(ReplayCheck, AntMazeChecksObservationsButNotRewards) {
  const ReplayReport report = check_own_rollout("antmaze-umaze", "antmaze-umaze-v2");
  EXPECT_FALSE(report.rewards_checked);
  EXPECT_LT(worst(report.next_obs), kNextObsTol);
  // the quaternion of a reset row is stored as MuJoCo normalised it, so states round-trip too
  EXPECT_EQ(worst(report.state_obs), 0.0);
}

// D4RL's fixed off-by-one (commit 507fd61): qpos/qvel recorded one row late
TEST(ReplayCheck, DetectsStateColumnsOffByOneRow) {
  std::unique_ptr<Env> env = make_env("hopper");
  D4rlFile file = rollout_file(*env, 2);
  D4rlArrays& a = file.arrays;
  for (size_t t = 0; t + 1 < kRows; ++t) {
    xt::row(a.qpos, t) = xt::row(a.qpos, t + 1);
    xt::row(a.qvel, t) = xt::row(a.qvel, t + 1);
  }
  const ReplayReport report = check_replay(*env, replay_columns(a));
  EXPECT_GT(worst(report.state_obs), kOffByOneMin);
  EXPECT_GT(worst(report.next_obs), kOffByOneMin);
}

TEST(ReplayCheck, DetectsRewardsFromAnotherEnvironment) {
  std::unique_ptr<Env> env = make_env("halfcheetah");
  D4rlFile file = rollout_file(*env, 3);
  file.arrays.rewards += 1.0f;  // e.g. a healthy bonus the cheetah does not pay
  const ReplayReport report = check_replay(*env, replay_columns(file.arrays));
  EXPECT_NEAR(report.reward.value, 1.0, kRewardTol);
}

// a regenerated AntMaze set's rewards and terminals: 1 where the next xy is within reach of the goal
// its collection drew, which the manifest knows (D4RL's files do not): checked against it
TEST(ReplayCheck, AntMazeRewardsAreCheckedAgainstTheGoalTheyWereRelabelledAgainst) {
  std::unique_ptr<Env> env = make_env("antmaze-umaze");
  D4rlFile file = rollout_file(*env, 6);
  D4rlArrays& a = file.arrays;
  constexpr size_t kChecked = 100;  // within the first episode, so row t + 1 holds the state after row t
  const std::array<double, 2> goal = {a.qpos(11, 0), a.qpos(11, 1)};
  size_t rewarded = 0;
  for (size_t t = 0; t < kChecked; ++t) {
    const bool at_goal = std::hypot(a.qpos(t + 1, 0) - goal[0], a.qpos(t + 1, 1) - goal[1]) <= kGoalRadius;
    a.rewards(t, 0) = at_goal ? 1.0f : 0.0f;
    a.terminals[t] = at_goal;
    rewarded += at_goal;
  }
  ASSERT_GT(rewarded, 0u);
  ASSERT_LT(rewarded, kChecked);
  const ReplayReport right = check_replay(*env, replay_columns(a), kChecked, goal);
  EXPECT_TRUE(right.rewards_checked);
  EXPECT_EQ(right.reward.value, 0.0) << "row " << right.reward.row;
  EXPECT_EQ(right.termination_mismatches, 0u);

  a.rewards(10, 0) = 0.0f;  // the step onto the goal itself, unrewarded
  a.terminals[10] = 0;
  const ReplayReport wrong = check_replay(*env, replay_columns(a), kChecked, goal);
  EXPECT_EQ(wrong.reward.value, 1.0);
  EXPECT_EQ(wrong.reward.row, 10u);
  EXPECT_EQ(wrong.termination_mismatches, 1u);
}

TEST(ReplayCheck, MaxRowsLimitsTheReplay) {
  std::unique_ptr<Env> env = make_env("halfcheetah");
  const D4rlFile file = rollout_file(*env, 4);
  EXPECT_EQ(check_replay(*env, replay_columns(file.arrays), 10).rows, 10u);
}

TEST(ReplayCheck, RejectsAFileWithoutQpos) {
  std::unique_ptr<Env> env = make_env("hopper");
  D4rlFile file = rollout_file(*env, 5);
  file.arrays.qpos = StateMatrix();
  try {
    check_replay(*env, replay_columns(file.arrays));
    FAIL() << "expected EnvError";
  } catch (const EnvError& e) {
    EXPECT_NE(std::string(e.what()).find("infos/qpos"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace harness
