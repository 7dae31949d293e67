// Statistics of a results table: mean and sample std over seeds, the interquartile mean (IQM) and a
// stratified bootstrap confidence interval, as rliable (Agarwal et al. 2021) reports aggregates.
// Every random draw comes from autodiff::Rng, so a report is the same bytes on every machine.
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace harness {

/// The arithmetic mean; 0 for an empty list.
double mean(std::span<const double> values);

/// The sample standard deviation (ddof = 1): sqrt(sum (x - mean)^2 / (n - 1)); 0 when n < 2.
double sample_std(std::span<const double> values);

/// The interquartile mean: scipy.stats.trim_mean(values, 0.25) as rliable computes it. Sorts, drops
/// floor(n / 4) values from each end, and averages the rest. Throws autodiff::Error when empty.
double iqm(std::span<const double> values);

/// The q-quantile (q in [0, 1]) of sorted values, interpolated linearly between neighbours
/// (numpy.percentile's default). Throws autodiff::Error when empty.
double quantile_of_sorted(std::span<const double> sorted, double q);

struct Interval {
  double lo = 0;
  double hi = 0;
};

struct BootstrapOptions {
  int resamples = 2000;       // rliable's default is 50000; 2000 keeps a report under a second
  double confidence = 0.95;   // two-sided: the (1-c)/2 and (1+c)/2 percentiles
  uint64_t seed = 0;          // the report's RNG seed: a fixed seed makes the interval reproducible
};

using Statistic = std::function<double(std::span<const double>)>;

/// Draws options.resamples stratified bootstrap samples from the RNG stream `stream` of
/// options.seed and passes each to `visit`: within every stratum (a dataset) as many values as it
/// holds (its seeds), with replacement, pooled in stratum order. Strata must be non-empty and
/// resamples at least 1; throws autodiff::Error otherwise.
void for_each_stratified_resample(const std::vector<std::vector<double>>& strata, const BootstrapOptions& options,
                                  const std::string& stream,
                                  const std::function<void(const std::vector<double>& pooled)>& visit);

/// The two-sided `confidence` percentile interval of `values` (quantile_of_sorted after sorting).
Interval percentile_interval(std::vector<double> values, double confidence);

/// Stratified bootstrap percentile interval of `statistic` over the pooled values of all strata:
/// the statistic of every for_each_stratified_resample sample (stream "report/bootstrap"), and
/// the (1-c)/2 and (1+c)/2 quantiles of those.
Interval stratified_bootstrap_ci(const std::vector<std::vector<double>>& strata, const Statistic& statistic,
                                 const BootstrapOptions& options);

}  // namespace harness
