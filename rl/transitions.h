// Transitions: the data IQL and SAC learn from (an offline dataset, a replay buffer's slots), and the
// batches drawn from it (a batch is a small Transitions). Both learners share it through this floor. N = transitions, S = observation dim, A = action dim.
#pragma once
#include <cstddef>

#include "autodiff/rng.h"
#include "autodiff/tensor.h"

namespace rl {

using autodiff::Tensor;

struct Transitions {
  Tensor observations;       // (N,S)
  Tensor actions;            // (N,A), inside [-1, 1]
  Tensor rewards;            // (N,1), preprocessed
  Tensor masks;              // (N,1), 0 where the episode terminated (no bootstrap)
  Tensor next_observations;  // (N,S)

  size_t size() const { return observations.shape(0); }
  size_t bytes() const;
};

/// Fills `batch` with `batch_size` transitions drawn uniformly with replacement (as the official
/// sampler) from `data`, indices from `rng`. `batch` keeps its buffers between calls.
void sample_batch(const Transitions& data, size_t batch_size, autodiff::Rng& rng, Transitions& batch);
/// The same from the first `filled` rows of `data` only (a replay buffer that is not full yet).
void sample_batch(const Transitions& data, size_t filled, size_t batch_size, autodiff::Rng& rng,
                  Transitions& batch);

/// Rows [first, first + count) of every column, as a new Transitions.
Transitions slice_rows(const Transitions& t, size_t first, size_t count);

/// `n` synthetic transitions for tests and benchmarks: observations N(0,1), actions U(-1,1),
/// rewards N(0,1), masks 0 with probability 0.05.
Transitions random_transitions(size_t n, size_t obs_dim, size_t act_dim, autodiff::Rng& rng);

}  // namespace rl
