// Helpers shared by the op implementations (not part of the public API): shape checks, broadcast
// indexing and gradient accumulation. Accumulation assigns on the first contribution of a pass
// and adds afterwards, so no op needs a separate zeroing sweep.
#pragma once
#include <algorithm>
#include <string>

#include "autodiff/tape.h"

namespace autodiff::detail {

/// Offsets of (r, c) in an operand broadcast to a larger output: 0 along a dim of size 1.
struct Broadcast {
  size_t row_step;
  size_t col_step;
  size_t at(size_t r, size_t c) const { return r * row_step + c * col_step; }
};

template <class T>
Broadcast broadcast_of(const Matrix<T>& m) {
  return {m.shape(0) == 1 ? 0 : m.shape(1), m.shape(1) == 1 ? size_t{0} : size_t{1}};
}

/// The broadcast output shape of a and b; throws ShapeError naming the op when they do not fit.
template <class T>
std::array<size_t, 2> broadcast_shape(const char* op, const Matrix<T>& a, const Matrix<T>& b) {
  std::array<size_t, 2> out{};
  for (size_t d = 0; d < 2; ++d) {
    const size_t x = a.shape(d), y = b.shape(d);
    if (x != y && x != 1 && y != 1) {
      throw ShapeError(std::string(op) + ": shapes " + shape_string(a) + " and " +
                       shape_string(b) + " do not broadcast");
    }
    out[d] = std::max(x, y);
  }
  return out;
}

template <class T>
void require_shape(const char* op, const char* what, const Matrix<T>& m, size_t rows, size_t cols) {
  if (m.shape(0) != rows || m.shape(1) != cols) {
    throw ShapeError(std::string(op) + ": " + what + " has shape " + shape_string(m) +
                     ", expected (" + std::to_string(rows) + ", " + std::to_string(cols) + ")");
  }
}

/// grad(input)[i] += contribution(i) for every element of a same-shaped input.
template <class T, class F>
void accumulate(Tape<T>& tape, int input, F contribution) {
  GradRef<T> g = tape.grad_ref(input);
  if (!g) return;
  T* d = g.grad->data();
  const size_t n = g.grad->size();
  if (*g.has_grad) {
    for (size_t i = 0; i < n; ++i) d[i] += contribution(i);
  } else {
    for (size_t i = 0; i < n; ++i) d[i] = contribution(i);
    *g.has_grad = true;
  }
}

/// grad(input) += contribution(r, c) over a (rows, cols) output the input was broadcast to.
template <class T, class F>
void accumulate_broadcast(Tape<T>& tape, int input, size_t rows, size_t cols, F contribution) {
  GradRef<T> g = tape.grad_ref(input);
  if (!g) return;
  Matrix<T>& d = *g.grad;
  if (d.shape(0) == rows && d.shape(1) == cols) {
    accumulate(tape, input, [&](size_t i) { return contribution(i / cols, i % cols); });
    return;
  }
  if (!*g.has_grad) {
    d.fill(T(0));
    *g.has_grad = true;
  }
  const Broadcast at = broadcast_of(d);
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < cols; ++c) d.data()[at.at(r, c)] += contribution(r, c);
}

}  // namespace autodiff::detail
