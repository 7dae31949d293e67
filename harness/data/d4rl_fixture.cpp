// Random D4RL-layout content: spec/environments.md sections 5.2 (gym-mujoco v2) and 5.3 (antmaze).
#include "harness/data/d4rl_fixture.h"

#include <algorithm>

namespace harness {
namespace {

constexpr size_t kLocomotionEpisodeRows = 1000;  // gym TimeLimit; the timeout sits on the 1000th row
constexpr size_t kAntmazeEpisodeRows = 1001;     // the generator flags ts >= 1000 counting from 0
constexpr size_t kLongestSuccessRun = 20;        // antmaze: rows the ant stays at its goal

// (qpos, qvel) of a simulated robot: a damped random walk driven by the actions stands in for physics
struct RobotState {
  std::vector<float> qpos;  // (nq)
  std::vector<float> qvel;  // (nv)
};

class FixtureGenerator {
 public:
  FixtureGenerator(const DatasetInfo& info, const FixtureShape& shape, autodiff::Rng& rng);
  D4rlFile run();

 private:
  void start_episode();
  void write_observation(const RobotState& state, Tensor& observations, size_t i) const;
  void step(size_t i);                // writes row i
  void act_and_move(size_t i);        // row i's action and the state it leads to
  bool antmaze_outcome(size_t i);     // row i's reward and goal; returns its terminal flag
  bool locomotion_outcome(size_t i);  // row i's next observation, reward, log-prob; returns its terminal

