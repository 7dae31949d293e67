// Reductions: over everything to (1,1), or over each row's columns to (B,1). Sums run in
// row-major order in the tensor's own precision, the same order every run.
#include "autodiff/op_support.h"
#include "autodiff/ops.h"

namespace autodiff {
namespace {

// y = scale * sum of all x                                      dx = scale dy
template <class T>
Var<T> total(const char* op, Var<T> x, T scale) {
  Tape<T>& t = *x.tape;
  Var<T> y = t.push(op, {x}, 1, 1, [](Tape<T>& t, const Node<T>& n) {
    const T d = n.grad(0, 0) * n.constants[0];
    detail::accumulate(t, n.inputs[0], [d](size_t) { return d; });
  }, scale);
  const Matrix<T>& xv = t.value(x);
  T s = T(0);
  for (size_t i = 0; i < xv.size(); ++i) s += xv.data()[i];
  t.out(y)(0, 0) = s * scale;
  return y;
}

// y[r] = scale * sum over c of x[r, c]                          dx[r, c] = scale dy[r]
template <class T>
Var<T> per_row(const char* op, Var<T> x, T scale) {
  Tape<T>& t = *x.tape;
  const size_t rows = t.value(x).shape(0), cols = t.value(x).shape(1);
  Var<T> y = t.push(op, {x}, rows, 1, [](Tape<T>& t, const Node<T>& n) {
    const size_t cols = t.value(n.inputs[0]).shape(1);
    detail::accumulate(t, n.inputs[0],
                       [&](size_t i) { return n.grad(i / cols, 0) * n.constants[0]; });
  }, scale);
  const Matrix<T>& xv = t.value(x);
  for (size_t r = 0; r < rows; ++r) {
    T s = T(0);
    for (size_t c = 0; c < cols; ++c) s += xv(r, c);
    t.out(y)(r, 0) = s * scale;
  }
  return y;
}

}  // namespace

template <class T> Var<T> sum(Var<T> x) { return total("sum", x, T(1)); }
template <class T> Var<T> mean(Var<T> x) { return total("mean", x, T(1) / T(x.tape->value(x).size())); }
template <class T> Var<T> row_sum(Var<T> x) { return per_row("row_sum", x, T(1)); }
template <class T> Var<T> row_mean(Var<T> x) { return per_row("row_mean", x, T(1) / T(x.tape->value(x).shape(1))); }

template Var<float> sum(Var<float>);
template Var<double> sum(Var<double>);
template Var<float> mean(Var<float>);
template Var<double> mean(Var<double>);
template Var<float> row_sum(Var<float>);
template Var<double> row_sum(Var<double>);
template Var<float> row_mean(Var<float>);
template Var<double> row_mean(Var<double>);

}  // namespace autodiff
