// The FIFO replay buffer of an online run: the last `capacity` transitions, sampled uniformly with
// replacement. A fine-tune run first fills it with its offline dataset, and sizes it never to wrap.
// Row i of the run lives in slot i mod capacity, so a buffer refilled from the replay
// stream after a resume holds every row in the same slot, and samples the same batches.
#pragma once
#include <cstddef>
#include <cstdint>

#include "harness/run/transition.h"
#include "rl/transitions.h"

namespace harness {

class ReplayBuffer {
 public:
  ReplayBuffer(size_t capacity, size_t obs_dim, size_t act_dim);

  /// Stores one transition, replacing the oldest when full; `reward` is what the learner sees (the
  /// transition's own reward for SAC, preprocessed as the offline data for fine-tuning).
  void add(const Transition& t, float reward);
  void add(const Transition& t) { add(t, t.reward); }
  /// Stores every row of `rows` in order (a fine-tune run's offline dataset), masks as they are.
  void add_all(const rl::Transitions& rows);
  /// Transitions stored so far (at most the capacity).
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  /// Transitions ever added (the next row's index in the run).
  int64_t added() const { return added_; }
  /// Empties the buffer and makes the next add() row `row` of the run: a resumed run refills the
  /// buffer from the replay stream starting at the oldest row it still holds.
  void start_at(int64_t row);

  /// `batch_size` transitions drawn uniformly with replacement, indices from `rng`; masks = 1 - terminal.
  void sample(size_t batch_size, autodiff::Rng& rng, rl::Transitions& batch) const;

 private:
  size_t next_slot();  // the slot of the row being added, counted as stored

  rl::Transitions slots_;  // (capacity, .) each
  size_t capacity_;
  size_t size_ = 0;
  int64_t added_ = 0;
};

}  // namespace harness
