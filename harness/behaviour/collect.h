// Collecting a dataset as D4RL's scripts did (spec/d4rl-generation.md, locomotion): a behaviour steps
// one of our environments for a fixed number of rows, in D4RL's v2 layout.
// S = observation dim, A = action dim.
#pragma once
#include <cstdint>
#include <functional>
#include <span>

#include "autodiff/rng.h"
#include "harness/data/d4rl_writer.h"
#include "harness/envs/env.h"
#include "harness/run/progress.h"
#include "sac/networks.h"

namespace harness {

/// Writes the action (A) for an observation (S) and returns log pi(action | observation).
using Behaviour = std::function<float(std::span<const float> observation, std::span<float> action)>;

/// Uniform random actions, U(-1, 1) per component from `rng` (D4RL's action_space.sample());
/// log-probability log(2^-A).
Behaviour random_behaviour(size_t act_dim, autodiff::Rng& rng);

/// The policy's sampled actions tanh(mean + std * eps), eps from `rng`, with their log-probability.
Behaviour policy_behaviour(sac::TanhGaussianPolicy& policy, autodiff::Rng& rng);

/// `rows` steps of `behaviour` in `env`: an episode ends on a termination (terminals) or at the env's
/// step limit (timeouts, on its last row), the env resets from `resets` after either, and the last
/// episode is cut at `rows` with no flag. infos/qpos and infos/qvel hold the state before each row's
/// action; next_observations the observation after it (before any reset). `progress` (nullable) is
/// ticked as rows are collected.
D4rlFile collect_rows(Env& env, const Behaviour& behaviour, int64_t rows, autodiff::Rng& resets, Progress* progress);

}  // namespace harness
