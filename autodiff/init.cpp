#include "autodiff/init.h"

#include <utility>
#include <vector>

namespace autodiff {
namespace {

// orthonormalise the columns of a (m, n) row-major matrix, m >= n, in place: modified
// Gram-Schmidt, which yields the Q of the QR with a positive diagonal of R
void orthonormalize_columns(std::vector<double>& a, size_t m, size_t n) {
  for (size_t j = 0; j < n; ++j) {
    for (size_t k = 0; k < j; ++k) {
      double dot = 0.0;
      for (size_t i = 0; i < m; ++i) dot += a[i * n + k] * a[i * n + j];
      for (size_t i = 0; i < m; ++i) a[i * n + j] -= dot * a[i * n + k];
    }
    double norm = 0.0;
    for (size_t i = 0; i < m; ++i) norm += a[i * n + j] * a[i * n + j];
    norm = std::sqrt(norm);
    for (size_t i = 0; i < m; ++i) a[i * n + j] /= norm;
  }
}

}  // namespace

template <class T>
Matrix<T> orthogonal(size_t rows, size_t cols, double gain, Rng& rng) {
  // QR needs a tall matrix: a wide one is built transposed, then transposed back
  const bool wide = rows < cols;
  const size_t m = wide ? cols : rows, n = wide ? rows : cols;
  std::vector<double> a(m * n);
  for (double& v : a) v = rng.normal();
  orthonormalize_columns(a, m, n);
  Matrix<T> out({rows, cols});
  for (size_t i = 0; i < m; ++i)
    for (size_t j = 0; j < n; ++j) {
      const T v = static_cast<T>(gain * a[i * n + j]);
      if (wide) out(j, i) = v; else out(i, j) = v;
    }
  return out;
}

template <class T>
Matrix<T> uniform(size_t rows, size_t cols, double bound, Rng& rng) {
  Matrix<T> out({rows, cols});
  for (T& v : out) v = static_cast<T>(rng.uniform(-bound, bound));
  return out;
}

template Matrix<float> orthogonal(size_t, size_t, double, Rng&);
template Matrix<double> orthogonal(size_t, size_t, double, Rng&);
template Matrix<float> uniform(size_t, size_t, double, Rng&);
template Matrix<double> uniform(size_t, size_t, double, Rng&);

}  // namespace autodiff
