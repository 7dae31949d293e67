// Weight initialisers. Random draws come from an explicit Rng; values are computed in double and
// rounded once, so float and double models built from one seed start from the same numbers.
#pragma once
#include <cmath>
#include <cstddef>

#include "autodiff/rng.h"
#include "autodiff/tensor.h"

namespace autodiff {

enum class InitKind {
  orthogonal,     // the IQL reference: orthogonal weights with a gain, zero bias
  torch_default,  // PyTorch nn.Linear: w, b ~ U(-1/sqrt(in), 1/sqrt(in))
};

struct Init {
  InitKind kind = InitKind::orthogonal;
  double gain = std::sqrt(2.0);  // orthogonal only
};

/// A (rows, cols) matrix with orthonormal columns (rows >= cols) or rows (rows < cols), times
/// `gain`: the Q of a QR of a standard-normal matrix, signs fixed so diag(R) > 0 (as flax/JAX).
template <class T>
Matrix<T> orthogonal(size_t rows, size_t cols, double gain, Rng& rng);

/// A (rows, cols) matrix of U(-bound, bound) draws, row-major.
template <class T>
Matrix<T> uniform(size_t rows, size_t cols, double bound, Rng& rng);

}  // namespace autodiff
