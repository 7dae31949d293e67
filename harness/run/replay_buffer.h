// The FIFO replay buffer of an online run: the last `capacity` transitions, sampled uniformly with
// replacement. Row i of the run lives in slot i mod capacity, so a buffer refilled from the replay
// stream after a resume holds every row in the same slot, and samples the same batches.
#pragma once
#include <cstddef>
#include <cstdint>

#include "harness/behaviour/transition.h"
#include "iql/transitions.h"

namespace harness {

class ReplayBuffer {
 public:
  ReplayBuffer(size_t capacity, size_t obs_dim, size_t act_dim);

  /// Stores one transition, replacing the oldest when full.
  void add(const Transition& t);
  /// Transitions stored so far (at most the capacity).
  size_t size() const { return size_; }
  /// Transitions ever added (the next row's index in the run).
  int64_t added() const { return added_; }
  /// Empties the buffer and makes the next add() row `row` of the run: a resumed run refills the
  /// buffer from the replay stream starting at the oldest row it still holds.
  void start_at(int64_t row);

  /// `batch_size` transitions drawn uniformly with replacement, indices from `rng`; masks = 1 - terminal.
  void sample(size_t batch_size, autodiff::Rng& rng, iql::Transitions& batch) const;

 private:
  iql::Transitions slots_;  // (capacity, .) each
  size_t capacity_;
  size_t size_ = 0;
  int64_t added_ = 0;
};

}  // namespace harness
