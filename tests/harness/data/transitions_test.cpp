// Tests for harness/data/transitions.h on tiny hand-built arrays; every expected number is worked
// out by hand in the comments. Rows are written as (obs | action | reward | terminal | timeout).
#include "harness/data/transitions.h"

#include <gtest/gtest.h>

namespace harness {
namespace {

D4rlArrays arrays_of(Tensor observations, Tensor actions, Tensor rewards, std::vector<uint8_t> terminals,
                     std::vector<uint8_t> timeouts) {
  D4rlArrays a;
  a.observations = std::move(observations);
  a.actions = std::move(actions);
  a.rewards = std::move(rewards);
  a.terminals = std::move(terminals);
  a.timeouts = std::move(timeouts);
  return a;
}

// two episodes; row 2 is the first episode's timeout, row 5 the last row of the file
//   row  obs   action  reward  terminal  timeout
//   0    10    0.5     1       0         0
//   1    11    2.0     2       0         0
//   2    12   -3.0     100     0         1      dropped: its next observation is not in the file
//   3    20    0.1     3       0         0
//   4    21    1.0     5       0         0
//   5    22    0.0     9       0         0      dropped: the last row
D4rlArrays two_episodes() {
  return arrays_of({{10}, {11}, {12}, {20}, {21}, {22}}, {{0.5f}, {2.0f}, {-3.0f}, {0.1f}, {1.0f}, {0.0f}},
                   {{1}, {2}, {100}, {3}, {5}, {9}}, {0, 0, 0, 0, 0, 0}, {0, 0, 1, 0, 0, 0});
}

void expect_column(const Tensor& actual, const std::vector<float>& expected, const char* what) {
  ASSERT_EQ(actual.shape(0), expected.size()) << what;
  ASSERT_EQ(actual.shape(1), 1u) << what;
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_FLOAT_EQ(actual(i, 0), expected[i]) << what << " row " << i;
}

TEST(Transitions, KeptRowsDropTimeoutsAndTheLastRow) {
  EXPECT_EQ(kept_rows({0, 0, 1, 0, 0, 0}), (std::vector<size_t>{0, 1, 3, 4}));
  EXPECT_EQ(kept_rows({0, 0, 0}), (std::vector<size_t>{0, 1}));
  EXPECT_EQ(kept_rows({0, 0, 1}), (std::vector<size_t>{0, 1}));  // a final timeout is the last row anyway
  EXPECT_TRUE(kept_rows({1}).empty());
}

TEST(Transitions, NextObservationIsTheFollowingRowOfTheFile) {
  Transitions t = make_transitions(two_episodes(), RewardMode::none);
  // kept rows 0, 1, 3, 4: s = obs[row], s' = obs[row + 1]
  expect_column(t.observations, {10, 11, 20, 21}, "observations");
  expect_column(t.next_observations, {11, 12, 21, 22}, "next_observations");
  EXPECT_EQ(t.size(), 4u);
}

TEST(Transitions, KeepsActionsAndRewardsOfKeptRowsOnly) {
  Transitions t = make_transitions(two_episodes(), RewardMode::none);
  // rows 2 (reward 100) and 5 (reward 9) are gone; actions clip to +-0.99999
  expect_column(t.rewards, {1, 2, 3, 5}, "rewards");
  expect_column(t.actions, {0.5f, kActionLimit, 0.1f, 1.0f - 1e-5f}, "actions");
}

TEST(Transitions, ClipsActionsJustInsideTheUnitBox) {
  D4rlArrays a = arrays_of({{0}, {1}, {2}}, {{1.0f, -1.0f}, {-0.3f, 0.999999f}, {0, 0}}, {{0}, {0}, {0}}, {0, 0, 0},
                           {0, 0, 0});
  Transitions t = make_transitions(a, RewardMode::none);
  EXPECT_FLOAT_EQ(kActionLimit, 0.99999f);
  EXPECT_EQ(t.actions(0, 0), kActionLimit);   // 1 -> 0.99999
  EXPECT_EQ(t.actions(0, 1), -kActionLimit);  // -1 -> -0.99999
  EXPECT_EQ(t.actions(1, 0), -0.3f);          // inside: unchanged
  EXPECT_EQ(t.actions(1, 1), kActionLimit);   // 0.999999 is past the limit
}

TEST(Transitions, MaskIsOneMinusTerminalAndTimeoutsKeepBootstrapping) {
  //   row  obs  terminal  timeout
  //   0    0    0         0       mask 1
  //   1    1    1         0       mask 0: the episode ended in an absorbing state
  //   2    5    0         0       mask 1
  //   3    6    0         1       dropped (a timeout never zeroes a mask: its row is dropped instead)
  //   4    9    0         0       mask 1
  //   5    10   0         0       dropped: last row
  Tensor zeros = {{0}, {0}, {0}, {0}, {0}, {0}};
  D4rlArrays a = arrays_of({{0}, {1}, {5}, {6}, {9}, {10}}, zeros, zeros, {0, 1, 0, 0, 0, 0}, {0, 0, 0, 1, 0, 0});
  Transitions t = make_transitions(a, RewardMode::none);
  expect_column(t.masks, {1, 0, 1, 1}, "masks");
}

TEST(Transitions, TrajectoriesEndAtTerminalsGapsAndTheEnd) {
  D4rlArrays a = two_episodes();
  std::vector<size_t> kept = kept_rows(a.timeouts);  // 0, 1, 3, 4
  // j=0: obs[1] == obs[0+1] -> 0;  j=1: obs[3]=20 vs obs[2]=12 -> gap, 1;  j=2: obs[4] == obs[4] -> 0;  last -> 1
  EXPECT_EQ(trajectory_ends(a.observations, a.terminals, kept), (std::vector<uint8_t>{0, 1, 0, 1}));
  // a terminal ends its trajectory even when the next row happens to continue it
  a.terminals = {1, 0, 0, 0, 0, 0};
  EXPECT_EQ(trajectory_ends(a.observations, a.terminals, kept), (std::vector<uint8_t>{1, 1, 0, 1}));
}

TEST(Transitions, GapBelowToleranceContinuesTheTrajectory) {
  // row 1 is a timeout whose obs 2.0 differs from the next kept row's 2.0000001 by 1.2e-7 <= 1e-6
  D4rlArrays a = arrays_of({{1.0f}, {2.0f}, {2.0000001f}, {3.0f}}, {{0}, {0}, {0}, {0}}, {{0}, {0}, {0}, {0}},
                           {0, 0, 0, 0}, {0, 1, 0, 0});
  std::vector<size_t> kept = kept_rows(a.timeouts);  // 0, 2
  EXPECT_EQ(trajectory_ends(a.observations, a.terminals, kept), (std::vector<uint8_t>{0, 1}));
  a.observations(2, 0) = 2.001f;  // a real gap
  EXPECT_EQ(trajectory_ends(a.observations, a.terminals, kept), (std::vector<uint8_t>{1, 1}));
}

TEST(Transitions, TrajectoryReturnsSumEachTrajectory) {
  Tensor rewards = {{1}, {2}, {3}, {5}, {-4}};
  EXPECT_EQ(trajectory_returns(rewards, {0, 1, 0, 0, 1}), (std::vector<float>{3, 4}));  // 1+2, 3+5-4
  EXPECT_EQ(trajectory_returns(rewards, {0, 0, 0, 0, 0}), (std::vector<float>{7}));     // an unfinished tail counts
}

TEST(Transitions, LocomotionRewardsScaleByTheReturnRange) {
  Transitions t = make_transitions(two_episodes(), RewardMode::locomotion_scale);
  // trajectories [1, 2] (return 3) and [3, 5] (return 8): range 5, r * 1000 / 5 = 200 r
  expect_column(t.rewards, {200, 400, 600, 1000}, "rewards");
}

TEST(Transitions, LocomotionScalingDividesBeforeMultiplying) {
  Tensor rewards = {{0.7f}, {0.1f}, {0.3f}};
  scale_locomotion_rewards(rewards, {1, 0, 1});  // returns 0.7 and 0.4: range 0.3 (float32)
  float range = 0.7f - (0.1f + 0.3f);
  EXPECT_EQ(rewards(1, 0), 0.1f / range * 1000.0f);  // the reference order, bit for bit
}

TEST(Transitions, LocomotionScalingRejectsEqualReturns) {
  Tensor rewards = {{1}, {2}, {2}, {1}};
  EXPECT_THROW(scale_locomotion_rewards(rewards, {0, 1, 0, 1}), DatasetError);  // 3 and 3
}

TEST(Transitions, AntmazeRewardsShiftByMinusOne) {
  D4rlArrays a = two_episodes();
  a.rewards = {{0}, {1}, {1}, {1}, {0}, {0}};
  Transitions t = make_transitions(a, RewardMode::antmaze_minus_one);
  expect_column(t.rewards, {-1, 0, 0, -1}, "rewards");  // kept rows 0, 1, 3, 4
}

TEST(Transitions, RewardModeFollowsTheSuite) {
  EXPECT_EQ(reward_mode(dataset_info("hopper-medium-replay-v2")), RewardMode::locomotion_scale);
  EXPECT_EQ(reward_mode(dataset_info("antmaze-umaze-v2")), RewardMode::antmaze_minus_one);
}

TEST(Transitions, ConsumingOverloadGivesTheSameResultAndEmptiesTheInput) {
  D4rlArrays a = two_episodes();
  a.qpos = Tensor({6, 2});
  Transitions kept_input = make_transitions(a, RewardMode::locomotion_scale);
  Transitions consumed = make_transitions(std::move(a), RewardMode::locomotion_scale);
  EXPECT_EQ(kept_input.observations, consumed.observations);
  EXPECT_EQ(kept_input.next_observations, consumed.next_observations);
  EXPECT_EQ(kept_input.actions, consumed.actions);
  EXPECT_EQ(kept_input.rewards, consumed.rewards);
  EXPECT_EQ(kept_input.masks, consumed.masks);
  EXPECT_EQ(a.bytes(), 0u);  // NOLINT(bugprone-use-after-move): emptying it is the point
}

TEST(Transitions, NoKeptRowIsAnError) {
  D4rlArrays a = arrays_of({{0}, {1}}, {{0}, {0}}, {{0}, {0}}, {0, 0}, {1, 0});
  EXPECT_THROW(make_transitions(a, RewardMode::none), DatasetError);
}

}  // namespace
}  // namespace harness
