// Random content in the shapes and layout of a registry dataset's D4RL file, for tests, goldens and
// benchmarks. N = rows, S = observation dim, A = action dim, nq/nv = MuJoCo qpos/qvel lengths.
#pragma once
#include <cstdint>
#include <string>

#include "autodiff/rng.h"
#include "harness/data/d4rl_writer.h"

namespace harness {

/// How much random content to make.
struct FixtureShape {
  size_t rows = 0;          // N
  size_t episode_rows = 0;  // rows of a full episode; 0: the real one (1000 locomotion, 1001 antmaze)
};

/// Random content with the layout of `info`'s real file:
/// - locomotion: next_observations and infos/action_log_probs present, medium-replay in float64;
///   episodes of episode_rows rows with the timeout on the last, hopper and walker2d episodes may end
///   earlier on a terminal, the last episode is cut at N with no flag;
/// - antmaze: no next_observations, infos/goal per episode, episode_rows (1001) rows per episode with
///   the timeout on the last, runs of reward 1 with terminals set and no reset after them.
/// Observations are built from qpos/qvel as the environments do, and next_observations[i] =
/// observations[i + 1] inside an episode.
D4rlFile random_d4rl_file(const DatasetInfo& info, const FixtureShape& shape, autodiff::Rng& rng);

/// write_d4rl(path, random_d4rl_file(info, shape, rng)) with rng = Rng::stream(seed, "fixture").
void write_fixture(const std::string& path, const DatasetInfo& info, const FixtureShape& shape, uint64_t seed);

}  // namespace harness
