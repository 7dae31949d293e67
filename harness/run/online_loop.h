// The online loop shared by SAC (sac_run.h) and IQL fine-tuning (finetune.h): one exploration
// episode in an environment, its transitions appended to the replay buffer and to the replay stream
// on disk, and what a checkpoint needs to continue it to the same bits (the episode in mid-step,
// its return, the exploration and reset RNG streams). The buffer may start with rows of its own (a
// fine-tune run's offline dataset): online rows come after them and never overwrite them.
// S = observation dim, A = action dim.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "autodiff/rng.h"
#include "harness/data/hdf5_file.h"
#include "harness/envs/env.h"
#include "harness/run/json.h"
#include "harness/run/replay_buffer.h"
#include "harness/run/replay_stream.h"

namespace harness {

/// What the loop carries across a checkpoint.
struct OnlineState {
  int64_t env_steps = 0;                  // transitions collected (= replay stream rows)
  autodiff::Rng::State exploration{}, resets{};
  EnvState env_state;                     // the exploration episode in progress
  double episode_return = 0;              // its return so far, in the environment's rewards
  std::vector<double> finished_returns;   // episodes ended since the last metrics line
};

/// A fresh run's state: the streams "exploration" and "resets" of `seed`.
OnlineState initial_online_state(uint64_t seed);

/// Writes `state` and the loss sums of the metrics interval in progress as root attributes of a
/// checkpoint: rng_exploration, rng_resets, env_steps, env_state, episode_return and epoch_log
/// (the sums' count, the sums, then the finished returns: HDF5 attributes cannot be empty).
void write_online_state(hid_t file, const OnlineState& state, const std::vector<double>& interval_sums);
/// Reads them back; throws naming `path` and the attribute that is damaged.
OnlineState read_online_state(hid_t file, const std::string& path, std::vector<double>& interval_sums);

/// train_episodes (how many exploration episodes ended in a metrics interval) and, when any did,
/// train_return (their mean return).
void add_exploration_returns(JsonObject& line, const std::vector<double>& returns);

/// Picks the exploration action (A) for an observation (S) from standard-normal noise `eps` (A)
/// drawn by the loop; returns log pi(action | observation), or 0 when the learner has none to give.
using Explorer = std::function<float(std::span<const float> observation, std::span<const float> eps,
                                     std::span<float> action)>;

/// What the buffer holds for an environment reward (SAC: the reward; fine-tuning: r - 1 on AntMaze).
using RewardTransform = std::function<float(double reward)>;

class OnlineLoop {
 public:
  struct Setup {
    std::string env;                  // env_spec() name
    std::string stream_dir;           // the replay stream's folder
    size_t capacity = 0;              // rows the buffer holds, `prefix` included
    RewardTransform reward;           // empty: the reward as float
  };

  /// The environment, an empty stream of `setup.env`'s shape, the buffer holding `prefix` first.
  /// Throws when the capacity leaves no room after the prefix.
  OnlineLoop(const Setup& setup, const rl::Transitions& prefix);

  /// A fresh run: drops a stream no checkpoint counts, resets the environment from `state`'s resets.
  void start(const OnlineState& state);
  /// A resumed run: the stream cut to the checkpoint's rows, the buffer refilled with the last of
  /// them, the environment back in mid-episode.
  void resume(const OnlineState& state);

  /// One step of the exploration episode: the action from `explore`, the transition into the buffer
  /// and the stream; an episode that ends is recorded and a new one starts.
  void step(const Explorer& explore);

  /// The state to checkpoint, after flushing the stream (the checkpoint counts its rows).
  const OnlineState& save();

  const OnlineState& state() const { return state_; }
  int64_t env_steps() const { return state_.env_steps; }
  /// The returns of episodes ended since the last call.
  std::vector<double> take_finished_returns();
  ReplayBuffer& buffer() { return buffer_; }
  Env& env() { return *env_; }
  /// The stream's content digest (replay_stream.h).
  std::string replay_digest() const { return stream_->digest(); }

 private:
  float buffered_reward(double reward) const;

  std::unique_ptr<Env> env_;
  const size_t obs_dim_, act_dim_;
  RewardTransform reward_;
  std::unique_ptr<ReplayStream> stream_;
  ReplayBuffer buffer_;
  size_t prefix_rows_;
  OnlineState state_;
  autodiff::Rng exploration_{0}, resets_{0};
  std::vector<float> observation_, action_, eps_;
};

}  // namespace harness
