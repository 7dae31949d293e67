// Elementwise ops. Each rule states its forward f and its partial derivatives side by side;
// binary() and unary() do the looping, broadcasting and gradient accumulation once for all.
#include <cmath>

#include "autodiff/op_support.h"
#include "autodiff/ops.h"

namespace autodiff {
namespace {

constexpr double kLogTwo = 0.69314718055994530942;  // ln 2

using detail::Broadcast;
using detail::broadcast_of;

// ---- two operands: f(a, b), df/da, df/db ----
struct AddRule {
  template <class T> static T f(T a, T b) { return a + b; }
  template <class T> static T da(T, T) { return T(1); }
  template <class T> static T db(T, T) { return T(1); }
};
struct SubRule {
  template <class T> static T f(T a, T b) { return a - b; }
  template <class T> static T da(T, T) { return T(1); }
  template <class T> static T db(T, T) { return T(-1); }
};
struct MulRule {
  template <class T> static T f(T a, T b) { return a * b; }
  template <class T> static T da(T, T b) { return b; }
  template <class T> static T db(T a, T) { return a; }
};
struct DivRule {
  template <class T> static T f(T a, T b) { return a / b; }
  template <class T> static T da(T, T b) { return T(1) / b; }
  template <class T> static T db(T a, T b) { return -a / (b * b); }
};
struct MinimumRule {
  template <class T> static T f(T a, T b) { return a <= b ? a : b; }
  template <class T> static T da(T a, T b) { return a <= b ? T(1) : T(0); }
  template <class T> static T db(T a, T b) { return a <= b ? T(0) : T(1); }
};

template <class T, class Rule>
void binary_backward(Tape<T>& t, const Node<T>& n) {
  const Matrix<T>& a = t.value(n.inputs[0]);
  const Matrix<T>& b = t.value(n.inputs[1]);
  const Broadcast ia = broadcast_of(a), ib = broadcast_of(b);
  const size_t rows = n.grad.shape(0), cols = n.grad.shape(1);
  detail::accumulate_broadcast(t, n.inputs[0], rows, cols, [&](size_t r, size_t c) {
    return n.grad(r, c) * Rule::da(a.data()[ia.at(r, c)], b.data()[ib.at(r, c)]);
  });
  detail::accumulate_broadcast(t, n.inputs[1], rows, cols, [&](size_t r, size_t c) {
    return n.grad(r, c) * Rule::db(a.data()[ia.at(r, c)], b.data()[ib.at(r, c)]);
  });
}

template <class T, class Rule>
Var<T> binary(const char* op, Var<T> a, Var<T> b) {
  Tape<T>& t = *a.tape;
  const auto shape = detail::broadcast_shape(op, t.value(a), t.value(b));
  Var<T> y = t.push(op, {a, b}, shape[0], shape[1], binary_backward<T, Rule>);
  const Matrix<T>& av = t.value(a);
  const Matrix<T>& bv = t.value(b);
  const Broadcast ia = broadcast_of(av), ib = broadcast_of(bv);
  Matrix<T>& out = t.out(y);
  for (size_t r = 0; r < shape[0]; ++r)
    for (size_t c = 0; c < shape[1]; ++c)
      out(r, c) = Rule::f(av.data()[ia.at(r, c)], bv.data()[ib.at(r, c)]);
  return y;
}

// ---- one operand: f(x; c0, c1) and df/dx given x and y = f(x) ----
struct ScaleRule {
  template <class T> static T f(T x, T c, T) { return c * x; }
  template <class T> static T dx(T, T, T c, T) { return c; }
};
struct ShiftRule {
  template <class T> static T f(T x, T c, T) { return x + c; }
  template <class T> static T dx(T, T, T, T) { return T(1); }
};
struct ReluRule {
  template <class T> static T f(T x, T, T) { return std::max(x, T(0)); }
  template <class T> static T dx(T x, T, T, T) { return T(x > T(0)); }
};
struct TanhRule {
  template <class T> static T f(T x, T, T) { return std::tanh(x); }
  template <class T> static T dx(T, T y, T, T) { return T(1) - y * y; }
};
struct ExpRule {
  template <class T> static T f(T x, T, T) { return std::exp(x); }
  template <class T> static T dx(T, T y, T, T) { return y; }
};
struct LogRule {
  template <class T> static T f(T x, T, T) { return std::log(x); }
  template <class T> static T dx(T x, T, T, T) { return T(1) / x; }
};
struct SquareRule {
  template <class T> static T f(T x, T, T) { return x * x; }
  template <class T> static T dx(T x, T, T, T) { return T(2) * x; }
};
struct SoftplusRule {  // the stable form max(x, 0) + log1p(e^-|x|)
  template <class T> static T f(T x, T, T) { return std::max(x, T(0)) + std::log1p(std::exp(-std::abs(x))); }
  template <class T> static T dx(T x, T, T, T) { return T(1) / (T(1) + std::exp(-x)); }
};
struct TanhLogJacobianRule {  // log(1 - tanh(x)^2) as 2 (log 2 - x - softplus(-2x)): finite for any x
  template <class T> static T f(T x, T, T) { return T(2) * (T(kLogTwo) - x - SoftplusRule::f(T(-2) * x, T(0), T(0))); }
  template <class T> static T dx(T x, T, T, T) { return T(-2) * std::tanh(x); }
};
struct ClampRule {  // gradient passes inside [lo, hi], bounds included (as PyTorch's clamp)
  template <class T> static T f(T x, T lo, T hi) { return std::min(std::max(x, lo), hi); }
  template <class T> static T dx(T x, T, T lo, T hi) { return (x >= lo && x <= hi) ? T(1) : T(0); }
};

template <class T, class Rule>
void unary_backward(Tape<T>& t, const Node<T>& n) {
  const T* x = t.value(n.inputs[0]).data();
  const T* y = n.value.data();
  const T* dy = n.grad.data();
  const T c0 = n.constants[0], c1 = n.constants[1];
  // captured by value: the loop can keep the pointers in registers and vectorise
  detail::accumulate(t, n.inputs[0], [=](size_t i) { return dy[i] * Rule::dx(x[i], y[i], c0, c1); });
}

template <class T, class Rule>
Var<T> unary(const char* op, Var<T> x, T c0 = T(0), T c1 = T(0)) {
  Tape<T>& t = *x.tape;
  const Matrix<T>& xv = t.value(x);
  Var<T> y = t.push(op, {x}, xv.shape(0), xv.shape(1), unary_backward<T, Rule>, c0, c1);
  T* out = t.out(y).data();
  const T* in = t.value(x).data();
  const size_t n = t.value(x).size();
  for (size_t i = 0; i < n; ++i) out[i] = Rule::f(in[i], c0, c1);
  return y;
}

}  // namespace

template <class T> Var<T> add(Var<T> a, Var<T> b) { return binary<T, AddRule>("add", a, b); }
template <class T> Var<T> sub(Var<T> a, Var<T> b) { return binary<T, SubRule>("sub", a, b); }
template <class T> Var<T> mul(Var<T> a, Var<T> b) { return binary<T, MulRule>("mul", a, b); }
template <class T> Var<T> div(Var<T> a, Var<T> b) { return binary<T, DivRule>("div", a, b); }
template <class T> Var<T> minimum(Var<T> a, Var<T> b) { return binary<T, MinimumRule>("minimum", a, b); }

template <class T> Var<T> scale(Var<T> x, Scalar<T> c) { return unary<T, ScaleRule>("scale", x, c); }
template <class T> Var<T> shift(Var<T> x, Scalar<T> c) { return unary<T, ShiftRule>("shift", x, c); }
template <class T> Var<T> relu(Var<T> x) { return unary<T, ReluRule>("relu", x); }
template <class T> Var<T> tanh(Var<T> x) { return unary<T, TanhRule>("tanh", x); }
template <class T> Var<T> exp(Var<T> x) { return unary<T, ExpRule>("exp", x); }
template <class T> Var<T> log(Var<T> x) { return unary<T, LogRule>("log", x); }
template <class T> Var<T> square(Var<T> x) { return unary<T, SquareRule>("square", x); }
template <class T> Var<T> softplus(Var<T> x) { return unary<T, SoftplusRule>("softplus", x); }
template <class T> Var<T> tanh_log_jacobian(Var<T> x) { return unary<T, TanhLogJacobianRule>("tanh_log_jacobian", x); }
template <class T> Var<T> clamp(Var<T> x, Scalar<T> lo, Scalar<T> hi) { return unary<T, ClampRule>("clamp", x, lo, hi); }

// stop_gradient: a constant copy of x's value, so nothing flows back
template <class T>
Var<T> stop_gradient(Var<T> x) {
  Tape<T>& t = *x.tape;
  const Matrix<T>& xv = t.value(x);
  Var<T> y = t.push("stop_gradient", {}, xv.shape(0), xv.shape(1), nullptr);
  t.out(y) = t.value(x);
  return y;
}

template Var<float> add(Var<float>, Var<float>);
template Var<double> add(Var<double>, Var<double>);
template Var<float> sub(Var<float>, Var<float>);
template Var<double> sub(Var<double>, Var<double>);
template Var<float> mul(Var<float>, Var<float>);
template Var<double> mul(Var<double>, Var<double>);
template Var<float> div(Var<float>, Var<float>);
template Var<double> div(Var<double>, Var<double>);
template Var<float> minimum(Var<float>, Var<float>);
template Var<double> minimum(Var<double>, Var<double>);
template Var<float> scale(Var<float>, float);
template Var<double> scale(Var<double>, double);
template Var<float> shift(Var<float>, float);
template Var<double> shift(Var<double>, double);
template Var<float> relu(Var<float>);
template Var<double> relu(Var<double>);
template Var<float> tanh(Var<float>);
template Var<double> tanh(Var<double>);
template Var<float> exp(Var<float>);
template Var<double> exp(Var<double>);
template Var<float> log(Var<float>);
template Var<double> log(Var<double>);
template Var<float> square(Var<float>);
template Var<double> square(Var<double>);
template Var<float> softplus(Var<float>);
template Var<double> softplus(Var<double>);
template Var<float> tanh_log_jacobian(Var<float>);
template Var<double> tanh_log_jacobian(Var<double>);
template Var<float> clamp(Var<float>, float, float);
template Var<double> clamp(Var<double>, double, double);
template Var<float> stop_gradient(Var<float>);
template Var<double> stop_gradient(Var<double>);

}  // namespace autodiff
