// A documented mixture of regenerated sets, made by their recipes from committed inputs: the first
// rows of each part's recipe (collect_recipe: the same policy, seed and streams as the whole set),
// each part but the last cut after its last complete episode, joined in order as D4RL joins
// medium-expert (concatenate_episodes). `make run`'s data is one:
//   hopper-expert-regen:50000,hopper-random-regen:50000
// 50 episodes of the SAC expert policy (1000 steps each), then 50,000 rows of uniform random actions
// (about 2,200 episodes: random hoppers fall within tens of steps).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "harness/behaviour/regen_manifest.h"
#include "harness/data/episodes.h"
#include "harness/data/d4rl_writer.h"

namespace harness {

struct MixturePart {
  std::string entry;  // a random or policy recipe of the manifest
  int64_t rows = 0;   // its first rows
};

/// `make run`'s data (iql demo), named kDemoDataset: `rows_per_part` rows of hopper's expert
/// policy, then as many of random actions (the CI golden trains on all of it, as make run does).
constexpr const char* kDemoDataset = "hopper-expert-random-regen-demo";
std::vector<MixturePart> demo_mixture(int64_t rows_per_part = 50000);

/// "NAME:ROWS,NAME:ROWS": the parts in order. Throws DatasetError naming the text on a malformed
/// part or a row count below 1.
std::vector<MixturePart> parse_mixture(const std::string& text);

/// The inverse of parse_mixture.
std::string mixture_text(const std::vector<MixturePart>& parts);

/// The parts' entries of `manifest` (read from `manifest_path`), which must share one env; throws
/// DatasetError naming the entry that is missing or of another env.
std::vector<RegenEntry> mixture_entries(const std::vector<RegenEntry>& manifest, const std::string& manifest_path,
                                        const std::vector<MixturePart>& parts);

struct Mixture {
  D4rlFile file;
  std::vector<RowRange> parts;  // the rows each part kept, in order
};

/// Collects each part from its recipe (`entries` as mixture_entries gives them) and joins them.
/// Throws DatasetError naming a part (but the last) too short for one complete episode.
Mixture collect_mixture(const std::vector<RegenEntry>& entries, const std::vector<MixturePart>& parts);

}  // namespace harness
