// Datasets made here rather than downloaded: rollouts of one of our environments written in the
// D4RL layout, so the whole pipeline runs where the D4RL servers cannot be reached.
#pragma once
#include <cstdint>
#include <string>

namespace harness {

/// Writes `rows` transitions of uniformly random actions in `env` to `path`, as D4RL's -random
/// datasets were made: observations, next_observations, actions, rewards, terminals (the env's
/// own termination), timeouts (on the step that reaches the time limit), infos/qpos and infos/qvel
/// (the state before the action), infos/action_log_probs (log 2^-A); the last episode is cut at
/// `rows` with no flag. Resets and actions come from Rng streams of `seed`. Returns the behaviour
/// policy's D4RL-normalised score x100, averaged over the episodes that ended inside the file.
double write_random_rollouts(const std::string& path, const std::string& env, size_t rows, uint64_t seed);

}  // namespace harness
