// The official IQL data pipeline: d4rl.qlearning_dataset(terminate_on_end=False) followed by the
// reward preprocessing of ikostrikov/implicit_q_learning (spec/iql.md, "Data pipeline").
// N = rows in the file, M = transitions kept (at most N - 1), S = observation dim, A = action dim.
#pragma once
#include <cstdint>
#include <vector>

#include "harness/data/d4rl_reader.h"
#include "rl/transitions.h"

namespace harness {

/// One (s, a, r, mask, s') per kept row, all float32: the learner's own type, so the data goes to
/// it without a copy. M = size(); observations (M,S), actions (M,A) clipped to +-kActionLimit,
/// rewards (M,1) after the reward mode, masks (M,1) = 1 - terminal, next_observations (M,S).
using Transitions = rl::Transitions;

/// How rewards are preprocessed; reward_mode() picks it from the dataset's suite.
enum class RewardMode {
  locomotion_scale,   // r * 1000 / (max - min trajectory return)
  antmaze_minus_one,  // r - 1, so sparse rewards become {-1, 0}
  none,               // unchanged (kitchen, adroit)
};

/// Dataset actions are clipped just inside [-1, 1] so the policy's log-likelihood stays finite.
inline const float kActionLimit = static_cast<float>(1.0 - 1e-5);

/// locomotion_scale for the locomotion suite, antmaze_minus_one for antmaze.
RewardMode reward_mode(const DatasetInfo& info);

/// Builds the transitions: next_obs[i] = obs[i+1]; rows with a timeout and the last row dropped;
/// mask = 1 - terminal; actions clipped; rewards preprocessed by `mode`. Throws DatasetError when no
/// row is kept, or when locomotion scaling meets trajectories that all have the same return.
Transitions make_transitions(const D4rlArrays& arrays, RewardMode mode);

/// The same, freeing `arrays` column by column as it goes: peak memory about 1.4x the result
/// instead of 2x. `arrays` is left empty.
Transitions make_transitions(D4rlArrays&& arrays, RewardMode mode);

// ---- the steps, exposed for tests ----

/// The file rows that become transitions, in order: every i < N - 1 with timeouts[i] = 0.
std::vector<size_t> kept_rows(const std::vector<uint8_t>& timeouts);

/// IQL's dones_float: transition j ends a trajectory when its row is terminal, when the next
/// transition does not start where this one ended (|obs[kept[j+1]] - obs[kept[j]+1]| > 1e-6), or
/// when it is the last. observations (N,S); returns (M) of 0/1.
std::vector<uint8_t> trajectory_ends(const Tensor& observations, const std::vector<uint8_t>& terminals,
                                     const std::vector<size_t>& kept);

/// The return of each trajectory, summed in float32 in row order as the reference does.
/// rewards (M,1), ends (M) -> one return per trajectory.
std::vector<float> trajectory_returns(const Tensor& rewards, const std::vector<uint8_t>& ends);

/// r <- r / (max return - min return) * 1000, in float32 and in that order, as the reference does.
void scale_locomotion_rewards(Tensor& rewards, const std::vector<uint8_t>& ends);

}  // namespace harness
