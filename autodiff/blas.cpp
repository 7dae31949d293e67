#include "autodiff/blas.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>

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

// a whole product on BLAS, in size_t dimensions
template <class T>
void blas_product(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, T alpha, const T* a, const T* b,
                  T beta, T* c) {
  blas_gemm(trans_a, trans_b, static_cast<int>(m), static_cast<int>(n), static_cast<int>(k), alpha, a,
            leading(trans_a, m, k), b, leading(trans_b, k, n), beta, c);
}

// Narrow products: one dimension of the product at most kNarrow wide, as at the network heads (Q and V
// have one unit, the policy mean one per action dimension). On these OpenBLAS's kernels add the k terms
// of each element in order, one fused multiply-add each, starting from 0 (its wider tiles split the sum;
// blas_test checks where the two agree), so a loop with std::fma in that order gives the same bits,
// without the packing that makes OpenBLAS 3-5x slower here. (GEMV is faster still on one output column,
// but it sums in another order: that moved the 50-update parity error from 4e-6 to 4e-4.)
constexpr size_t kNarrow = 7;

// per-thread working memory of the narrow products; contents undefined
template <class T>
T* scratch(size_t size) {
  thread_local std::vector<T> buffer;
  if (buffer.size() < size) buffer.resize(size);
  return buffer.data();
}

// c = alpha sum + beta c, as OpenBLAS finishes an element: c scaled first, then one fused multiply-add;
// beta 0 never reads c
template <class T>
void finish_row(size_t n, T alpha, const T* sum, T beta, T* c) {
  if (beta == T(0)) {
    for (size_t j = 0; j < n; ++j) c[j] = std::fma(alpha, sum[j], T(0));
  } else {
    for (size_t j = 0; j < n; ++j) c[j] = std::fma(alpha, sum[j], beta * c[j]);
  }
}

// c (m,n) = alpha a b^T + beta c for a (m,k), b (n,k), k narrow (the gradient through a head):
// b^T is copied so that the inner loop runs along a row of c. Each row is summed in place in c when c
// is not read (beta 0), else beside it.
template <class T>
void narrow_inner(size_t m, size_t n, size_t k, T alpha, const T* a, const T* b, T beta, T* c) {
  T* bt = scratch<T>(k * n + n);
  for (size_t j = 0; j < n; ++j)
    for (size_t p = 0; p < k; ++p) bt[p * n + j] = b[j * k + p];
  for (size_t i = 0; i < m; ++i) {
    T* sum = beta == T(0) ? c + i * n : bt + k * n;
    const T a_i0 = a[i * k];
    for (size_t j = 0; j < n; ++j) sum[j] = std::fma(a_i0, bt[j], T(0));
    for (size_t p = 1; p < k; ++p) {
      const T a_ip = a[i * k + p];
      const T* bt_p = bt + p * n;
      for (size_t j = 0; j < n; ++j) sum[j] = std::fma(a_ip, bt_p[j], sum[j]);
    }
    if (beta != T(0) || alpha != T(1)) finish_row(n, alpha, sum, beta, c + i * n);
  }
}

// c (m,n) = alpha a^T b + beta c for a (k,m), b (k,n), n narrow (a head's weight gradient): the sum
// runs down the rows of a, one accumulator row per output column, each added to in k order
template <class T>
void narrow_columns(size_t m, size_t n, size_t k, T alpha, const T* a, const T* b, T beta, T* c) {
  T* sum = scratch<T>(n * m);  // sum[j * m + i]
  std::fill(sum, sum + n * m, T(0));
  for (size_t p = 0; p < k; ++p) {
    const T* a_row = a + p * m;
    for (size_t j = 0; j < n; ++j) {
      const T b_pj = b[p * n + j];
      T* sum_j = sum + j * m;
      for (size_t i = 0; i < m; ++i) sum_j[i] = std::fma(a_row[i], b_pj, sum_j[i]);
    }
  }
  T row[kNarrow];
  for (size_t i = 0; i < m; ++i) {
    for (size_t j = 0; j < n; ++j) row[j] = sum[j * m + i];
    finish_row(n, alpha, row, beta, c + i * n);
  }
}

template <class T>
void gemm_dispatch(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, T alpha, const T* a, const T* b,
                   T beta, T* c) {
  pin_one_thread();
  // with one inner index op(a) and op(b) are vectors, stored alike whatever their transpose flags
  const bool narrow_k = k == 1 || (!trans_a && trans_b && k >= 1 && k <= kNarrow);
  if (narrow_k) return narrow_inner(m, n, k, alpha, a, b, beta, c);
  if (trans_a && !trans_b && n <= kNarrow) return narrow_columns(m, n, k, alpha, a, b, beta, c);
  blas_product(trans_a, trans_b, m, n, k, alpha, a, b, beta, c);
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
