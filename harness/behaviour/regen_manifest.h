// The manifest of regenerated datasets (golden/regen/manifest.toml): for each dataset made here by
// D4RL's recipe, what it is made from and what it must come out as. One TOML section per dataset:
//
//   [hopper-medium-regen]
//   env = "hopper"
//   recipe = "policy"            # random | policy | replay | medium-expert | antmaze[-play|-diverse]
//   policy = "golden/regen/policies/hopper-sac-seed0-step0060000.h5"   # repository-relative
//   policy_sha256 = "..."
//   policy_step = 60000          # the SAC run's environment step of the snapshot
//   rule = "..."                 # why this snapshot (medium and expert)
//   sac_run = "iql sac --env hopper --seed 0"   # replay: the run whose stream it is cut from (rerun
//                                               # here when no stream is given, sac_rerun.h)
//   collection_seed = 0
//   rows = 1000000
//   content_digest = "..."       # content_digest() of the result; "" until recorded
//   behaviour_score = 63.2       # D4RL-normalised x100, mean and std over behaviour_episodes
//   behaviour_score_std = 12.1
//   behaviour_episodes = 100
//   recorded_by = "iql 1234abcd, GCC 12.2.0"   # the build that recorded the digest
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace harness {

struct RegenEntry {
  std::string name;             // registry name, "hopper-medium-regen"
  std::string env;
  std::string recipe;           // "random", "policy", "replay", "medium-expert" or an antmaze one
                                // (collect_antmaze.h; env is then the maze, e.g. "antmaze-medium")
  std::string policy;           // policy: the snapshot file, relative to the repository
  std::string policy_sha256;
  int64_t policy_step = 0;
  std::string rule;             // how the snapshot was chosen
  std::string parts;            // medium-expert: "<medium name>,<expert name>"
  std::string sac_run;          // replay: the SAC run's command line (its seed and config), run as it reads
  uint64_t collection_seed = 0;
  int64_t rows = 0;             // rows to collect; replay: rows [0, rows) of the run's stream
  std::string content_digest;
  double behaviour_score = 0;
  double behaviour_score_std = 0;
  int behaviour_episodes = 0;
  std::string recorded_by;
  std::string collection_stats;  // antmaze: episodes reaching their target and rows rewarded
};

/// golden/regen/manifest.toml of this source tree.
std::string default_manifest_path();

/// Every entry of a manifest; throws naming the file, section and key of what it cannot read.
std::vector<RegenEntry> read_manifest(const std::string& path);

/// Writes the entries (atomically), in the given order.
void write_manifest(const std::string& path, const std::vector<RegenEntry>& entries);

/// The entry named `name`; throws saying which regenerated datasets have a recipe so far.
const RegenEntry& manifest_entry(const std::vector<RegenEntry>& entries, const std::string& name,
                                 const std::string& path);

}  // namespace harness
