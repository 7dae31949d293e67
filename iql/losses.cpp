#include "iql/losses.h"

#include <algorithm>
#include <cmath>

namespace iql {

Var expectile_loss(Var u, double expectile) {
  autodiff::Tape<float>& tape = *u.tape;
  const float above = static_cast<float>(expectile), below = static_cast<float>(1.0 - expectile);
  Tensor weight = xt::where(tape.value(u) < 0.0f, below, above);
  return mean(tape.constant(weight) * square(u));
}

Tensor advantage_weights(const Tensor& q, const Tensor& v, double temperature, double cap) {
  const float beta = static_cast<float>(temperature), limit = static_cast<float>(cap);
  Tensor w(q.shape());
  for (size_t i = 0; i < w.size(); ++i)
    w.data()[i] = std::min(std::exp((q.data()[i] - v.data()[i]) * beta), limit);
  return w;
}

WeightSpread weight_spread(const Tensor& w, double cap) {
  double sum = 0, sum_of_squares = 0, at_cap = 0;
  for (float x : w) {
    sum += x, sum_of_squares += double(x) * x;
    at_cap += x >= static_cast<float>(cap) ? 1 : 0;
  }
  const double n = static_cast<double>(w.size());
  return {static_cast<float>(at_cap / n), static_cast<float>(sum * sum / (n * sum_of_squares))};
}

}  // namespace iql
