// Tests for rl/transitions.cpp: batch sampling and row slices.
#include <gtest/gtest.h>

#include "rl/transitions.h"

namespace rl {
namespace {

// a Transitions whose row i holds i in every column, so a row's origin can be read back
Transitions numbered(size_t n) {
  autodiff::Rng rng(0);
  Transitions t = random_transitions(n, 2, 1, rng);
  for (size_t i = 0; i < n; ++i) {
    const float v = static_cast<float>(i);
    t.observations(i, 0) = t.observations(i, 1) = t.actions(i, 0) = v;
    t.rewards(i, 0) = t.masks(i, 0) = t.next_observations(i, 0) = t.next_observations(i, 1) = v;
  }
  return t;
}

TEST(SampleBatch, EveryColumnOfARowComesFromOneDataRow) {
  const Transitions data = numbered(50);
  autodiff::Rng rng(1);
  Transitions batch;
  sample_batch(data, 32, rng, batch);
  ASSERT_EQ(batch.size(), 32u);
  for (size_t i = 0; i < 32; ++i) {
    const float row = batch.observations(i, 0);
    EXPECT_EQ(batch.actions(i, 0), row) << "batch row " << i;
    EXPECT_EQ(batch.rewards(i, 0), row) << "batch row " << i;
    EXPECT_EQ(batch.masks(i, 0), row) << "batch row " << i;
    EXPECT_EQ(batch.next_observations(i, 1), row) << "batch row " << i;
  }
}

TEST(SampleBatch, SameRngStateGivesTheSameBatch) {
  const Transitions data = numbered(50);
  autodiff::Rng a(7), b(7);
  Transitions first, second;
  sample_batch(data, 16, a, first);
  sample_batch(data, 16, b, second);
  EXPECT_EQ(first.observations, second.observations);
}

TEST(SliceRows, KeepsTheRequestedRowsOfEveryColumn) {
  const Transitions s = slice_rows(numbered(10), 3, 4);
  ASSERT_EQ(s.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(s.observations(i, 1), float(3 + i));
    EXPECT_EQ(s.masks(i, 0), float(3 + i));
  }
}

TEST(RandomTransitions, MasksAreZeroOrOne) {
  autodiff::Rng rng(2);
  const Transitions t = random_transitions(2000, 3, 2, rng);
  size_t zeros = 0;
  for (float m : t.masks) {
    ASSERT_TRUE(m == 0.0f || m == 1.0f);
    zeros += m == 0.0f;
  }
  EXPECT_NEAR(zeros / 2000.0, 0.05, 0.025);
}

}  // namespace
}  // namespace rl
