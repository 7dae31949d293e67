// The behaviour of a dataset read from its own rows, for data that no single policy collected (a
// mixture, mixture.h): the D4RL-normalised return of each complete episode, as an evaluation
// would score it. The rows after the last episode end (a collection cut short) are left out.
#pragma once
#include <vector>

#include "harness/data/d4rl_reader.h"
#include "harness/data/episodes.h"
#include "harness/envs/env_spec.h"

namespace harness {

/// The normalised returns of the complete episodes within `rows` of `arrays`, in row order.
/// Terminals end an episode unless the env is goal-directed (AntMaze flags the goal and goes on).
std::vector<double> episode_scores(const D4rlArrays& arrays, const EnvSpec& spec, RowRange rows);

}  // namespace harness
