// The differentiable ops. Each takes and returns Vars on one tape; each line gives the forward
// and the backward rule. B = batch rows, I = input features, O = output features, A = action dim.
//
// Scalar arguments are std::type_identity_t<T> (written Scalar<T>) so `2.0 * x` works for float x.
//
// Broadcasting (add, sub, mul, div, minimum): each dim of each operand equals the output's or is 1,
// so (B,O) with (1,O) adds a row to every row and (B,1) with (1,1) is a scalar op. Gradients of a
// broadcast operand are summed over the broadcast dim in a fixed row-major order.
#pragma once
#include <type_traits>

#include "autodiff/rng.h"
#include "autodiff/tape.h"

namespace autodiff {

template <class T>
using Scalar = std::type_identity_t<T>;

// ---- linear algebra (ops_linear.cpp) ----
template <class T> Var<T> matmul(Var<T> x, Var<T> w);          // x (B,I) w (I,O) -> (B,O)   dx = dy w^T, dw = x^T dy
template <class T> Var<T> add_bias(Var<T> x, Var<T> b);        // x (B,O) + b (1,O)          db = sum_B dy
template <class T> Var<T> linear(Var<T> x, Var<T> w, Var<T> b);  // x w + b, fused           as matmul and add_bias
template <class T> Var<T> linear_relu(Var<T> x, Var<T> w, Var<T> b);  // max(x w + b, 0)  as linear, on dy [y > 0]
                                                                  // (after backward its grad holds dy [y > 0])
template <class T> Var<T> concat_cols(Var<T> a, Var<T> b);     // [a b] (B, Ca+Cb)           da, db = column blocks of dy

// ---- elementwise, two operands (ops_elementwise.cpp) ----
template <class T> Var<T> add(Var<T> a, Var<T> b);      // a + b        da = dy, db = dy
template <class T> Var<T> sub(Var<T> a, Var<T> b);      // a - b        da = dy, db = -dy
template <class T> Var<T> mul(Var<T> a, Var<T> b);      // a * b        da = dy b, db = dy a
template <class T> Var<T> div(Var<T> a, Var<T> b);      // a / b        da = dy / b, db = -dy a / b^2
template <class T> Var<T> minimum(Var<T> a, Var<T> b);  // min(a, b)    the smaller gets dy; a on ties

// ---- elementwise, one operand (ops_elementwise.cpp) ----
template <class T> Var<T> scale(Var<T> x, Scalar<T> c);       // c x          dx = c dy
template <class T> Var<T> shift(Var<T> x, Scalar<T> c);       // x + c        dx = dy
template <class T> Var<T> relu(Var<T> x);               // max(x, 0)    dx = dy [x > 0]
template <class T> Var<T> tanh(Var<T> x);               // tanh x       dx = dy (1 - y^2)
template <class T> Var<T> exp(Var<T> x);                // e^x          dx = dy y
template <class T> Var<T> log(Var<T> x);                // ln x         dx = dy / x
template <class T> Var<T> square(Var<T> x);             // x^2          dx = dy 2x
template <class T> Var<T> softplus(Var<T> x);           // ln(1 + e^x)  dx = dy sigmoid(x)
template <class T> Var<T> tanh_log_jacobian(Var<T> x);  // log(1 - tanh(x)^2), stably   dx = -2 dy tanh x
template <class T> Var<T> clamp(Var<T> x, Scalar<T> lo, Scalar<T> hi);  // min(max(x, lo), hi)   dx = dy [lo <= x <= hi]
template <class T> Var<T> stop_gradient(Var<T> x);      // x            dx = 0

// ---- reductions (ops_reduce.cpp) ----
template <class T> Var<T> sum(Var<T> x);                // (1,1) sum of all     dx = dy
template <class T> Var<T> mean(Var<T> x);               // (1,1) mean of all    dx = dy / (B C)
template <class T> Var<T> row_sum(Var<T> x);            // (B,1) sum per row    dx = dy of its row
template <class T> Var<T> row_mean(Var<T> x);           // (B,1) mean per row   dx = dy / C

// ---- normalisation (ops_norm.cpp) ----
// per row of x (B,C): y = (x - mean) / sqrt(var + eps) * gain + bias, gain and bias (1,C)
//   dx = rstd (dxhat - mean(dxhat) - xhat mean(dxhat xhat)), dxhat = dy gain;
//   dgain = sum_B dy xhat, dbias = sum_B dy
template <class T> Var<T> layer_norm(Var<T> x, Var<T> gain, Var<T> bias, Scalar<T> eps);

// ---- policy (ops_policy.cpp) ----
// log N(x; mean, exp(log_std)^2) summed over columns: x, mean (B,A), log_std (1,A) or (B,A) -> (B,1)
//   z = (x - mean) / sigma;  y = sum_A (-z^2/2 - log_std - ln(2 pi)/2)
//   dmean = dy z / sigma,  dlog_std = dy (z^2 - 1) (summed over B when broadcast),  dx = -dy z / sigma
template <class T> Var<T> gaussian_log_prob(Var<T> x, Var<T> mean, Var<T> log_std);
// inverted dropout: each element kept with probability 1 - rate and scaled by 1 / (1 - rate),
// the mask drawn from `rng` in row-major order          dx = dy mask
template <class T> Var<T> dropout(Var<T> x, Scalar<T> rate, Rng& rng);

// ---- operators, for code that reads like the math ----
template <class T> Var<T> operator+(Var<T> a, Var<T> b) { return add(a, b); }
template <class T> Var<T> operator-(Var<T> a, Var<T> b) { return sub(a, b); }
template <class T> Var<T> operator*(Var<T> a, Var<T> b) { return mul(a, b); }
template <class T> Var<T> operator/(Var<T> a, Var<T> b) { return div(a, b); }
template <class T> Var<T> operator-(Var<T> x) { return scale(x, T(-1)); }
template <class T> Var<T> operator*(Var<T> x, Scalar<T> c) { return scale(x, c); }
template <class T> Var<T> operator*(Scalar<T> c, Var<T> x) { return scale(x, c); }
template <class T> Var<T> operator+(Var<T> x, Scalar<T> c) { return shift(x, c); }
template <class T> Var<T> operator-(Var<T> x, Scalar<T> c) { return shift(x, -c); }
template <class T> Var<T> operator-(Scalar<T> c, Var<T> x) { return shift(scale(x, T(-1)), c); }

}  // namespace autodiff
