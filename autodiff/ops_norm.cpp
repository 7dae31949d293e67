// Layer normalisation over each row's features (Ba, Kiros & Hinton 2016).
#include <cmath>

#include "autodiff/op_support.h"
#include "autodiff/ops.h"

namespace autodiff {
namespace {

// per row: xhat = (x - mean) * rstd, rstd = 1 / sqrt(var + eps); saved holds (mean, rstd) per row
template <class T>
void layer_norm_backward(Tape<T>& t, const Node<T>& n) {
  const Matrix<T>& x = t.value(n.inputs[0]);
  const Matrix<T>& gain = t.value(n.inputs[1]);
  const size_t rows = x.shape(0), cols = x.shape(1);
  auto xhat = [&](size_t r, size_t c) { return (x(r, c) - n.saved(r, 0)) * n.saved(r, 1); };
  // dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)), dxhat = dy * gain
  Matrix<T> dx(x.shape());
  for (size_t r = 0; r < rows; ++r) {
    T mean_d = 0, mean_dx = 0;
    for (size_t c = 0; c < cols; ++c) {
      const T d = n.grad(r, c) * gain(0, c);
      mean_d += d;
      mean_dx += d * xhat(r, c);
    }
    mean_d /= T(cols);
    mean_dx /= T(cols);
    for (size_t c = 0; c < cols; ++c)
      dx(r, c) = n.saved(r, 1) * (n.grad(r, c) * gain(0, c) - mean_d - xhat(r, c) * mean_dx);
  }
  detail::accumulate(t, n.inputs[0], [&](size_t i) { return dx.data()[i]; });
  detail::accumulate_broadcast(t, n.inputs[1], rows, cols, [&](size_t r, size_t c) { return n.grad(r, c) * xhat(r, c); });
  detail::accumulate_broadcast(t, n.inputs[2], rows, cols, [&](size_t r, size_t c) { return n.grad(r, c); });
}

}  // namespace

// layer_norm: y = (x - mean) / sqrt(var + eps) * gain + bias, statistics over each row
template <class T>
Var<T> layer_norm(Var<T> x, Var<T> gain, Var<T> bias, Scalar<T> eps) {
  Tape<T>& t = *x.tape;
  const size_t rows = t.value(x).shape(0), cols = t.value(x).shape(1);
  detail::require_shape("layer_norm", "gain", t.value(gain), 1, cols);
  detail::require_shape("layer_norm", "bias", t.value(bias), 1, cols);
  Var<T> y = t.push("layer_norm", {x, gain, bias}, rows, cols, layer_norm_backward<T>);
  Node<T>& n = t.node(y.id);
  n.saved.resize({rows, 2});
  const Matrix<T>& xv = t.value(x);
  for (size_t r = 0; r < rows; ++r) {
    T mean = 0, var = 0;
    for (size_t c = 0; c < cols; ++c) mean += xv(r, c);
    mean /= T(cols);
    for (size_t c = 0; c < cols; ++c) var += (xv(r, c) - mean) * (xv(r, c) - mean);
    const T rstd = T(1) / std::sqrt(var / T(cols) + eps);
    n.saved(r, 0) = mean;
    n.saved(r, 1) = rstd;
    for (size_t c = 0; c < cols; ++c)
      n.value(r, c) = (xv(r, c) - mean) * rstd * t.value(gain)(0, c) + t.value(bias)(0, c);
  }
  return y;
}

template Var<float> layer_norm(Var<float>, Var<float>, Var<float>, float);
template Var<double> layer_norm(Var<double>, Var<double>, Var<double>, double);

}  // namespace autodiff
