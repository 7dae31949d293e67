// Tests for autodiff/rng.cpp: pinned outputs (any change to the generator shows here), ranges
// and moments of the transforms.
#include <gtest/gtest.h>

#include <cmath>

#include "autodiff/rng.h"

namespace autodiff {
namespace {

TEST(Rng, SeedsThroughTheSplitmix64ReferenceSequence) {
  // splitmix64 seeded with 1234567: the first four outputs of the published reference
  const Rng::State expected = {6457827717110365317ull, 3203168211198807973ull,
                               9817491932198370423ull, 4593380528125082431ull};
  EXPECT_EQ(Rng(1234567).state(), expected);
}

TEST(Rng, FirstOutputsOfSeedZeroStreamsArePinned) {
  struct Pinned {
    const char* stream;
    uint64_t first;
    uint64_t second;
  };
  const Pinned pinned[] = {
      {"init", 14565707787755606503ull, 3105479667076506721ull},
      {"batches", 4235222371081663348ull, 17629054737594180219ull},
      {"policy", 14894902228978531200ull, 16593554658756102588ull},
      {"env", 6455797275609754051ull, 6451494684124207419ull},
  };
  for (const Pinned& p : pinned) {
    Rng rng = Rng::stream(0, p.stream);
    EXPECT_EQ(rng.next_u64(), p.first) << "stream " << p.stream;
    EXPECT_EQ(rng.next_u64(), p.second) << "stream " << p.stream;
  }
}

TEST(Rng, StreamsOfOneSeedDiffer) {
  EXPECT_NE(Rng::stream(0, "init").next_u64(), Rng::stream(0, "batches").next_u64());
  EXPECT_NE(Rng::stream(0, "init").next_u64(), Rng::stream(1, "init").next_u64());
}

TEST(Rng, StateRoundTripContinuesTheSequence) {
  Rng a(42);
  a.next_u64();
  Rng b(0);
  b.set_state(a.state());
  EXPECT_EQ(a.next_u64(), b.next_u64());
}

TEST(Rng, UniformStaysInItsRangeWithTheRightMean) {
  Rng rng(1);
  double total = 0.0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform(-2.0, 3.0);
    ASSERT_GE(u, -2.0);
    ASSERT_LT(u, 3.0);
    total += u;
  }
  EXPECT_NEAR(total / n, 0.5, 5 * 5.0 / std::sqrt(12.0 * n));  // 5 standard errors
}

TEST(Rng, NormalHasZeroMeanAndUnitVariance) {
  Rng rng(2);
  const int n = 200000;
  double sum = 0.0, sum_sq = 0.0;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    sum += z;
    sum_sq += z * z;
  }
  EXPECT_NEAR(sum / n, 0.0, 5.0 / std::sqrt(n));
  EXPECT_NEAR(sum_sq / n, 1.0, 5.0 * std::sqrt(2.0 / n));
}

TEST(Rng, BelowIsUniformOverItsRange) {
  Rng rng(3);
  int counts[7] = {};
  const int n = 70000;
  for (int i = 0; i < n; ++i) ++counts[rng.below(7)];
  for (int k = 0; k < 7; ++k) EXPECT_NEAR(counts[k], n / 7.0, 5 * std::sqrt(n / 7.0)) << "value " << k;
}

}  // namespace
}  // namespace autodiff
