// Tests for harness/run/replay_buffer.cpp.
#include <gtest/gtest.h>

#include <set>

#include "harness/run/replay_buffer.h"
#include "test_support.h"

namespace harness {
namespace {

// the first observation value of every row a large sample drew
std::set<float> sampled_rows(const ReplayBuffer& buffer) {
  autodiff::Rng rng(1);
  rl::Transitions batch;
  buffer.sample(400, rng, batch);
  std::set<float> rows;
  for (size_t i = 0; i < 400; ++i) rows.insert(batch.observations(i, 0));
  return rows;
}

TEST(ReplayBuffer, SamplesOnlyWhatWasAddedAndForgetsTheOldestWhenFull) {
  ReplayBuffer buffer(4, 3, 2);
  for (int i = 0; i < 3; ++i) buffer.add(test::NumberedTransition(i).transition);
  EXPECT_EQ(buffer.size(), 3u);
  EXPECT_EQ(sampled_rows(buffer), (std::set<float>{0, 1, 2}));
  for (int i = 3; i < 6; ++i) buffer.add(test::NumberedTransition(i).transition);
  EXPECT_EQ(buffer.size(), 4u);
  EXPECT_EQ(buffer.added(), 6);
  EXPECT_EQ(sampled_rows(buffer), (std::set<float>{2, 3, 4, 5}));
}

TEST(ReplayBuffer, MasksAreOneMinusTerminals) {
  ReplayBuffer buffer(8, 3, 2);
  for (int i = 0; i < 8; ++i) buffer.add(test::NumberedTransition(i).transition);
  autodiff::Rng rng(2);
  rl::Transitions batch;
  buffer.sample(64, rng, batch);
  for (size_t i = 0; i < 64; ++i) {
    const int row = static_cast<int>(batch.observations(i, 0));
    EXPECT_EQ(batch.masks(i, 0), row % 5 == 4 ? 0.0f : 1.0f) << "row " << row;
    EXPECT_FLOAT_EQ(batch.rewards(i, 0), float(row) * 0.1f);
    EXPECT_EQ(batch.next_observations(i, 0), float(row) + 1);
  }
}

// a resumed run refills from the oldest row it still holds: every row lands in its old slot
TEST(ReplayBuffer, RefilledFromARowOnItSamplesTheSameBatches) {
  ReplayBuffer straight(4, 3, 2), refilled(4, 3, 2);
  for (int i = 0; i < 10; ++i) straight.add(test::NumberedTransition(i).transition);
  refilled.start_at(6);
  for (int i = 6; i < 10; ++i) refilled.add(test::NumberedTransition(i).transition);
  autodiff::Rng a(3), b(3);
  rl::Transitions x, y;
  straight.sample(32, a, x);
  refilled.sample(32, b, y);
  EXPECT_EQ(x.observations, y.observations);
}

// a fine-tune run's buffer: the offline rows first, as they are, then online rows with their own reward
TEST(ReplayBuffer, HoldsAnOfflinePrefixThenOnlineRowsWithTheGivenReward) {
  autodiff::Rng rng(3);
  rl::Transitions offline = rl::random_transitions(2, 3, 2, rng);
  offline.observations(0, 0) = 100.0f;
  offline.observations(1, 0) = 101.0f;
  ReplayBuffer buffer(3, 3, 2);
  buffer.add_all(offline);
  buffer.add(test::NumberedTransition(7).transition, -1.0f);
  EXPECT_EQ(buffer.size(), 3u);
  EXPECT_EQ(sampled_rows(buffer), (std::set<float>{100, 101, 7}));
  autodiff::Rng draws(2);
  rl::Transitions batch;
  buffer.sample(200, draws, batch);
  for (size_t i = 0; i < 200; ++i) {
    if (batch.observations(i, 0) == 7.0f) EXPECT_EQ(batch.rewards(i, 0), -1.0f) << "row " << i;
    if (batch.observations(i, 0) == 100.0f) EXPECT_EQ(batch.masks(i, 0), offline.masks(0, 0)) << "row " << i;
  }
}

TEST(ReplayBuffer, RefusesToSampleWhenEmpty) {
  ReplayBuffer buffer(4, 3, 2);
  autodiff::Rng rng(1);
  rl::Transitions batch;
  EXPECT_THROW(buffer.sample(1, rng, batch), autodiff::Error);
}

}  // namespace
}  // namespace harness
