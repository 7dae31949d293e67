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

/// One episode's outcome.
struct Episode {
  double episode_return = 0.0;  // undiscounted reward sum
  int length = 0;               // steps until terminated or truncated
  int goals = 0;                // steps that reached a goal
  bool unstable = false;        // cut short by a MuJoCo instability warning
};

/// Runs episode number `episode` of `policy` in `env` from a reset drawn from `rng`, showing each
/// state to `observer` when it is given.
Episode run_episode(Env& env, const Policy& policy, autodiff::Rng& rng, int episode, const EvalObserver& observer);

/// The result of these episodes of `spec`'s env, in order.
EvalResult summarize(const EnvSpec& spec, const std::vector<Episode>& episodes);

/// Throws EnvError naming the env unless episodes >= 1.
void check_episode_count(const Env& env, int episodes);

/// Runs `episodes` episodes of `policy` in `env`, resetting each from `rng` (one stream, so the
/// episodes' noises follow each other), and shows each state to `observer` when it is given.
/// Throws EnvError if episodes < 1.
EvalResult evaluate(Env& env, const Policy& policy, int episodes, autodiff::Rng& rng,
                    const EvalObserver& observer = {});

/// Makes one thread's own policy for evaluate_parallel (a copy of the network it acts with).
using PolicyFactory = std::function<Policy()>;

/// evaluate() with its episodes shared by up to `threads` threads of the process's pool, each with
/// its own copy of `env` (made by make_env from its spec's name) and its own policy from
/// `make_policy`, called here once per thread. The same bits as evaluate() for any thread count:
/// each episode starts from the state of `rng` that evaluate() would reset it from (resets are drawn
/// here first, in order; an episode's steps never draw), and afterwards `rng` is where evaluate()
/// leaves it (`env` is left after one of the episodes, not necessarily the last). Throws EnvError if
/// episodes < 1.
EvalResult evaluate_parallel(Env& env, const PolicyFactory& make_policy, int episodes, autodiff::Rng& rng,
                             size_t threads);

/// Mean and population std of `values`, summed in order; {0, 0} when empty.
std::pair<double, double> mean_and_std(std::span<const double> values);

}  // namespace harness
