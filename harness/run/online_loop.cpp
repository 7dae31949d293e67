#include "harness/run/online_loop.h"

#include <algorithm>

#include "autodiff/error.h"

namespace harness {

using autodiff::Rng;

OnlineState initial_online_state(uint64_t seed) {
  OnlineState s;
  s.exploration = Rng::stream(seed, "exploration").state();
  s.resets = Rng::stream(seed, "resets").state();
  return s;
}

void write_online_state(hid_t file, const OnlineState& s, const std::vector<double>& interval_sums) {
  write_u64_attribute(file, "rng_exploration", {s.exploration.begin(), s.exploration.end()});
  write_u64_attribute(file, "rng_resets", {s.resets.begin(), s.resets.end()});
  write_u64_attribute(file, "env_steps", {static_cast<uint64_t>(s.env_steps)});
  write_double_attributes(file, "env_state", flatten(s.env_state));
  write_double_attribute(file, "episode_return", s.episode_return);
  std::vector<double> log = {static_cast<double>(interval_sums.size())};
  log.insert(log.end(), interval_sums.begin(), interval_sums.end());
  log.insert(log.end(), s.finished_returns.begin(), s.finished_returns.end());
  write_double_attributes(file, "epoch_log", log);
}

OnlineState read_online_state(hid_t file, const std::string& path, std::vector<double>& interval_sums) {
  OnlineState s;
  auto read_stream = [&](const char* name, Rng::State& state) {
    const std::vector<uint64_t> v = read_u64_attribute(file, path, name, state.size());
    std::copy(v.begin(), v.end(), state.begin());
  };
  read_stream("rng_exploration", s.exploration);
  read_stream("rng_resets", s.resets);
  s.env_steps = static_cast<int64_t>(read_u64_attribute(file, path, "env_steps", 1).front());
  try {
    s.env_state = unflatten(read_double_attributes(file, path, "env_state"));
  } catch (const EnvError& e) {
    throw autodiff::Error(path + ": " + e.what());
  }
  s.episode_return = read_double_attribute(file, path, "episode_return");
  const std::vector<double> log = read_double_attributes(file, path, "epoch_log");
  const size_t sums = log.empty() ? 0 : static_cast<size_t>(log[0]);
  if (log.empty() || sums > log.size() - 1) throw autodiff::Error(path + ": attribute 'epoch_log' is damaged");
  const auto returns_begin = log.begin() + 1 + static_cast<std::ptrdiff_t>(sums);
  interval_sums.assign(log.begin() + 1, returns_begin);
  s.finished_returns.assign(returns_begin, log.end());
  return s;
}

void add_exploration_returns(JsonObject& line, const std::vector<double>& returns) {
  line.add("train_episodes", static_cast<double>(returns.size()));
  if (returns.empty()) return;
  double sum = 0.0;
  for (double r : returns) sum += r;
  line.add("train_return", sum / static_cast<double>(returns.size()));
}

OnlineLoop::OnlineLoop(const Setup& setup, const rl::Transitions& prefix)
    : env_(make_env(setup.env)),
      obs_dim_(static_cast<size_t>(env_->obs_dim())),
      act_dim_(static_cast<size_t>(env_->act_dim())),
      reward_(setup.reward),
      buffer_(setup.capacity, obs_dim_, act_dim_),
      prefix_rows_(prefix.size()),
      action_(act_dim_),
      eps_(act_dim_) {
  if (setup.capacity <= prefix_rows_) {
    throw autodiff::Error("a replay buffer of " + std::to_string(setup.capacity) + " rows leaves no room for online rows after " +
                          std::to_string(prefix_rows_) + " offline ones");
  }
  const mjModel& m = env_->model();
  stream_ = std::make_unique<ReplayStream>(setup.stream_dir, ReplayStream::Shape{obs_dim_, act_dim_, size_t(m.nq), size_t(m.nv)});
  if (prefix_rows_ > 0) buffer_.add_all(prefix);
}

float OnlineLoop::buffered_reward(double reward) const {
  return reward_ ? reward_(reward) : static_cast<float>(reward);
}

void OnlineLoop::start(const OnlineState& state) {
  state_ = state;
  stream_->truncate(0);  // a stream without a checkpoint is from a run that never saved one
  resets_.set_state(state_.resets);
  observation_ = env_->reset(resets_);
  exploration_.set_state(state_.exploration);
}

void OnlineLoop::resume(const OnlineState& state) {
  state_ = state;
  stream_->truncate(state_.env_steps);
  // the buffer holds the last rows of the stream that fit after the prefix, each in its slot; with a
  // prefix the buffer is sized never to wrap, so `first` is 0 and the prefix stays
  const int64_t online_capacity = static_cast<int64_t>(buffer_.capacity() - prefix_rows_);
  const int64_t first = std::max<int64_t>(0, state_.env_steps - online_capacity);
  const ReplayRows rows = stream_->read(first, state_.env_steps);
  if (first > 0) buffer_.start_at(first);
  for (size_t i = 0; i < rows.rows; ++i) {
    const Transition t = rows.row(i);
    buffer_.add(t, buffered_reward(t.reward));
  }
  env_->restore_state(state_.env_state);
  observation_ = env_->observation();
  resets_.set_state(state_.resets);
  exploration_.set_state(state_.exploration);
}

void OnlineLoop::step(const Explorer& explore) {
  for (float& e : eps_) e = static_cast<float>(exploration_.normal());
  const float log_prob = explore(observation_, eps_, action_);
  const mjData& d = env_->data();
  const mjModel& m = env_->model();
  const std::vector<double> qpos(d.qpos, d.qpos + m.nq), qvel(d.qvel, d.qvel + m.nv);
  const StepResult& r = env_->step(action_);
  Transition t;
  t.observation = observation_;
  t.action = action_;
  t.reward = static_cast<float>(r.reward);
  t.terminal = r.terminated;  // a timeout is not a terminal: the spec's fix of rlkit
  t.timeout = r.truncated;
  t.next_observation = r.observation;
  t.qpos = qpos;
  t.qvel = qvel;
  t.action_log_prob = log_prob;
  buffer_.add(t, buffered_reward(r.reward));
  stream_->append(t);
  state_.episode_return += r.reward;
  observation_ = r.observation;
  if (r.terminated || r.truncated) {
    state_.finished_returns.push_back(state_.episode_return);
    state_.episode_return = 0.0;
    observation_ = env_->reset(resets_);
  }
  ++state_.env_steps;
}

const OnlineState& OnlineLoop::save() {
  stream_->flush();
  state_.exploration = exploration_.state();
  state_.resets = resets_.state();
  state_.env_state = env_->save_state();
  return state_;
}

std::vector<double> OnlineLoop::take_finished_returns() {
  std::vector<double> returns;
  returns.swap(state_.finished_returns);
  return returns;
}

}  // namespace harness
