#include "rl/transitions.h"

#include <algorithm>

#include <xtensor/xview.hpp>

namespace rl {
namespace {

void copy_row(const Tensor& from, size_t row, Tensor& to, size_t to_row) {
  const size_t cols = from.shape(1);
  std::copy_n(from.data() + row * cols, cols, to.data() + to_row * cols);
}

void resize_rows(Tensor& t, size_t rows, size_t cols) { t.resize({rows, cols}); }

}  // namespace

size_t Transitions::bytes() const {
  return sizeof(float) * (observations.size() + actions.size() + rewards.size() + masks.size() +
                          next_observations.size());
}

void sample_batch(const Transitions& data, size_t batch_size, autodiff::Rng& rng, Transitions& batch) {
  sample_batch(data, data.size(), batch_size, rng, batch);
}

void sample_batch(const Transitions& data, size_t filled, size_t batch_size, autodiff::Rng& rng,
                  Transitions& batch) {
  resize_rows(batch.observations, batch_size, data.observations.shape(1));
  resize_rows(batch.actions, batch_size, data.actions.shape(1));
  resize_rows(batch.rewards, batch_size, 1);
  resize_rows(batch.masks, batch_size, 1);
  resize_rows(batch.next_observations, batch_size, data.next_observations.shape(1));
  for (size_t i = 0; i < batch_size; ++i) {
    const size_t row = rng.below(filled);
    copy_row(data.observations, row, batch.observations, i);
    copy_row(data.actions, row, batch.actions, i);
    copy_row(data.rewards, row, batch.rewards, i);
    copy_row(data.masks, row, batch.masks, i);
    copy_row(data.next_observations, row, batch.next_observations, i);
  }
}

Transitions slice_rows(const Transitions& t, size_t first, size_t count) {
  auto rows = [&](const Tensor& m) { return Tensor(xt::view(m, xt::range(first, first + count), xt::all())); };
  return {rows(t.observations), rows(t.actions), rows(t.rewards), rows(t.masks), rows(t.next_observations)};
}

Transitions random_transitions(size_t n, size_t obs_dim, size_t act_dim, autodiff::Rng& rng) {
  Transitions t;
  t.observations.resize({n, obs_dim});
  t.actions.resize({n, act_dim});
  t.rewards.resize({n, 1});
  t.masks.resize({n, 1});
  t.next_observations.resize({n, obs_dim});
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < obs_dim; ++j) t.observations(i, j) = static_cast<float>(rng.normal());
    for (size_t j = 0; j < act_dim; ++j) t.actions(i, j) = static_cast<float>(rng.uniform(-1, 1));
    t.rewards(i, 0) = static_cast<float>(rng.normal());
    t.masks(i, 0) = rng.uniform() < 0.05 ? 0.0f : 1.0f;
    for (size_t j = 0; j < obs_dim; ++j) t.next_observations(i, j) = static_cast<float>(rng.normal());
  }
  return t;
}

}  // namespace rl
