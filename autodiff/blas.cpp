#include "autodiff/blas.h"

#include <cblas.h>

namespace autodiff {
namespace {

thread_local std::vector<GemmShape>* g_gemm_log = nullptr;

// math within a run is single-threaded (parallelism is across runs), whatever the environment
void pin_one_thread() {
  static const bool pinned = (openblas_set_num_threads(1), true);
  (void)pinned;
}

CBLAS_TRANSPOSE trans(bool t) { return t ? CblasTrans : CblasNoTrans; }

// leading dimension of a row-major operand whose op() is (rows, cols)
int leading(bool transposed, size_t rows, size_t cols) {
  return static_cast<int>(transposed ? rows : cols);
}

// the CBLAS calls, overloaded on the element type
void blas_gemm(bool ta, bool tb, int m, int n, int k, float alpha, const float* a, int lda, const float* b,
               int ldb, float beta, float* c) {
  cblas_sgemm(CblasRowMajor, trans(ta), trans(tb), m, n, k, alpha, a, lda, b, ldb, beta, c, n);
}
void blas_gemm(bool ta, bool tb, int m, int n, int k, double alpha, const double* a, int lda, const double* b,
               int ldb, double beta, double* c) {
  cblas_dgemm(CblasRowMajor, trans(ta), trans(tb), m, n, k, alpha, a, lda, b, ldb, beta, c, n);
}

// c (m,n) = alpha a b^T + beta c for vectors a (m), b (n): one product per element, no sum
template <class T>
void outer_product(size_t m, size_t n, T alpha, const T* a, const T* b, T beta, T* c) {
  for (size_t i = 0; i < m; ++i) {
    T* row = c + i * n;
    if (beta == T(0)) {
      for (size_t j = 0; j < n; ++j) row[j] = alpha * (a[i] * b[j]);
    } else {
      for (size_t j = 0; j < n; ++j) row[j] = beta * row[j] + alpha * (a[i] * b[j]);
    }
  }
}

// A single inner index (the gradient into a layer from a one-unit head) is an outer product:
// OpenBLAS's GEMM path takes 1.5x as long on it, and one product per element gives the same bits.
// (Routing a single output column to GEMV was 3x faster too, but it sums in another order, and
// through the ReLU kinks that moved the 50-update parity error from 4e-6 to 4e-4.)
template <class T>
void gemm_dispatch(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, T alpha, const T* a, const T* b,
                   T beta, T* c) {
  pin_one_thread();
  if (k == 1) {  // op(a) and op(b) are vectors, contiguous whatever their transpose flags
    outer_product(m, n, alpha, a, b, beta, c);
    return;
  }
  blas_gemm(trans_a, trans_b, static_cast<int>(m), static_cast<int>(n), static_cast<int>(k), alpha, a,
            leading(trans_a, m, k), b, leading(trans_b, k, n), beta, c);
}

}  // namespace

GemmRecorder::GemmRecorder(std::vector<GemmShape>& log) : previous_(g_gemm_log) { g_gemm_log = &log; }
GemmRecorder::~GemmRecorder() { g_gemm_log = previous_; }

void gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, float alpha, const float* a,
          const float* b, float beta, float* c) {
  if (g_gemm_log) g_gemm_log->push_back({trans_a, trans_b, m, n, k, beta != 0.0f, a, b, c});
  gemm_dispatch(trans_a, trans_b, m, n, k, alpha, a, b, beta, c);
}

void gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, double alpha, const double* a,
          const double* b, double beta, double* c) {
  gemm_dispatch(trans_a, trans_b, m, n, k, alpha, a, b, beta, c);
}

void gemv_transposed(size_t k, size_t n, float alpha, const float* w, const float* x, float beta,
                     float* y) {
  pin_one_thread();
  cblas_sgemv(CblasRowMajor, CblasTrans, static_cast<int>(k), static_cast<int>(n), alpha, w,
              static_cast<int>(n), x, 1, beta, y, 1);
}

void gemv_transposed(size_t k, size_t n, double alpha, const double* w, const double* x,
                     double beta, double* y) {
  pin_one_thread();
  cblas_dgemv(CblasRowMajor, CblasTrans, static_cast<int>(k), static_cast<int>(n), alpha, w,
              static_cast<int>(n), x, 1, beta, y, 1);
}

}  // namespace autodiff