  const DatasetInfo& info_;
  const EnvSpec& env_;
  autodiff::Rng& rng_;
  bool antmaze_;
  size_t episode_rows_;
  size_t skip_qpos_;  // leading qpos entries not in the observation (x for locomotion)
  D4rlFile file_;
  RobotState state_;
  size_t episode_step_ = 0;
  size_t success_start_ = 0;  // antmaze: episode rows [start, end) sit at the goal
  size_t success_end_ = 0;
  float goal_[2] = {0.0f, 0.0f};
};

FixtureGenerator::FixtureGenerator(const DatasetInfo& info, const FixtureShape& shape, autodiff::Rng& rng)
    : info_(info), env_(dataset_env(info)), rng_(rng), antmaze_(info.suite == kAntmazeSuite) {
  episode_rows_ = shape.episode_rows ? shape.episode_rows : antmaze_ ? kAntmazeEpisodeRows : kLocomotionEpisodeRows;
  // locomotion observations drop the x position; antmaze observations are the full qpos and qvel
  skip_qpos_ = antmaze_ ? 0 : 1;
  if (static_cast<size_t>(env_.obs_dim) != env_.nq - skip_qpos_ + env_.nv) {
    throw DatasetError("fixture for " + info.name + ": env " + env_.name + " observations are not qpos and qvel");
  }
  size_t n = shape.rows;
  D4rlArrays& a = file_.arrays;
  a.observations = Tensor({n, size_t(env_.obs_dim)});
  a.actions = Tensor({n, size_t(env_.act_dim)});
  a.rewards = Tensor({n, 1});
  a.terminals.assign(n, 0);
  a.timeouts.assign(n, 0);
  a.qpos = StateMatrix({n, size_t(env_.nq)});
  a.qvel = StateMatrix({n, size_t(env_.nv)});
  if (antmaze_) {
    a.goal = Tensor({n, 2});
  } else {
    file_.next_observations = Tensor({n, size_t(env_.obs_dim)});
    file_.action_log_probs = Tensor({n, 1});
  }
  file_.floats = info.floats;
  state_.qpos.resize(env_.nq);
  state_.qvel.resize(env_.nv);
}

D4rlFile FixtureGenerator::run() {
  for (size_t i = 0; i < file_.arrays.rows(); ++i) {
    if (episode_step_ == 0) start_episode();
    step(i);
  }
  return std::move(file_);
}

void FixtureGenerator::start_episode() {
  for (float& q : state_.qpos) q = static_cast<float>(rng_.uniform(-0.1, 0.1));
  for (float& v : state_.qvel) v = static_cast<float>(0.1 * rng_.normal());
  if (!antmaze_) return;
  for (float& g : goal_) g = static_cast<float>(rng_.uniform(0.0, 20.0));
  // half of the episodes reach the goal and stay a while: runs of reward 1, as in the real data
  bool reaches = rng_.uniform() < 0.5;
  success_start_ = reaches ? rng_.below(episode_rows_) : episode_rows_;
  success_end_ = std::min(episode_rows_, success_start_ + 1 + rng_.below(kLongestSuccessRun));
}

void FixtureGenerator::write_observation(const RobotState& state, Tensor& observations, size_t i) const {
  float* out = observations.data() + i * observations.shape(1);
  out = std::copy(state.qpos.begin() + skip_qpos_, state.qpos.end(), out);
  std::copy(state.qvel.begin(), state.qvel.end(), out);
}

void FixtureGenerator::step(size_t i) {
  D4rlArrays& a = file_.arrays;
  // the state before the action: infos and the observation
  std::copy(state_.qpos.begin(), state_.qpos.end(), a.qpos.data() + i * env_.nq);
  std::copy(state_.qvel.begin(), state_.qvel.end(), a.qvel.data() + i * env_.nv);
  write_observation(state_, a.observations, i);
  act_and_move(i);
  bool terminal = antmaze_ ? antmaze_outcome(i) : locomotion_outcome(i);

  // a locomotion fall ends the episode (and is no timeout); antmaze runs on to the time limit
  bool ends_early = terminal && !antmaze_;
  bool timeout = !ends_early && episode_step_ + 1 == episode_rows_;
  a.terminals[i] = terminal;
  a.timeouts[i] = timeout;
  episode_step_ = timeout || ends_early ? 0 : episode_step_ + 1;
}

void FixtureGenerator::act_and_move(size_t i) {
  // velocities follow the actions, positions follow the velocities
  float* action = file_.arrays.actions.data() + i * env_.act_dim;
  for (int k = 0; k < env_.act_dim; ++k) action[k] = static_cast<float>(rng_.uniform(-1.0, 1.0));
  for (int k = 0; k < env_.nv; ++k) {
    float noise = static_cast<float>(0.05 * rng_.normal());
    state_.qvel[k] = 0.9f * state_.qvel[k] + 0.1f * action[k % env_.act_dim] + noise;
  }
  for (int k = 0; k < env_.nq; ++k) state_.qpos[k] += 0.05f * state_.qvel[k % env_.nv];
}

bool FixtureGenerator::antmaze_outcome(size_t i) {
  // at the goal: reward 1 and terminal, relabelled as the real data are
  bool at_goal = episode_step_ >= success_start_ && episode_step_ < success_end_;
  file_.arrays.rewards(i, 0) = at_goal ? 1.0f : 0.0f;
  std::copy_n(goal_, 2, file_.arrays.goal.data() + 2 * i);
  return at_goal;
}

bool FixtureGenerator::locomotion_outcome(size_t i) {
  write_observation(state_, file_.next_observations, i);
  // forward velocity plus the healthy bonus, roughly
  file_.arrays.rewards(i, 0) = state_.qvel[0] + 1.0f + static_cast<float>(0.1 * rng_.normal());
  file_.action_log_probs(i, 0) = static_cast<float>(rng_.normal() - env_.act_dim);
  // halfcheetah never terminates; hopper and walker2d fall over now and then
  return info_.env != "halfcheetah" && rng_.uniform() < 1.0 / episode_rows_;
}

}  // namespace
D4rlFile random_d4rl_file(const DatasetInfo& info, const FixtureShape& shape, autodiff::Rng& rng) {
  return FixtureGenerator(info, shape, rng).run();
}

void write_fixture(const std::string& path, const DatasetInfo& info, const FixtureShape& shape, uint64_t seed) {
  autodiff::Rng rng = autodiff::Rng::stream(seed, "fixture");
  write_d4rl(path, random_d4rl_file(info, shape, rng));
}

}  // namespace harness
