// One IQL fine-tune run (the paper's section 5.3, the official train_finetune.py), on the skeleton
// of run_skeleton.h: offline IQL updates on a dataset, then online, one environment step and one
// update per step. The dataset stays in the replay buffer and online transitions are appended after
// it (the buffer is sized so nothing is overwritten); every batch is uniform over the whole buffer.
// The exploration action is the policy's sample, clipped to [-1, 1]; online rewards get the
// dataset's preprocessing (AntMaze: r - 1); the mask stops bootstrapping on a termination, never on
// a time limit. Defaults are the official AntMaze settings: expectile 0.9, temperature 10, no
// learning-rate decay in either phase, 100 evaluation episodes every 100k steps.
//
// Steps count updates across both phases: step s is offline while s <= offline_steps, and online
// step s - offline_steps after. Metrics lines carry "phase" ("offline" or "online"); the line at
// offline_steps is the boundary, evaluated always. Ctrl-C / SIGTERM checkpoint; --resume continues
// to the same bits anywhere, offline or online in mid-episode: learner, batch and exploration
// streams, the environment, and the buffer's online rows, refilled from the replay stream.
//
// A run directory holds: config.toml, metrics.jsonl, replay/ (the online rows), checkpoint.h5,
// final_episodes.jsonl, run.json (offline_score at the boundary, final_score at the end).
#pragma once
#include <cstdint>
#include <string>

#include "harness/run/offline_data.h"
#include "iql/config.h"

namespace harness {

struct FinetuneOptions {
  DatasetChoice dataset;
  uint64_t seed = 0;
  iql::IqlConfig config;          // resolved; config.max_steps is the number of offline updates
  int64_t online_steps = 1000000; // environment steps (= updates) of the online phase
  int64_t eval_interval = 100000; // steps between evaluations, in either phase
  int eval_episodes = 100;
  int64_t log_interval = 1000;    // steps between metrics lines (means over the interval)
  std::string out;                // "" = runs/finetune/<dataset>/seed<seed>
  bool resume = false;
  int64_t stop_at = 0;            // > 0: checkpoint and stop at this step (offline + online), resumable
  size_t threads = 1;             // the process's pool (products, evaluation): any count, the same bits
  FetchOptions fetch;
};

struct FinetuneResult {
  std::string out_dir;
  int64_t steps = 0;              // updates done, both phases
  int64_t env_steps = 0;          // online environment steps done
  bool interrupted = false;       // stopped early (signal or stop_at) after checkpointing
  int64_t diverged_at = 0;        // > 0: a loss became non-finite at this step; the run stopped there
  double offline_score = 0;       // the evaluation at the boundary: D4RL-normalised x100, mean
  double offline_score_std = 0;
  double final_score = 0;         // the final evaluation
  double final_score_std = 0;
  std::string parameter_hash;
  std::string replay_digest;      // of the online rows
};

/// The fine-tune settings of a dataset: its suite's preset without the actor's cosine decay.
/// Throws for a dataset outside AntMaze: the official fine-tuning is AntMaze's.
iql::IqlConfig finetune_preset(const DatasetInfo& info);

/// Runs (or resumes) one fine-tune run; see the file comment.
FinetuneResult run_finetune(const FinetuneOptions& options);

}  // namespace harness
