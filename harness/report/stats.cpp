#include "harness/report/stats.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "autodiff/error.h"
#include "autodiff/rng.h"

namespace harness {

double mean(std::span<const double> values) {
  if (values.empty()) return 0;
  double sum = 0;
  for (double v : values) sum += v;  // in order: the same sum on every run
  return sum / static_cast<double>(values.size());
}

double sample_std(std::span<const double> values) {
  if (values.size() < 2) return 0;
  const double m = mean(values);
  double squares = 0;
  for (double v : values) squares += (v - m) * (v - m);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

double iqm(std::span<const double> values) {
  if (values.empty()) throw autodiff::Error("iqm: no values (a suite with no finished runs has no IQM)");
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  // scipy's trim_mean cuts a whole number of values from each end: floor(0.25 n)
  const size_t cut = sorted.size() / 4;
  return mean(std::span<const double>(sorted).subspan(cut, sorted.size() - 2 * cut));
}

double quantile_of_sorted(std::span<const double> sorted, double q) {
  if (sorted.empty()) throw autodiff::Error("quantile_of_sorted: no values");
  const double position = q * static_cast<double>(sorted.size() - 1);
  const size_t below = static_cast<size_t>(std::floor(position));
  const size_t above = std::min(below + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

namespace {

// one bootstrap sample: every stratum redrawn with replacement to its own size, pooled in order
void resample_strata(const std::vector<std::vector<double>>& strata, autodiff::Rng& rng, std::vector<double>& pooled) {
  pooled.clear();
  for (const std::vector<double>& stratum : strata) {
    for (size_t i = 0; i < stratum.size(); ++i) pooled.push_back(stratum[rng.below(stratum.size())]);
  }
}

}  // namespace

Interval stratified_bootstrap_ci(const std::vector<std::vector<double>>& strata, const Statistic& statistic,
                                 const BootstrapOptions& options) {
  if (strata.empty()) throw autodiff::Error("stratified_bootstrap_ci: no strata (no datasets with finished runs)");
  for (size_t s = 0; s < strata.size(); ++s) {
    if (strata[s].empty()) throw autodiff::Error("stratified_bootstrap_ci: stratum " + std::to_string(s) + " is empty");
  }
  if (options.resamples < 1) {
    throw autodiff::Error("bootstrap: resamples is " + std::to_string(options.resamples) + "; it must be at least 1");
  }
  autodiff::Rng rng = autodiff::Rng::stream(options.seed, "report/bootstrap");
  std::vector<double> statistics;
  statistics.reserve(static_cast<size_t>(options.resamples));
  std::vector<double> pooled;
  for (int r = 0; r < options.resamples; ++r) {
    resample_strata(strata, rng, pooled);
    statistics.push_back(statistic(pooled));
  }
  std::sort(statistics.begin(), statistics.end());
  const double tail = (1 - options.confidence) / 2;
  return {quantile_of_sorted(statistics, tail), quantile_of_sorted(statistics, 1 - tail)};
}

}  // namespace harness
