// One online SAC run (spec/sac.md): the behaviour-policy trainer behind the regenerated datasets.
// rlkit's loop: warm-up steps with the untrained policy, then epochs of steps_per_epoch environment
// steps followed by as many updates; a snapshot of the policy (evaluated with sampled and with
// deterministic actions) every snapshot_interval steps. Ctrl-C / SIGTERM checkpoint; --resume
// continues to the same bits as a run that never stopped: learner, RNG streams, the environment in
// mid-episode, and the replay buffer, refilled from the replay stream on disk.
//
// A run directory holds: config.toml, metrics.jsonl (one line per epoch; evaluation scores at
// snapshots), snapshots/step-NNNNNNN.h5 (policy weights, D4RL's layout), replay/ (the replay
// stream), checkpoint.h5, run.json (fingerprint and final scores).
#pragma once
#include <cstdint>
#include <string>

#include "sac/config.h"

namespace harness {

struct SacRunOptions {
  std::string env;                 // env_spec() name: hopper, halfcheetah, walker2d, ...
  uint64_t seed = 0;
  sac::SacConfig config;           // resolved; config.total_steps is the run's length
  std::string out;                 // "" = runs/sac/<env>/seed<seed>
  bool resume = false;             // continue the run in `out` from its checkpoint
  int64_t stop_at = 0;             // > 0: checkpoint and stop at this environment step
  size_t threads = 1;              // the process's pool (products, evaluation): any count, the same bits
};

struct SacRunResult {
  std::string out_dir;
  int64_t env_steps = 0;
  int64_t updates = 0;
  bool interrupted = false;        // stopped before total_steps (signal or stop_at), checkpointed
  double sampled_score = 0;        // last snapshot's D4RL-normalised score x100, sampled actions
  double deterministic_score = 0;  // and with tanh(mean)
  std::string parameter_hash;
  std::string replay_digest;       // the replay stream's content digest
};

SacRunResult run_sac(const SacRunOptions& options);

/// "runs/sac/<env>/seed<seed>": the default run directory.
std::string default_sac_run_dir(const std::string& env, uint64_t seed);

/// "<out>/snapshots/step-0010000.h5": the snapshot taken at `step`.
std::string snapshot_path(const std::string& out, int64_t step);

}  // namespace harness
