// Gradient checking: the tape's gradient of a graph against central finite differences, in
// double; and the same graph run in float32, whose gradient must agree loosely with double's.
//
// A graph is a generic lambda (Tape<T>&, const std::vector<Var<T>>&) -> Var<T>; its output, of
// any shape, is reduced to a scalar by a fixed random weighting so every element matters.
#pragma once
#include <algorithm>
#include <cmath>
#include <vector>

#include "autodiff/ops.h"

namespace autodiff::testing {

constexpr double kFiniteStep = 1e-6;      // central difference step, double precision
constexpr double kGradTolerance = 1e-6;   // double: tape vs finite differences
constexpr double kFloatTolerance = 2e-3;  // float32 tape vs double tape

struct GradCheck {
  double max_error = 0.0;   // max over elements of |tape - numeric| / max(1, |numeric|)
  size_t worst_input = 0;   // which input holds the worst element
  size_t worst_index = 0;   // its flat index
};

template <class T>
Matrix<T> cast(const Matrix<double>& m) {
  Matrix<T> out(m.shape());
  std::transform(m.begin(), m.end(), out.begin(), [](double v) { return static_cast<T>(v); });
  return out;
}

// loss = sum(graph(inputs) * weights), inputs recorded as variables
template <class T, class Graph>
Var<T> weighted_loss(Tape<T>& tape, Graph graph, const std::vector<Matrix<double>>& inputs,
                     std::vector<Var<T>>& vars, Rng weights_rng) {
  tape.reset();
  vars.clear();
  for (const Matrix<double>& m : inputs) vars.push_back(tape.variable(cast<T>(m)));
  Var<T> y = graph(tape, vars);
  Matrix<T> weights(tape.value(y).shape());
  for (T& w : weights) w = static_cast<T>(weights_rng.uniform(0.5, 1.5));
  return sum(mul(y, tape.constant(weights)));
}

/// Tape gradients of every input, in T precision.
template <class T, class Graph>
std::vector<Matrix<double>> tape_gradients(Graph graph, const std::vector<Matrix<double>>& inputs) {
  Tape<T> tape;
  std::vector<Var<T>> vars;
  Var<T> loss = weighted_loss(tape, graph, inputs, vars, Rng(7));
  tape.backward(loss);
  std::vector<Matrix<double>> grads;
  for (Var<T> v : vars) {
    const Matrix<T>& g = tape.grad(v);
    Matrix<double> d(g.shape());
    std::transform(g.begin(), g.end(), d.begin(), [](T x) { return static_cast<double>(x); });
    grads.push_back(d);
  }
  return grads;
}

template <class Graph>
double loss_value(Graph graph, const std::vector<Matrix<double>>& inputs) {
  Tape<double> tape;
  std::vector<Var<double>> vars;
  return tape.value(weighted_loss(tape, graph, inputs, vars, Rng(7)))(0, 0);
}

/// Double-precision tape gradients against central finite differences.
template <class Graph>
GradCheck grad_check(Graph graph, std::vector<Matrix<double>> inputs) {
  const std::vector<Matrix<double>> analytic = tape_gradients<double>(graph, inputs);
  GradCheck check;
  for (size_t k = 0; k < inputs.size(); ++k) {
    for (size_t i = 0; i < inputs[k].size(); ++i) {
      const double saved = inputs[k].data()[i];
      inputs[k].data()[i] = saved + kFiniteStep;
      const double up = loss_value(graph, inputs);
      inputs[k].data()[i] = saved - kFiniteStep;
      const double down = loss_value(graph, inputs);
      inputs[k].data()[i] = saved;
      const double numeric = (up - down) / (2 * kFiniteStep);
      const double error =
          std::abs(analytic[k].data()[i] - numeric) / std::max(1.0, std::abs(numeric));
      if (error > check.max_error) check = {error, k, i};
    }
  }
  return check;
}

/// Max relative difference between the float32 and double tape gradients of one graph.
template <class Graph>
double float_vs_double(Graph graph, const std::vector<Matrix<double>>& inputs) {
  const auto in_double = tape_gradients<double>(graph, inputs);
  const auto in_float = tape_gradients<float>(graph, inputs);
  double worst = 0.0;
  for (size_t k = 0; k < inputs.size(); ++k)
    for (size_t i = 0; i < inputs[k].size(); ++i)
      worst = std::max(worst, std::abs(in_double[k].data()[i] - in_float[k].data()[i]) /
                                  std::max(1.0, std::abs(in_double[k].data()[i])));
  return worst;
}

/// A (rows, cols) matrix of values in [lo, hi), seeded.
inline Matrix<double> random_matrix(size_t rows, size_t cols, Rng& rng, double lo = -1.0,
                                    double hi = 1.0) {
  Matrix<double> m({rows, cols});
  for (double& v : m) v = rng.uniform(lo, hi);
  return m;
}

/// Like random_matrix, but every |value| >= margin: keeps kinks (relu at 0) beyond the FD step.
inline Matrix<double> away_from_zero(size_t rows, size_t cols, Rng& rng, double margin = 0.05) {
  Matrix<double> m = random_matrix(rows, cols, rng);
  for (double& v : m) v = v < 0 ? v - margin : v + margin;
  return m;
}

}  // namespace autodiff::testing
