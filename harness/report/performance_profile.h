// Performance profiles (Agarwal et al. 2021, "Deep RL at the Edge of the Statistical Precipice";
// rliable's run score distribution): for each threshold tau, the fraction of runs whose final
// D4RL-normalised score is above tau, with a stratified bootstrap percentile band. Runs are pooled
// over a suite's datasets, so a dataset weighs by its number of runs (rliable's equal-runs case
// weighs every dataset alike, which pooling gives when the seed counts agree).
#pragma once
#include <span>
#include <vector>

#include "harness/report/stats.h"

namespace harness {

struct Profile {
  std::vector<double> tau;
  std::vector<double> fraction;  // of the runs with score > tau, one per tau
  std::vector<double> lo;        // the bootstrap band of the fraction, one per tau
  std::vector<double> hi;
  int runs = 0;
};

/// The fraction of `values` strictly above `tau`; 0 for no values.
double fraction_above(std::span<const double> values, double tau);

/// `points` evenly spaced thresholds from lo to hi inclusive (points >= 2; throws autodiff::Error
/// otherwise or when hi <= lo).
std::vector<double> tau_grid(double lo, double hi, int points);

/// The profile of the runs in `strata` (one stratum per dataset, its runs' final scores) at each
/// tau. The band is the percentile interval, per tau, of the fractions over the stratified bootstrap
/// resamples (RNG stream "report/profile" of options.seed: the same runs give the same band).
/// Throws autodiff::Error like for_each_stratified_resample.
Profile performance_profile(const std::vector<std::vector<double>>& strata, const std::vector<double>& taus,
                            const BootstrapOptions& options);

}  // namespace harness
