// Policy snapshots: a SAC policy's weights alone, in D4RL's metadata/policy layout, so a snapshot
// reads like the policy inside a D4RL file: metadata/policy/{fc0, fc1, last_fc, last_fc_log_std}/
// {weight (out, in), bias (out)}, as PyTorch stores them. Root attributes say where it came from.
#pragma once
#include <cstdint>
#include <string>

#include "harness/data/d4rl_writer.h"
#include "sac/networks.h"

namespace harness {

struct SnapshotInfo {
  std::string env;           // env_spec() name
  int64_t step = 0;          // environment steps of the run when it was taken
  uint64_t seed = 0;         // the run's seed
  std::string config_toml;   // the run's resolved SacConfig
};

/// The policy's tensors as D4RL stores them: `prefix` + "fc0/weight" (out, in), "fc0/bias" (out), ...
std::vector<NamedTensor> policy_tensors(sac::TanhGaussianPolicy& policy, const std::string& prefix);

/// Writes a snapshot file under a temporary name, then renames it to `path`.
void write_policy_snapshot(const std::string& path, sac::TanhGaussianPolicy& policy, const SnapshotInfo& info);

/// The policy of a snapshot file (or of any file with a metadata/policy group): throws naming the
/// file and the tensor that is missing or misshapen.
sac::TanhGaussianPolicy read_policy_snapshot(const std::string& path);

/// The attributes of a snapshot file.
SnapshotInfo read_snapshot_info(const std::string& path);

}  // namespace harness
