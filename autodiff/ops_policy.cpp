// Ops of stochastic policies: the diagonal-Gaussian log-density and seeded dropout.
#include <cmath>

#include "autodiff/op_support.h"
#include "autodiff/ops.h"

namespace autodiff {
namespace {

constexpr double kHalfLogTwoPi = 0.91893853320467274178;  // ln(2 pi) / 2

// z = (x - mean) / exp(log_std) for one element
template <class T>
T standardized(T x, T mean, T log_std) {
  return (x - mean) / std::exp(log_std);
}

template <class T>
void gaussian_log_prob_backward(Tape<T>& t, const Node<T>& n) {
  const Matrix<T>& x = t.value(n.inputs[0]);
  const Matrix<T>& mu = t.value(n.inputs[1]);
  const Matrix<T>& log_std = t.value(n.inputs[2]);
  const size_t rows = x.shape(0), cols = x.shape(1);
  const detail::Broadcast ls = detail::broadcast_of(log_std);
  auto log_std_at = [&](size_t r, size_t c) { return log_std.data()[ls.at(r, c)]; };
  auto z = [&](size_t r, size_t c) { return standardized(x(r, c), mu(r, c), log_std_at(r, c)); };
  auto dz = [&](size_t r, size_t c) { return n.grad(r, 0) * z(r, c) / std::exp(log_std_at(r, c)); };
  detail::accumulate(t, n.inputs[0], [&](size_t i) { return -dz(i / cols, i % cols); });
  detail::accumulate(t, n.inputs[1], [&](size_t i) { return dz(i / cols, i % cols); });
  detail::accumulate_broadcast(t, n.inputs[2], rows, cols, [&](size_t r, size_t c) {
    const T zc = z(r, c);
    return n.grad(r, 0) * (zc * zc - T(1));
  });
}

template <class T>
void dropout_backward(Tape<T>& t, const Node<T>& n) {
  const T* dy = n.grad.data();
  const T* mask = n.saved.data();
  detail::accumulate(t, n.inputs[0], [=](size_t i) { return dy[i] * mask[i]; });
}

}  // namespace

template <class T>
Var<T> gaussian_log_prob(Var<T> x, Var<T> mean, Var<T> log_std) {
  Tape<T>& t = *x.tape;
  const size_t rows = t.value(x).shape(0), cols = t.value(x).shape(1);
  detail::require_shape("gaussian_log_prob", "mean", t.value(mean), rows, cols);
  const size_t log_std_rows = t.value(log_std).shape(0) == rows ? rows : 1;  // per row, or one for all
  detail::require_shape("gaussian_log_prob", "log_std", t.value(log_std), log_std_rows, cols);
  Var<T> y = t.push("gaussian_log_prob", {x, mean, log_std}, rows, 1,
                    gaussian_log_prob_backward<T>);
  const Matrix<T>& xv = t.value(x);
  const Matrix<T>& mu = t.value(mean);
  const Matrix<T>& ls = t.value(log_std);
  const detail::Broadcast at = detail::broadcast_of(ls);
  for (size_t r = 0; r < rows; ++r) {
    T s = T(0);
    for (size_t c = 0; c < cols; ++c) {
      const T l = ls.data()[at.at(r, c)];
      const T z = standardized(xv(r, c), mu(r, c), l);
      s += T(-0.5) * z * z - l - T(kHalfLogTwoPi);
    }
    t.out(y)(r, 0) = s;
  }
  return y;
}

template <class T>
Var<T> dropout(Var<T> x, Scalar<T> rate, Rng& rng) {
  Tape<T>& t = *x.tape;
  const Matrix<T>& xv = t.value(x);
  Var<T> y = t.push("dropout", {x}, xv.shape(0), xv.shape(1), dropout_backward<T>, rate);
  Node<T>& n = t.node(y.id);
  n.saved.resize(xv.shape());
  const T keep_scale = T(1) / (T(1) - rate);
  for (size_t i = 0; i < xv.size(); ++i) {
    n.saved.data()[i] = rng.uniform() < static_cast<double>(rate) ? T(0) : keep_scale;
    n.value.data()[i] = t.value(x).data()[i] * n.saved.data()[i];
  }
  return y;
}

template Var<float> gaussian_log_prob(Var<float>, Var<float>, Var<float>);
template Var<double> gaussian_log_prob(Var<double>, Var<double>, Var<double>);
template Var<float> dropout(Var<float>, float, Rng&);
template Var<double> dropout(Var<double>, double, Rng&);

}  // namespace autodiff
