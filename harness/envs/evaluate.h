// Scoring a policy: N episodes of a deterministic policy in one environment, as IQL's
// evaluation.py does, with D4RL-normalised scores x100.
#pragma once
#include <functional>
#include <span>
#include <utility>
#include <vector>

#include "autodiff/rng.h"
#include "harness/envs/env.h"

namespace harness {

/// Writes the action (A) for an observation (S). Must be deterministic for reproducible scores.
using Policy = std::function<void(std::span<const float> observation, std::span<float> action)>;

struct EvalResult {
  std::vector<double> returns;            // (episodes) undiscounted env reward sums
  std::vector<int> lengths;               // (episodes) steps until terminated or truncated
  std::vector<double> normalized_scores;  // (episodes) D4RL-normalised x100
  double normalized_mean = 0.0;           // over episodes
  double normalized_std = 0.0;            // population std over episodes (numpy's default)
  int physics_warnings = 0;               // episodes cut short by a MuJoCo instability warning
  std::vector<int> goals_reached;         // (episodes) steps that reached a goal (AntMaze: 0 or 1)
};

/// The fraction of episodes that reached at least one goal.
double success_rate(const EvalResult& result);

/// Where an evaluation is, for an observer (the video of `iql eval --video`).
struct EvalMoment {
  int episode = 0;              // from 0
  int step = 0;                 // steps taken in the episode; 0 right after the reset
  double episode_return = 0.0;  // rewards so far
  bool done = false;            // the episode ended with this step
};

/// Called after each reset and each step with the env in that state; it must not change the env.
using EvalObserver = std::function<void(const Env& env, const EvalMoment& moment)>;

/// Runs `episodes` episodes of `policy` in `env`, resetting each from `rng` (one stream, so the
/// episodes' noises follow each other), and shows each state to `observer` when it is given.
/// Throws EnvError if episodes < 1.
EvalResult evaluate(Env& env, const Policy& policy, int episodes, autodiff::Rng& rng,
                    const EvalObserver& observer = {});

/// Mean and population std of `values`, summed in order; {0, 0} when empty.
std::pair<double, double> mean_and_std(std::span<const double> values);

}  // namespace harness
