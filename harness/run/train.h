// One offline IQL run (on the skeleton of run_skeleton.h): load a D4RL dataset, train IQL, evaluate every K steps, log metrics (JSONL),
// checkpoint, and leave a run record with everything needed to repeat it. Interrupting (Ctrl-C,
// SIGTERM) checkpoints first; --resume continues to the same bits as a run that never stopped.
//
// A run directory holds: config.toml (resolved hyperparameters), metrics.jsonl, checkpoint.h5,
// run.json (fingerprint: config, seed, dataset sha256, build, final parameter hash).
#pragma once
#include <cstdint>
#include <string>

#include "harness/run/offline_data.h"
#include "iql/config.h"

namespace harness {

struct TrainOptions {
  DatasetChoice dataset;
  uint64_t seed = 0;
  iql::IqlConfig config;          // resolved; config.max_steps is the number of updates
  int64_t eval_interval = 0;      // 0 = the suite's: 5000 locomotion, 100000 antmaze
  int eval_episodes = 0;          // 0 = the suite's: 10 locomotion, 100 antmaze
  int64_t log_interval = 1000;    // updates between metrics lines (means over the interval)
  std::string out;                // "" = runs/<dataset>/seed<seed>
  bool resume = false;            // continue from out/checkpoint.h5 if it exists
  int64_t stop_at = 0;            // > 0: checkpoint and stop at this step, resumable (time-boxed jobs)
  size_t threads = 1;             // the process's pool (products, evaluation): any count, the same bits
  FetchOptions fetch;
};

struct TrainResult {
  std::string out_dir;
  int64_t steps = 0;              // updates done
  bool interrupted = false;       // stopped early (signal or stop_at) after checkpointing
  int64_t diverged_at = 0;        // > 0: the update at this step gave a non-finite loss; the run stopped
                                  // there, its checkpoint is the last one before, run.json says so
  double final_score = 0;         // D4RL-normalised x100, mean over the final evaluation's episodes
  double final_score_std = 0;
  std::string parameter_hash;
};

/// Runs (or resumes) one training run; see the file comment. Throws on bad input with a message
/// naming the file/key and the fix.
TrainResult run_train(const TrainOptions& options);

}  // namespace harness
