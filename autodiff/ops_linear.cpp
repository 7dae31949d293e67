// matmul, bias add, the fused linear layers (with and without ReLU), and column concatenation.
#include <algorithm>

#include "autodiff/blas.h"
#include "autodiff/op_support.h"
#include "autodiff/ops.h"

namespace autodiff {
using detail::require_shape;

namespace {

// dx = dy w^T, dw = x^T dy: each a GEMM that overwrites (beta 0) on the first contribution
template <class T>
void matmul_backward_into(Tape<T>& t, int x, int w, const Matrix<T>& dy) {
  const Matrix<T>& xv = t.value(x);
  const Matrix<T>& wv = t.value(w);
  const size_t batch = xv.shape(0), in = xv.shape(1), out = wv.shape(1);
  if (GradRef<T> dx = t.grad_ref(x)) {
    gemm(false, true, batch, in, out, T(1), dy.data(), wv.data(), *dx.has_grad ? T(1) : T(0),
         dx.grad->data());
    *dx.has_grad = true;
  }
  if (GradRef<T> dw = t.grad_ref(w)) {
    gemm(true, false, in, out, batch, T(1), xv.data(), dy.data(), *dw.has_grad ? T(1) : T(0),
         dw.grad->data());
    *dw.has_grad = true;
  }
}

// where db accumulates: zeroed on its first contribution of the pass; null when b needs no gradient
template <class T>
T* bias_grad_to_add_into(Tape<T>& t, int b, size_t cols) {
  GradRef<T> db = t.grad_ref(b);
  if (!db) return nullptr;
  T* d = db.grad->data();
  if (!*db.has_grad) std::fill(d, d + cols, T(0));
  *db.has_grad = true;
  return d;
}

// db = sum over rows of dy, rows added in order
template <class T>
void bias_backward_into(Tape<T>& t, int b, const Matrix<T>& dy) {
  const size_t rows = dy.shape(0), cols = dy.shape(1);
  T* d = bias_grad_to_add_into(t, b, cols);
  if (!d) return;
  const T* row = dy.data();
  for (size_t r = 0; r < rows; ++r, row += cols)
    for (size_t c = 0; c < cols; ++c) d[c] += row[c];
}

template <class T>
void check_matmul(const char* op, const Matrix<T>& x, const Matrix<T>& w) {
  if (x.shape(1) != w.shape(0)) {
    throw ShapeError(std::string(op) + ": x " + shape_string(x) + " times w " + shape_string(w) +
                     ": inner dims differ");
  }
}

// records op(x, w, b) with its backward and fills its value with x w + b, clamped at 0 when relu
template <class T>
Var<T> record_affine(const char* op, Var<T> x, Var<T> w, Var<T> b, bool relu, BackwardFn<T> backward) {
  Tape<T>& t = *x.tape;
  check_matmul(op, t.value(x), t.value(w));
  require_shape(op, "b", t.value(b), 1, t.value(w).shape(1));
  const size_t batch = t.value(x).shape(0), in = t.value(x).shape(1), out = t.value(w).shape(1);
  Var<T> y = t.push(op, {x, w, b}, batch, out, backward);
  affine(batch, out, in, t.value(x).data(), t.value(w).data(), t.value(b).data(), relu, t.out(y).data());
  return y;
}

template <class T>
void linear_backward(Tape<T>& t, const Node<T>& n) {
  matmul_backward_into(t, n.inputs[0], n.inputs[1], n.grad);
  bias_backward_into(t, n.inputs[2], n.grad);
}

// backward of max(x w + b, 0): dy masked where the output is 0 (the kink gets 0, as in PyTorch and
// relu()), in place in the node's own gradient, with db summed in the same pass (rows in order, as
// bias_backward_into sums); then the GEMMs of dx and dw on the masked gradient
template <class T>
void linear_relu_backward(Tape<T>& t, const Node<T>& n) {
  const size_t rows = n.grad.shape(0), cols = n.grad.shape(1);
  T* bias_grad = bias_grad_to_add_into(t, n.inputs[2], cols);
  T* dz = n.grad.data();
  const T* y = n.value.data();
  for (size_t r = 0; r < rows; ++r, dz += cols, y += cols) {
    // a product, not a select: the loop stays branch-free and vectorised
    for (size_t c = 0; c < cols; ++c) dz[c] *= T(y[c] > T(0));
    if (bias_grad) {
      for (size_t c = 0; c < cols; ++c) bias_grad[c] += dz[c];
    }
  }
  matmul_backward_into(t, n.inputs[0], n.inputs[1], n.grad);
}

}  // namespace

// matmul: y = x w
template <class T>
Var<T> matmul(Var<T> x, Var<T> w) {
  Tape<T>& t = *x.tape;
  check_matmul("matmul", t.value(x), t.value(w));
  Var<T> y = t.push("matmul", {x, w}, t.value(x).shape(0), t.value(w).shape(1),
                    [](Tape<T>& t, const Node<T>& n) {
                      matmul_backward_into(t, n.inputs[0], n.inputs[1], n.grad);
                    });
  gemm(false, false, t.value(x).shape(0), t.value(w).shape(1), t.value(x).shape(1), T(1),
       t.value(x).data(), t.value(w).data(), T(0), t.out(y).data());
  return y;
}

// add_bias: y = x + b, b one row added to every row
template <class T>
Var<T> add_bias(Var<T> x, Var<T> b) {
  Tape<T>& t = *x.tape;
  require_shape("add_bias", "b", t.value(b), 1, t.value(x).shape(1));
  Var<T> y = t.push("add_bias", {x, b}, t.value(x).shape(0), t.value(x).shape(1),
                    [](Tape<T>& t, const Node<T>& n) {
                      const T* dy = n.grad.data();
                      detail::accumulate(t, n.inputs[0], [=](size_t i) { return dy[i]; });
                      bias_backward_into(t, n.inputs[1], n.grad);
                    });
  Matrix<T>& out = t.out(y);
  const Matrix<T>& xv = t.value(x);
  const Matrix<T>& bv = t.value(b);
  for (size_t r = 0; r < out.shape(0); ++r)
    for (size_t c = 0; c < out.shape(1); ++c) out(r, c) = xv(r, c) + bv(0, c);
  return y;
}

// linear: y = x w + b
template <class T>
Var<T> linear(Var<T> x, Var<T> w, Var<T> b) {
  return record_affine("linear", x, w, b, false, linear_backward<T>);
}

// linear_relu: y = max(x w + b, 0), clamped as it is stored: a hidden layer keeps one activation, not two
template <class T>
Var<T> linear_relu(Var<T> x, Var<T> w, Var<T> b) {
  return record_affine("linear_relu", x, w, b, true, linear_relu_backward<T>);
}

// concat_cols: y = [a b]
template <class T>
Var<T> concat_cols(Var<T> a, Var<T> b) {
  Tape<T>& t = *a.tape;
  const size_t rows = t.value(a).shape(0), ca = t.value(a).shape(1), cb = t.value(b).shape(1);
  require_shape("concat_cols", "b", t.value(b), rows, cb);
  Var<T> y = t.push("concat_cols", {a, b}, rows, ca + cb, [](Tape<T>& t, const Node<T>& n) {
    const size_t ca = t.value(n.inputs[0]).shape(1), cols = n.grad.shape(1);
    const size_t cb = cols - ca;
    detail::accumulate(t, n.inputs[0], [&](size_t i) { return n.grad(i / ca, i % ca); });
    detail::accumulate(t, n.inputs[1], [&](size_t i) { return n.grad(i / cb, ca + i % cb); });
  });
  const T* from_a = t.value(a).data();
  const T* from_b = t.value(b).data();
  T* row = t.out(y).data();
  for (size_t r = 0; r < rows; ++r, from_a += ca, from_b += cb, row += ca + cb) {
    std::copy(from_a, from_a + ca, row);
    std::copy(from_b, from_b + cb, row + ca);
  }
  return y;
}

template Var<float> matmul(Var<float>, Var<float>);
template Var<double> matmul(Var<double>, Var<double>);
template Var<float> add_bias(Var<float>, Var<float>);
template Var<double> add_bias(Var<double>, Var<double>);
template Var<float> linear(Var<float>, Var<float>, Var<float>);
template Var<double> linear(Var<double>, Var<double>, Var<double>);
template Var<float> linear_relu(Var<float>, Var<float>, Var<float>);
template Var<double> linear_relu(Var<double>, Var<double>, Var<double>);
template Var<float> concat_cols(Var<float>, Var<float>);
template Var<double> concat_cols(Var<double>, Var<double>);

}  // namespace autodiff
