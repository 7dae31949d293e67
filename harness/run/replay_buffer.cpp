#include "harness/run/replay_buffer.h"

#include <algorithm>

#include "autodiff/error.h"

namespace harness {

ReplayBuffer::ReplayBuffer(size_t capacity, size_t obs_dim, size_t act_dim) : capacity_(capacity) {
  if (capacity == 0) throw autodiff::Error("a replay buffer needs a capacity of at least 1");
  slots_.observations.resize({capacity, obs_dim});
  slots_.actions.resize({capacity, act_dim});
  slots_.rewards.resize({capacity, 1});
  slots_.masks.resize({capacity, 1});
  slots_.next_observations.resize({capacity, obs_dim});
}

size_t ReplayBuffer::next_slot() {
  const size_t slot = static_cast<size_t>(added_ % static_cast<int64_t>(capacity_));
  size_ = std::min(size_ + 1, capacity_);
  ++added_;
  return slot;
}

void ReplayBuffer::add(const Transition& t, float reward) {
  const size_t slot = next_slot();
  std::copy(t.observation.begin(), t.observation.end(), &slots_.observations(slot, 0));
  std::copy(t.action.begin(), t.action.end(), &slots_.actions(slot, 0));
  slots_.rewards(slot, 0) = reward;
  slots_.masks(slot, 0) = t.terminal ? 0.0f : 1.0f;  // a timeout still bootstraps
  std::copy(t.next_observation.begin(), t.next_observation.end(), &slots_.next_observations(slot, 0));
}

void ReplayBuffer::add_all(const rl::Transitions& rows) {
  auto copy_row = [](const autodiff::Tensor& from, size_t row, autodiff::Tensor& to, size_t slot) {
    const size_t cols = from.shape(1);
    std::copy_n(from.data() + row * cols, cols, to.data() + slot * cols);
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    const size_t slot = next_slot();
    copy_row(rows.observations, i, slots_.observations, slot);
    copy_row(rows.actions, i, slots_.actions, slot);
    copy_row(rows.rewards, i, slots_.rewards, slot);
    copy_row(rows.masks, i, slots_.masks, slot);
    copy_row(rows.next_observations, i, slots_.next_observations, slot);
  }
}

void ReplayBuffer::start_at(int64_t row) {
  added_ = row;
  size_ = 0;
}

void ReplayBuffer::sample(size_t batch_size, autodiff::Rng& rng, rl::Transitions& batch) const {
  if (size_ == 0) throw autodiff::Error("cannot sample from an empty replay buffer");
  rl::sample_batch(slots_, size_, batch_size, rng, batch);
}

}  // namespace harness
