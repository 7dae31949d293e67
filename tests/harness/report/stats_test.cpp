// Tests for harness/report/stats.cpp: hand-computed means, stds, IQMs and bootstrap intervals.
#include <gtest/gtest.h>

#include <cmath>

#include "autodiff/error.h"
#include "autodiff/rng.h"
#include "harness/report/stats.h"

namespace harness {
namespace {

constexpr double kTol = 1e-12;

TEST(Mean, AveragesByHand) {
  const std::vector<double> v = {2, 4, 4, 4, 5, 5, 7, 9};
  EXPECT_DOUBLE_EQ(mean(v), 5.0);  // 40 / 8
  EXPECT_EQ(mean(std::vector<double>{}), 0.0);
}

TEST(SampleStd, DividesByNMinusOne) {
  const std::vector<double> v = {2, 4, 4, 4, 5, 5, 7, 9};
  EXPECT_NEAR(sample_std(v), std::sqrt(32.0 / 7.0), kTol);  // squares sum to 32; population std would be 2
  EXPECT_NEAR(sample_std(std::vector<double>{60, 70}), std::sqrt(50.0), kTol);
}

TEST(SampleStd, IsZeroForOneValue) { EXPECT_EQ(sample_std(std::vector<double>{42}), 0.0); }

TEST(Iqm, TrimsTheOuterQuartiles) {
  // sorted: 1 2 | 3 4 5 6 | 7 100: the middle four average to 4.5, whatever the outliers
  EXPECT_DOUBLE_EQ(iqm(std::vector<double>{100, 3, 7, 1, 5, 2, 6, 4}), 4.5);
}

TEST(Iqm, CutsWholeValuesAsScipyTrimMean) {
  EXPECT_DOUBLE_EQ(iqm(std::vector<double>{10, 0, 3, 4, 1000}), 17.0 / 3);  // n = 5: one off each end
  EXPECT_DOUBLE_EQ(iqm(std::vector<double>{1, 2, 3}), 2.0);                  // n = 3: nothing cut
  EXPECT_DOUBLE_EQ(iqm(std::vector<double>{1, 2, 4, 80}), 3.0);              // n = 4: middle two
}

TEST(Iqm, RejectsAnEmptyList) { EXPECT_THROW(iqm(std::vector<double>{}), autodiff::Error); }

TEST(QuantileOfSorted, InterpolatesLinearlyAsNumpy) {
  const std::vector<double> v = {1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(quantile_of_sorted(v, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(quantile_of_sorted(v, 0.25), 1.75);  // position 0.75
  EXPECT_DOUBLE_EQ(quantile_of_sorted(v, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile_of_sorted(v, 1.0), 4.0);
}

// three datasets of `seeds` scores each, around 20, 50 and 80
std::vector<std::vector<double>> noisy_strata(int seeds) {
  autodiff::Rng rng(7);
  std::vector<std::vector<double>> strata(3);
  for (size_t s = 0; s < strata.size(); ++s) {
    for (int i = 0; i < seeds; ++i) strata[s].push_back(20.0 + 30.0 * s + 10.0 * rng.normal());
  }
  return strata;
}

std::vector<double> pooled(const std::vector<std::vector<double>>& strata) {
  std::vector<double> all;
  for (const auto& s : strata) all.insert(all.end(), s.begin(), s.end());
  return all;
}

TEST(StratifiedBootstrap, IntervalContainsTheIqm) {
  const auto strata = noisy_strata(5);
  const Interval ci = stratified_bootstrap_ci(strata, iqm, BootstrapOptions{});
  const double point = iqm(pooled(strata));
  EXPECT_LT(ci.lo, point);
  EXPECT_GT(ci.hi, point);
}

TEST(StratifiedBootstrap, SameSeedGivesTheSameInterval) {
  const auto strata = noisy_strata(5);
  const Interval a = stratified_bootstrap_ci(strata, iqm, BootstrapOptions{});
  const Interval b = stratified_bootstrap_ci(strata, iqm, BootstrapOptions{});
  EXPECT_EQ(a.lo, b.lo);  // bit for bit
  EXPECT_EQ(a.hi, b.hi);
  BootstrapOptions other;
  other.seed = 1;
  const Interval c = stratified_bootstrap_ci(strata, iqm, other);
  EXPECT_TRUE(c.lo != a.lo || c.hi != a.hi) << "the seed should change the resamples";
}

TEST(StratifiedBootstrap, NarrowsWithMoreSeeds) {
  const Interval few = stratified_bootstrap_ci(noisy_strata(3), iqm, BootstrapOptions{});
  const Interval many = stratified_bootstrap_ci(noisy_strata(40), iqm, BootstrapOptions{});
  EXPECT_LT(many.hi - many.lo, 0.5 * (few.hi - few.lo));
}

TEST(StratifiedBootstrap, ResamplesWithinEachDataset) {
  // every resample keeps three 0s and three 100s, so the IQM never moves from 50;
  // pooling before resampling would draw unbalanced samples and widen the interval
  const Interval ci = stratified_bootstrap_ci({{0, 0, 0}, {100, 100, 100}}, iqm, BootstrapOptions{});
  EXPECT_EQ(ci.lo, 50.0);
  EXPECT_EQ(ci.hi, 50.0);
}

TEST(StratifiedBootstrap, RejectsAnEmptyDataset) {
  EXPECT_THROW(stratified_bootstrap_ci({{1, 2}, {}}, iqm, BootstrapOptions{}), autodiff::Error);
  EXPECT_THROW(stratified_bootstrap_ci({}, iqm, BootstrapOptions{}), autodiff::Error);
}

}  // namespace
}  // namespace harness
