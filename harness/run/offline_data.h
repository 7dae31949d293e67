// The offline data an IQL run (offline, or fine-tuning) starts from: which dataset, its official
// hyperparameters, and its transitions loaded through the official pipeline (data/transitions.h).
#pragma once
#include <string>

#include "harness/data/cache.h"
#include "harness/data/registry.h"
#include "iql/config.h"
#include "rl/transitions.h"

namespace harness {

/// The data a run trains on: a registry dataset, or a D4RL-layout file of one env family.
struct DatasetChoice {
  DatasetInfo info;  // for a custom file: name = the file's stem, env and suite from --env
  std::string file;  // "" = the registry file in the cache (fetched when missing)
};

/// A registry dataset by name, or, when `file` is given, that file: described by the registry
/// entry `name` if there is one, else by `env`. Throws naming what is missing.
DatasetChoice choose_dataset(const std::string& name, const std::string& file, const std::string& env);

/// The official hyperparameters of the dataset's suite: locomotion, or antmaze.
iql::IqlConfig suite_preset(const DatasetInfo& info);

inline bool is_antmaze(const DatasetInfo& info) { return info.suite == kAntmazeSuite; }

/// A dataset's transitions and what the run records of its file.
struct OfflineData {
  rl::Transitions transitions;
  std::string path;    // the file read
  std::string sha256;  // of that file
};

/// Resolves (fetching per `fetch`), hashes and reads the chosen file; rewards preprocessed as the
/// dataset's suite wants (reward_mode()).
OfflineData load_offline_data(const DatasetChoice& choice, const FetchOptions& fetch);

}  // namespace harness
