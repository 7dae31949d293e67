// The dataset fidelity check D4RL runs on its own files (scripts/check_mujoco_datasets.py): put
// the environment in each row's recorded state (infos/qpos, infos/qvel), compare the observation
// it gives with the row's, apply the row's action, and compare reward, termination and the next
// row's observation. Errors are reported per observation dimension, as maxima over rows.
//
// N = rows, S = observation dim, A = action dim, nq / nv = MuJoCo qpos / qvel lengths
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "harness/data/d4rl_reader.h"
#include "harness/envs/env.h"

namespace harness {

/// The columns the check reads, row-major.
struct ReplayColumns {
  std::span<const float> observations;  // (N,S)
  std::span<const float> actions;       // (N,A)
  std::span<const float> rewards;       // (N)
  std::span<const uint8_t> terminals;   // (N)
  std::span<const uint8_t> timeouts;    // (N)
  std::span<const double> qpos;         // (N,nq)
  std::span<const double> qvel;         // (N,nv)
};

/// Views of `arrays`' columns (which must outlive them).
ReplayColumns replay_columns(const D4rlArrays& arrays);

/// A largest absolute error and the first row where it occurred.
struct MaxError {
  double value = 0.0;
  size_t row = 0;
  void update(double error, size_t at) {
    if (!(error <= value)) value = error, row = at;  // NaN counts as the worst
  }
};

struct ReplayReport {
  size_t rows = 0;                    // rows replayed
  size_t transitions = 0;             // of those, rows whose next row continues the episode
  std::vector<MaxError> state_obs;    // (S) |obs(qpos_t, qvel_t) - observations_t|
  std::vector<MaxError> next_obs;     // (S) |obs after step(actions_t) - observations_{t+1}|
  MaxError reward;                    // |reward of step(actions_t) - rewards_t|
  bool rewards_checked = false;       // false for AntMaze without the goal its rewards were relabelled against
  size_t termination_mismatches = 0;  // rows where the env's termination differs from terminals_t
  size_t physics_warnings = 0;        // rows whose step MuJoCo flagged (not compared)
};

/// Replays the first `max_rows` rows (0: all) through `env`. AntMaze rewards and terminals are
/// checked only against `antmaze_goal`, the goal they were relabelled against: a regenerated set's
/// is known (its manifest's collection seed), D4RL's files do not hold theirs. Throws EnvError naming
/// the column whose length does not fit the env's dims, or when the file has no infos/qpos or
/// infos/qvel.
ReplayReport check_replay(Env& env, const ReplayColumns& columns, size_t max_rows = 0,
                          std::optional<std::array<double, 2>> antmaze_goal = std::nullopt);

}  // namespace harness
