#include "autodiff/blas.h"

#include "autodiff/ordered_gemm.h"

#include <cblas.h>

#include <algorithm>

namespace autodiff {
namespace {

thread_local std::vector<GemmShape>* g_gemm_log = nullptr;

void record(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, bool accumulate, const float* a,
            const float* b, float* c) {
  if (g_gemm_log) g_gemm_log->push_back({trans_a, trans_b, m, n, k, accumulate, a, b, c});
}

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

// a whole product on BLAS, in size_t dimensions
template <class T>
void blas_product(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, T alpha, const T* a, const T* b,
                  T beta, T* c) {
  blas_gemm(trans_a, trans_b, static_cast<int>(m), static_cast<int>(n), static_cast<int>(k), alpha, a,
            leading(trans_a, m, k), b, leading(trans_b, k, n), beta, c);
}

}  // namespace

GemmRecorder::GemmRecorder(std::vector<GemmShape>& log) : previous_(g_gemm_log) { g_gemm_log = &log; }
GemmRecorder::~GemmRecorder() { g_gemm_log = previous_; }

void gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, float alpha, const float* a,
          const float* b, float beta, float* c) {
  record(trans_a, trans_b, m, n, k, beta != 0.0f, a, b, c);
  ordered_gemm(trans_a, trans_b, m, n, k, a, b, c, GemmFinish{alpha, beta});
}

void gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, double alpha, const double* a,
          const double* b, double beta, double* c) {
  pin_one_thread();
  blas_product(trans_a, trans_b, m, n, k, alpha, a, b, beta, c);
}

void affine(size_t m, size_t n, size_t k, const float* x, const float* w, const float* bias, bool relu, float* y) {
  record(false, false, m, n, k, true, x, w, y);
  GemmFinish finish;
  finish.bias = bias;
  finish.relu = relu;
  ordered_gemm(false, false, m, n, k, x, w, y, finish);
}

void affine(size_t m, size_t n, size_t k, const double* x, const double* w, const double* bias, bool relu,
            double* y) {
  double* row = y;
  for (size_t r = 0; r < m; ++r, row += n) std::copy_n(bias, n, row);
  gemm(false, false, m, n, k, 1.0, x, w, 1.0, y);
  if (relu) std::transform(y, y + m * n, y, [](double v) { return std::max(v, 0.0); });
}

void openblas_gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, float alpha, const float* a,
                   const float* b, float beta, float* c) {
  pin_one_thread();
  blas_product(trans_a, trans_b, m, n, k, alpha, a, b, beta, c);
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
