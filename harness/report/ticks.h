// Axis ticks for the report's charts: "nice" steps (1, 2, 5 x 10^k) over a data range, and their
// labels ("200k", "1.5M", "2.5").
#pragma once
#include <string>
#include <vector>

namespace harness {

/// `values` from lo to hi (inclusive) every `step`, where [lo, hi] is the data range widened to
/// whole steps and step is 1, 2 or 5 x 10^k giving about `target` intervals.
struct Ticks {
  double lo = 0;
  double hi = 1;
  double step = 1;
  std::vector<double> values;
};

/// The ticks of [data_lo, data_hi]; a flat range is widened around its value first.
Ticks nice_ticks(double data_lo, double data_hi, int target);

/// A tick's text: "0", "2.5", "200k", "1.5M", with as many decimals as the step needs.
std::string tick_label(double value, const Ticks& ticks);

}  // namespace harness
