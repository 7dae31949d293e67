// `iql datasets generate`: a regenerated dataset made from its manifest entry (regen_manifest.h) by
// D4RL's recipe (spec/d4rl-generation.md) and checked against the entry's content digest:
//   random         uniform random actions
//   policy         a committed SAC snapshot's sampled actions (medium, expert)
//   medium-expert  the medium set cut at its last complete episode, then the expert set
//   replay         rows [0, rows) of the SAC run's replay stream (medium-replay, full-replay): the
//                  stream given, else the run's rerun from its command line (sac_rerun.h)
#pragma once
#include <string>

#include "harness/data/d4rl_writer.h"
#include "harness/behaviour/regen_manifest.h"

namespace harness {

struct GenerateOptions {
  std::string manifest;     // "" = default_manifest_path()
  std::string out;          // "" = the dataset cache
  std::string replay_dir;   // replay recipes: the SAC run's replay/ folder; "" = rerun the run here
  bool record = false;      // write the digest, the behaviour score and the build into the manifest
};

/// What became of the generated digest: the manifest's, written into it, or nothing to compare with.
enum class DigestCheck { Matched, Recorded, Unrecorded };

struct GenerateResult {
  std::string path;              // where the file was written
  std::string digest;            // its content digest
  int64_t rows = 0;
  DigestCheck check = DigestCheck::Matched;
  double behaviour_score = 0;    // with --record: measured now
  double behaviour_score_std = 0;
};

/// Makes the dataset `name`. Throws naming the expected and found digests and the build when the
/// result differs from the manifest's digest (nothing is written then).
GenerateResult generate_dataset(const std::string& name, const GenerateOptions& options);

/// The first `rows` rows of a random, policy or AntMaze recipe (the same behaviour, seed and streams
/// as the full set), without the manifest's digest check: small sets for demos and tests.
D4rlFile collect_recipe(const RegenEntry& entry, int64_t rows);

/// D4RL's medium-expert: `medium` cut after its last complete episode, then `expert`, capped at
/// `max_rows` rows.
D4rlFile concatenate_episodes(const D4rlFile& medium, const D4rlFile& expert, size_t max_rows);

}  // namespace harness
