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

void for_each_stratified_resample(const std::vector<std::vector<double>>& strata, const BootstrapOptions& options,
                                  const std::string& stream,
                                  const std::function<void(const std::vector<double>& pooled)>& visit) {
  if (strata.empty()) throw autodiff::Error("stratified bootstrap: no strata (no datasets with finished runs)");
  for (size_t s = 0; s < strata.size(); ++s) {
    if (strata[s].empty()) throw autodiff::Error("stratified bootstrap: stratum " + std::to_string(s) + " is empty");
  }
  if (options.resamples < 1) {
    throw autodiff::Error("bootstrap: resamples is " + std::to_string(options.resamples) + "; it must be at least 1");
  }
  autodiff::Rng rng = autodiff::Rng::stream(options.seed, stream);
  std::vector<double> pooled;
  for (int r = 0; r < options.resamples; ++r) {
    resample_strata(strata, rng, pooled);
    visit(pooled);
  }
}

Interval percentile_interval(std::vector<double> values, double confidence) {
  std::sort(values.begin(), values.end());
  const double tail = (1 - confidence) / 2;
  return {quantile_of_sorted(values, tail), quantile_of_sorted(values, 1 - tail)};
}

Interval stratified_bootstrap_ci(const std::vector<std::vector<double>>& strata, const Statistic& statistic,
                                 const BootstrapOptions& options) {
  std::vector<double> statistics;
  for_each_stratified_resample(strata, options, "report/bootstrap",
                               [&](const std::vector<double>& pooled) { statistics.push_back(statistic(pooled)); });
  return percentile_interval(std::move(statistics), options.confidence);
}

}  // namespace harness
