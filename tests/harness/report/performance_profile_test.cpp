// Tests for harness/report/performance_profile.cpp: the profile of a tiny table against a hand
// computation, and its bootstrap band.
#include <gtest/gtest.h>

#include "autodiff/error.h"
#include "harness/report/performance_profile.h"

namespace harness {
namespace {

// two datasets, five runs: pooled scores 10, 50, 90, 30, 70
const std::vector<std::vector<double>> kTable = {{10, 50, 90}, {30, 70}};

TEST(PerformanceProfile, FractionsMatchAHandCount) {
  const Profile p = performance_profile(kTable, {0, 30, 50, 69.9, 90}, BootstrapOptions{});
  // tau 0: all five; 30: 50, 90, 70 (30 is not above 30); 50: 90, 70; 69.9: 90, 70; 90: none
  EXPECT_EQ(p.fraction, (std::vector<double>{1.0, 0.6, 0.4, 0.4, 0.0}));
  EXPECT_EQ(p.runs, 5);
}

TEST(PerformanceProfile, BandIsExactWhereNoResampleCanChangeTheFraction) {
  const Profile p = performance_profile(kTable, {-1, 95}, BootstrapOptions{});
  EXPECT_EQ(p.lo, (std::vector<double>{1, 0}));  // below every score: 1 in every resample
  EXPECT_EQ(p.hi, (std::vector<double>{1, 0}));  // above every score: 0 in every resample
}

// one dataset with scores 0 and 100: a resample of two draws is above 50 with fraction 0, 1/2 or 1
// (probabilities 1/4, 1/2, 1/4), so with 2000 resamples the 2.5% and 97.5% quantiles are 0 and 1
TEST(PerformanceProfile, BandOfATwoRunTableIsZeroToOne) {
  const Profile p = performance_profile({{0, 100}}, {50}, BootstrapOptions{});
  EXPECT_EQ(p.fraction[0], 0.5);
  EXPECT_EQ(p.lo[0], 0.0);
  EXPECT_EQ(p.hi[0], 1.0);
}

// resampling within strata keeps each dataset's size: a dataset whose runs all agree never moves
TEST(PerformanceProfile, ResamplesStayInsideTheirStratum) {
  const Profile p = performance_profile({{20, 20, 20}, {80}}, {50}, BootstrapOptions{});
  EXPECT_EQ(p.fraction[0], 0.25);
  EXPECT_EQ(p.lo[0], 0.25);
  EXPECT_EQ(p.hi[0], 0.25);
}

TEST(PerformanceProfile, SameSeedSameBandOtherSeedOtherBand) {
  const std::vector<double> taus = tau_grid(0, 100, 21);
  const std::vector<std::vector<double>> noisy = {{5, 40, 61, 77, 90, 33}, {12, 58, 64, 99}};
  const Profile a = performance_profile(noisy, taus, BootstrapOptions{});
  const Profile b = performance_profile(noisy, taus, BootstrapOptions{});
  BootstrapOptions other;
  other.seed = 7;
  other.resamples = 50;  // few resamples: the quantiles move with the draws
  const Profile c = performance_profile(noisy, taus, other);
  EXPECT_EQ(a.lo, b.lo);
  EXPECT_EQ(a.hi, b.hi);
  EXPECT_TRUE(a.lo != c.lo || a.hi != c.hi);
  for (size_t t = 0; t < taus.size(); ++t) EXPECT_LE(a.lo[t], a.hi[t]) << "tau " << taus[t];
}

TEST(TauGrid, IsEvenlySpacedAndInclusive) {
  EXPECT_EQ(tau_grid(0, 100, 5), (std::vector<double>{0, 25, 50, 75, 100}));
  EXPECT_THROW(tau_grid(0, 100, 1), autodiff::Error);
  EXPECT_THROW(tau_grid(5, 5, 3), autodiff::Error);
}

TEST(FractionAbove, CountsStrictlyGreater) {
  const std::vector<double> v = {1, 2, 2, 3};
  EXPECT_EQ(fraction_above(v, 2), 0.25);
  EXPECT_EQ(fraction_above(std::vector<double>{}, 0), 0.0);
}

}  // namespace
}  // namespace harness
