// Reference: d4rl/__init__.py qlearning_dataset, implicit_q_learning dataset_utils.py (D4RLDataset,
// split_into_trajectories) and train_offline.py (normalize, antmaze r - 1); spec/iql.md.
#include "harness/data/transitions.h"

#include <algorithm>
#include <cmath>

namespace harness {
namespace {

// consecutive rows closer than this are one trajectory (dataset_utils.py)
constexpr double kSameObservationTol = 1e-6;
constexpr float kLocomotionReturnRange = 1000.0f;

const float* row(const Tensor& matrix, size_t i) { return matrix.data() + i * matrix.shape(1); }

// out[j] = matrix[kept[j] + offset]: (N,C) -> (M,C)
Tensor gather_rows(const Tensor& matrix, const std::vector<size_t>& kept, size_t offset) {
  size_t cols = matrix.shape(1);
  Tensor out({kept.size(), cols});
  for (size_t j = 0; j < kept.size(); ++j) std::copy_n(row(matrix, kept[j] + offset), cols, out.data() + j * cols);
  return out;
}

// mask[j] = 1 - terminals[kept[j]]: (M,1)
Tensor masks_of(const std::vector<uint8_t>& terminals, const std::vector<size_t>& kept) {
  Tensor masks({kept.size(), 1});
  for (size_t j = 0; j < kept.size(); ++j) masks(j, 0) = terminals[kept[j]] ? 0.0f : 1.0f;
  return masks;
}

void clip_actions(Tensor& actions) {
  for (float& a : actions) a = std::clamp(a, -kActionLimit, kActionLimit);
}

void apply_reward_mode(Tensor& rewards, RewardMode mode, const std::vector<uint8_t>& ends) {
  switch (mode) {
    case RewardMode::locomotion_scale: scale_locomotion_rewards(rewards, ends); break;
    case RewardMode::antmaze_minus_one: for (float& r : rewards) r -= 1.0f; break;
    case RewardMode::none: break;
  }
}

// builds the transitions; when `release` is given (it is `arrays` itself) each column of it is
// freed as soon as it has been used, so the input and the output are never both whole in memory
Transitions build(const D4rlArrays& arrays, RewardMode mode, D4rlArrays* release) {
  auto drop = [release]<class T>(autodiff::Matrix<T> D4rlArrays::*column) {
    if (release) release->*column = autodiff::Matrix<T>();
  };
  drop(&D4rlArrays::qpos);
  drop(&D4rlArrays::qvel);
  drop(&D4rlArrays::goal);

  // which rows survive, and where the trajectories end (needs the observations before they go)
  std::vector<size_t> kept = kept_rows(arrays.timeouts);
  if (kept.empty()) {
    throw DatasetError("no transitions: each of the " + std::to_string(arrays.rows()) +
                       " rows is a timeout or the last row");
  }
  std::vector<uint8_t> ends = trajectory_ends(arrays.observations, arrays.terminals, kept);

  Transitions out;
  out.next_observations = gather_rows(arrays.observations, kept, 1);
  out.observations = gather_rows(arrays.observations, kept, 0);
  drop(&D4rlArrays::observations);
  out.actions = gather_rows(arrays.actions, kept, 0);
  drop(&D4rlArrays::actions);
  clip_actions(out.actions);
  out.rewards = gather_rows(arrays.rewards, kept, 0);
  out.masks = masks_of(arrays.terminals, kept);
  if (release) *release = D4rlArrays();
  apply_reward_mode(out.rewards, mode, ends);
  return out;
}

}  // namespace

RewardMode reward_mode(const DatasetInfo& info) {
  return info.suite == kAntmazeSuite ? RewardMode::antmaze_minus_one : RewardMode::locomotion_scale;
}

Transitions make_transitions(const D4rlArrays& arrays, RewardMode mode) { return build(arrays, mode, nullptr); }

Transitions make_transitions(D4rlArrays&& arrays, RewardMode mode) { return build(arrays, mode, &arrays); }

std::vector<size_t> kept_rows(const std::vector<uint8_t>& timeouts) {
  // the last row has no next observation; a timeout row's next observation is not in the file
  std::vector<size_t> kept;
  kept.reserve(timeouts.size());
  for (size_t i = 0; i + 1 < timeouts.size(); ++i) {
    if (!timeouts[i]) kept.push_back(i);
  }
  return kept;
}

std::vector<uint8_t> trajectory_ends(const Tensor& observations, const std::vector<uint8_t>& terminals,
                                     const std::vector<size_t>& kept) {
  size_t dims = observations.shape(1);
  std::vector<uint8_t> ends(kept.size(), 0);
  for (size_t j = 0; j + 1 < kept.size(); ++j) {
    // next_observations[j] vs observations[j + 1]: the reference's norm(...) > 1e-6
    const float* next_start = row(observations, kept[j + 1]);
    const float* this_end = row(observations, kept[j] + 1);
    double squared = 0.0;
    for (size_t d = 0; d < dims; ++d) {
      double diff = static_cast<double>(next_start[d] - this_end[d]);
      squared += diff * diff;
    }
    ends[j] = terminals[kept[j]] || std::sqrt(squared) > kSameObservationTol;
  }
  if (!ends.empty()) ends.back() = 1;
  return ends;
}

std::vector<float> trajectory_returns(const Tensor& rewards, const std::vector<uint8_t>& ends) {
  std::vector<float> returns;
  float sum = 0.0f;
  for (size_t j = 0; j < ends.size(); ++j) {
    sum += rewards(j, 0);
    if (ends[j] || j + 1 == ends.size()) {
      returns.push_back(sum);
      sum = 0.0f;
    }
  }
  return returns;
}

void scale_locomotion_rewards(Tensor& rewards, const std::vector<uint8_t>& ends) {
  std::vector<float> returns = trajectory_returns(rewards, ends);
  if (returns.empty()) throw DatasetError("reward scaling: there are no rewards to scale");
  auto [lowest, highest] = std::minmax_element(returns.begin(), returns.end());
  float range = *highest - *lowest;
  if (!(range > 0.0f)) {
    throw DatasetError("reward scaling: all " + std::to_string(returns.size()) + " trajectories return " +
                       std::to_string(*lowest) + ", so max - min is 0: IQL's locomotion rewards are scaled by 1000 / (max - min) of "
                       "the trajectories' returns, which needs trajectories of different returns (a file of more than one "
                       "episode)");
  }
  // divide first, then multiply: the reference's `rewards /= range; rewards *= 1000.0` in float32
  for (float& r : rewards) {
    r /= range;
    r *= kLocomotionReturnRange;
  }
}

}  // namespace harness
