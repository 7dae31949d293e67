// The checkpoint of an online SAC run: the learner (parameters, targets, Adam moments, counters),
// every RNG stream, the environment in mid-episode and the loop's counters. The replay buffer is
// not in it: the replay stream on disk holds its rows (sac_run.h). The loop's part is online_loop.h's.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "autodiff/rng.h"
#include "harness/run/online_loop.h"
#include "sac/learner.h"

namespace harness {

/// What a run adds to the learner's own state.
struct SacRunState {
  std::string env;
  uint64_t seed = 0;
  std::string config_toml;                  // the resolved SacConfig
  OnlineState online;                       // the exploration episode, its RNG streams, steps collected
  int64_t last_epoch_end = 0;               // env step of the last metrics line
  autodiff::Rng::State batches{}, update_noise{};
  std::vector<double> partial_log;          // loss sums of the epoch in progress
  double train_seconds = 0;
};

/// Writes under a temporary name, then renames to `path`.
void save_sac_checkpoint(const std::string& path, sac::SacLearner& learner, const SacRunState& run);

/// The run fields of a checkpoint; throws naming the file.
SacRunState read_sac_run_state(const std::string& path);

/// Loads every tensor and counter into `learner` (built with the checkpoint's shapes); returns the
/// run fields.
SacRunState load_sac_checkpoint(const std::string& path, sac::SacLearner& learner);

}  // namespace harness
