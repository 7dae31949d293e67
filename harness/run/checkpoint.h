// Checkpoints: one HDF5 file per run holding everything needed to continue bit for bit — every
// parameter, target and Adam moment (one named dataset each, readable with h5py), the optimiser
// step counts, every RNG state, the step, the resolved config and what the run trains on.
//
// Layout: params/<name> (e.g. params/actor/0/w), adam_m/<name>, adam_v/<name> for trainable
// tensors, rng/batches and rng/dropout (uint64 x4), and root attributes for the rest.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "autodiff/rng.h"
#include "harness/data/d4rl_writer.h"
#include "harness/data/registry.h"
#include "harness/envs/env.h"
#include "harness/run/run_skeleton.h"
#include "iql/learner.h"

namespace harness {

/// What a run adds to the learner's own state.
struct RunState {
  std::string dataset;               // registry name, or the file's name for a custom dataset
  std::string env;                   // env_spec() name the policy is evaluated in
  std::string dataset_sha256;        // of the file trained on
  uint64_t seed = 0;
  size_t obs_dim = 0;
  size_t act_dim = 0;
  std::string config_toml;           // the resolved IqlConfig (config_toml())
  std::string schedule;              // schedule_toml() of the run; "" in checkpoints written before it was kept
  autodiff::Rng::State batch_rng{};  // the batch sampler, where the run stopped
  double train_seconds = 0;          // wall time spent training so far
  std::vector<double> partial_log;   // sums of the metrics interval in progress (resumed, not lost)
};

/// A fresh run's fields: what it trains on, its shapes, config and seed, the batch stream "batches".
RunState fresh_run_state(const DatasetInfo& info, const std::string& dataset_sha256, uint64_t seed,
                         const Env& env, const iql::IqlConfig& config);

/// The run record's fields of what a run trains on: dataset, env, suite, regenerated, dataset_file,
/// dataset_sha256, seed.
JsonObject dataset_record(const DatasetInfo& info, const RunState& run, const std::string& data_path);

/// The evaluation and metrics schedule as TOML lines. A resume keeps it: with another, the metrics
/// would follow a schedule that is neither run's, unlike an uninterrupted run's.
std::string schedule_toml(int64_t eval_interval, int64_t eval_episodes, int64_t log_interval);

/// What a checkpoint must share with the run resuming it: dataset, its sha256, seed, config, and
/// the schedule when the checkpoint records one.
std::vector<SameRunField> run_identity(const RunState& saved, const RunState& fresh);

/// Writes every tensor of `params` as params/<name>, and the Adam moments of the trained ones (all but
/// "target..." names) as adam_m/<name>, adam_v/<name>.
void write_learner_tensors(Hdf5Writer& out, const autodiff::ParamList<float>& params);
/// Reads them back into `params`; throws naming the file and the tensor missing or misshapen.
void read_learner_tensors(hid_t file, const std::string& path, const autodiff::ParamList<float>& params);

/// Writes `learner` and `run` to `path`: to a temporary name first, then renamed, so an
/// interruption while writing never leaves a half checkpoint under `path`. `extra`, when given,
/// adds attributes of its own to the open file (a fine-tune run's online part).
void save_checkpoint(const std::string& path, iql::Learner& learner, const RunState& run,
                     const std::function<void(hid_t file)>& extra = {});

/// Reads the run fields of a checkpoint (to build a matching learner); throws naming the file.
RunState read_run_state(const std::string& path);

/// Loads every tensor and counter into `learner`, which must have the checkpoint's shapes;
/// returns its run fields. Throws naming the file and the tensor that does not fit.
RunState load_checkpoint(const std::string& path, iql::Learner& learner);

}  // namespace harness
