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

}  // namespace

GemmRecorder::GemmRecorder(std::vector<GemmShape>& log) : previous_(g_gemm_log) { g_gemm_log = &log; }
GemmRecorder::~GemmRecorder() { g_gemm_log = previous_; }

void gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, float alpha, const float* a,
          const float* b, float beta, float* c) {
  pin_one_thread();
  if (g_gemm_log) g_gemm_log->push_back({trans_a, trans_b, m, n, k, beta != 0.0f, a, b, c});
  cblas_sgemm(CblasRowMajor, trans(trans_a), trans(trans_b), static_cast<int>(m),
              static_cast<int>(n), static_cast<int>(k), alpha, a, leading(trans_a, m, k), b,
              leading(trans_b, k, n), beta, c, static_cast<int>(n));
}

void gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, double alpha, const double* a,
          const double* b, double beta, double* c) {
  pin_one_thread();
  cblas_dgemm(CblasRowMajor, trans(trans_a), trans(trans_b), static_cast<int>(m),
              static_cast<int>(n), static_cast<int>(k), alpha, a, leading(trans_a, m, k), b,
              leading(trans_b, k, n), beta, c, static_cast<int>(n));
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
