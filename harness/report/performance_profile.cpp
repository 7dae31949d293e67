#include "harness/report/performance_profile.h"

#include <algorithm>

#include "autodiff/error.h"

namespace harness {

double fraction_above(std::span<const double> values, double tau) {
  if (values.empty()) return 0;
  const auto above = std::count_if(values.begin(), values.end(), [tau](double v) { return v > tau; });
  return static_cast<double>(above) / static_cast<double>(values.size());
}

std::vector<double> tau_grid(double lo, double hi, int points) {
  if (points < 2 || !(hi > lo)) {
    throw autodiff::Error("tau_grid: need at least 2 points over a non-empty range (got " + std::to_string(points) +
                          " points)");
  }
  std::vector<double> taus;
  for (int i = 0; i < points; ++i) taus.push_back(lo + (hi - lo) * i / (points - 1));
  return taus;
}

Profile performance_profile(const std::vector<std::vector<double>>& strata, const std::vector<double>& taus,
                            const BootstrapOptions& options) {
  Profile p;
  p.tau = taus;
  std::vector<double> pooled;
  for (const std::vector<double>& stratum : strata) pooled.insert(pooled.end(), stratum.begin(), stratum.end());
  p.runs = static_cast<int>(pooled.size());
  for (double tau : taus) p.fraction.push_back(fraction_above(pooled, tau));
  // every tau sees the same resamples, so the band is one bootstrap of the whole curve
  std::vector<std::vector<double>> at_tau(taus.size());
  for_each_stratified_resample(strata, options, "report/profile", [&](const std::vector<double>& sample) {
    for (size_t t = 0; t < taus.size(); ++t) at_tau[t].push_back(fraction_above(sample, taus[t]));
  });
  for (std::vector<double>& fractions : at_tau) {
    const Interval band = percentile_interval(std::move(fractions), options.confidence);
    p.lo.push_back(band.lo);
    p.hi.push_back(band.hi);
  }
  return p;
}

}  // namespace harness
