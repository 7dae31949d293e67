#include "harness/report/ticks.h"

#include <algorithm>
#include <cmath>

#include "harness/report/number_format.h"

namespace harness {

Ticks nice_ticks(double data_lo, double data_hi, int target) {
  if (data_hi < data_lo) std::swap(data_lo, data_hi);
  if (data_hi == data_lo) {  // a flat series still gets an axis around it
    const double pad = data_lo == 0 ? 1 : std::fabs(data_lo) * 0.1;
    data_lo -= pad;
    data_hi += pad;
  }
  const double raw = (data_hi - data_lo) / std::max(target, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  Ticks t;
  t.step = 10 * magnitude;
  for (double m : {1.0, 2.0, 5.0}) {
    if (m * magnitude >= raw) {
      t.step = m * magnitude;
      break;
    }
  }
  t.lo = std::floor(data_lo / t.step) * t.step;
  t.hi = std::ceil(data_hi / t.step) * t.step;
  const int count = static_cast<int>(std::lround((t.hi - t.lo) / t.step));
  for (int i = 0; i <= count; ++i) t.values.push_back(t.lo + i * t.step);
  return t;
}

std::string tick_label(double value, const Ticks& ticks) {
  const double largest = std::max(std::fabs(ticks.lo), std::fabs(ticks.hi));
  const double unit = largest >= 1e6 ? 1e6 : largest >= 1e4 ? 1e3 : 1;
  const char* suffix = unit == 1e6 ? "M" : unit == 1e3 ? "k" : "";
  // a step of d x 10^k in the unit needs max(0, -k) decimals
  const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(ticks.step / unit) + 1e-9)));
  if (std::fabs(value) < ticks.step * 1e-9) return "0";
  return fixed(value / unit, decimals) + suffix;
}

}  // namespace harness
