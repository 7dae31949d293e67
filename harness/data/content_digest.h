// The content digest of a D4RL-layout dataset: SHA-256 over each key's name, shape and values in a
// fixed key order, not over the file's bytes (HDF5 may write library versions and object layout
// into a file). It is what a regenerated dataset is checked against (golden/regen/manifest.toml).
#pragma once
#include <string>

#include "harness/data/d4rl_writer.h"

namespace harness {

/// Over observations, actions, rewards, terminals, timeouts, next_observations,
/// infos/action_log_probs, infos/qpos, infos/qvel, infos/goal (those present), then the metadata
/// tensors and texts in their order; float values as float32, flags as bytes.
std::string content_digest(const D4rlFile& file);

}  // namespace harness
